package org.quanli.kernel.cases;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A period in which the clock stood still (a special procedure other than an extension), from {@code start} to
 * {@code end}, both included; {@code end} is null while the procedure goes on.
 */
public record Suspension(LocalDate start, LocalDate end) {

    public Suspension {
        Objects.requireNonNull(start, "start");
        if (end != null && end.isBefore(start)) {
            throw new IllegalArgumentException("中止结束日 " + end + " 早于开始日 " + start);
        }
    }

    public boolean ongoing() {
        return end == null;
    }
}
