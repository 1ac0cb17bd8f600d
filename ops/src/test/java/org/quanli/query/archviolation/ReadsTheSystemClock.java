package org.quanli.query.archviolation;

import java.time.LocalDate;

import org.quanli.kernel.calendar.ChinaTime;

/** Breaks the clock wall on purpose (ArchitectureTest): "today" read from the system, not from the injected clock. */
public class ReadsTheSystemClock {

    public LocalDate today() {
        return LocalDate.now(ChinaTime.ZONE);
    }
}
