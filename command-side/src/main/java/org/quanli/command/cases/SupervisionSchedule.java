package org.quanli.command.cases;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * When supervision deadlines fall. A flag about a day is due at the start of that day in China Standard Time (no
 * daylight saving, so every day is 24 hours): {@code epochInstant + (day - epochDate) × dayLength}, which with the
 * defaults is {@code day.atStartOfDay(+08:00)}. Only a test changes {@code dayLength} and the epoch, to let days pass
 * in seconds; the arithmetic is the same.
 *
 * @param yellowDays remaining working days at which a yellow warning is raised ({@code quanli.supervision.yellow-days})
 */
@ConfigurationProperties("quanli.supervision")
public record SupervisionSchedule(Integer yellowDays, Duration dayLength, LocalDate epochDate, Instant epochInstant) {

    public static final int DEFAULT_YELLOW_DAYS = 2;
    private static final LocalDate EPOCH = LocalDate.of(1970, 1, 1);
    private static final Instant EPOCH_IN_CHINA = Instant.parse("1969-12-31T16:00:00Z");

    public SupervisionSchedule {
        yellowDays = yellowDays == null ? DEFAULT_YELLOW_DAYS : yellowDays;
        dayLength = dayLength == null ? Duration.ofDays(1) : dayLength;
        epochDate = epochDate == null ? EPOCH : epochDate;
        epochInstant = epochInstant == null ? EPOCH_IN_CHINA : epochInstant;
        if (yellowDays < 0 || dayLength.isNegative() || dayLength.isZero()) {
            throw new IllegalArgumentException("quanli.supervision: yellow-days ≥ 0 and a positive day-length");
        }
    }

    public static SupervisionSchedule defaults() {
        return new SupervisionSchedule(null, null, null, null);
    }

    /** The instant at which a flag about {@code day} is due. */
    public Instant dueAt(LocalDate day) {
        return epochInstant.plus(dayLength.multipliedBy(ChronoUnit.DAYS.between(epochDate, day)));
    }
}
