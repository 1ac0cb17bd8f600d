package org.quanli.command.cases;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import org.quanli.platform.architecture.FeatureInterface;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * When supervision deadlines fall. A flag about a day is due at the start of that day in China Standard Time (no
 * daylight saving, so every day is 24 hours): {@code epochInstant + (day - epochDate) × dayLength}, which with the
 * defaults is {@code day.atStartOfDay(+08:00)}. Only a test changes {@code dayLength} and the epoch, to let days pass
 * in seconds; the arithmetic is the same.
 *
 * <p>A case entered after the fact (back-filled history) has deadlines that lie in the past when they are scheduled.
 * Fired at once, they would flag the case, or terminate it for a lapsed deficiency, while its officer is still
 * entering the steps that followed. Such a deadline is due {@code backFillGrace} after it is scheduled instead; it
 * still judges the case on the day it is about.
 *
 * @param yellowDays    remaining working days at which a yellow warning is raised ({@code quanli.supervision.yellow-days})
 * @param backFillGrace how long a deadline already past when scheduled waits ({@code quanli.supervision.back-fill-grace},
 *                      one day); zero fires it at once
 */
@FeatureInterface
@ConfigurationProperties("quanli.supervision")
public record SupervisionSchedule(Integer yellowDays, Duration dayLength, LocalDate epochDate, Instant epochInstant,
                                  Duration backFillGrace) {

    public static final int DEFAULT_YELLOW_DAYS = 2;
    private static final LocalDate EPOCH = LocalDate.of(1970, 1, 1);
    private static final Instant EPOCH_IN_CHINA = Instant.parse("1969-12-31T16:00:00Z");

    public SupervisionSchedule {
        yellowDays = yellowDays == null ? DEFAULT_YELLOW_DAYS : yellowDays;
        dayLength = dayLength == null ? Duration.ofDays(1) : dayLength;
        epochDate = epochDate == null ? EPOCH : epochDate;
        epochInstant = epochInstant == null ? EPOCH_IN_CHINA : epochInstant;
        backFillGrace = backFillGrace == null ? Duration.ofDays(1) : backFillGrace;
        if (yellowDays < 0 || dayLength.isNegative() || dayLength.isZero() || backFillGrace.isNegative()) {
            throw new IllegalArgumentException(
                    "quanli.supervision: yellow-days ≥ 0, a positive day-length and a back-fill-grace ≥ 0");
        }
    }

    /** The instant at which a deadline about {@code day}, scheduled now, is due. */
    public Instant dueAt(LocalDate day) {
        Instant due = epochInstant.plus(dayLength.multipliedBy(ChronoUnit.DAYS.between(epochDate, day)));
        if (backFillGrace.isZero()) {
            return due;
        }
        Instant now = Instant.now();
        return due.isBefore(now) ? now.plus(backFillGrace) : due;
    }
}
