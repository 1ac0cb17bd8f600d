package org.quanli.kernel.calendar;

import java.time.LocalDate;
import java.time.ZoneId;

/** The ledger's days are China's: "today", and the end of a day, are Beijing time wherever the server runs. */
public final class ChinaTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private ChinaTime() {
    }

    public static LocalDate today() {
        return LocalDate.now(ZONE);
    }
}
