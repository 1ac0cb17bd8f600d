package org.quanli.kernel.calendar;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * The ledger's days are China's: "today", and the end of a day, are Beijing time wherever the server runs. The time
 * itself always comes from the clock the caller was given (the application's one {@link Clock} bean), never from
 * the system directly, so that a test can set it.
 */
public final class ChinaTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private ChinaTime() {
    }

    /** Today in Beijing on the given clock. */
    public static LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(ZONE));
    }

    /** Now in Beijing on the given clock, as a wall-clock time. */
    public static LocalDateTime now(Clock clock) {
        return LocalDateTime.now(clock.withZone(ZONE));
    }
}
