package org.quanli.command.cases;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import org.quanli.kernel.calendar.ChinaTime;
import org.quanli.platform.architecture.FeatureInterface;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * When supervision deadlines fall. A flag about a day is due at the start of that day in Beijing time.
 *
 * <p>A case entered after the fact (back-filled history) has deadlines that lie in the past when they are scheduled.
 * Fired at once, they would flag the case, or terminate it for a lapsed deficiency, while its officer is still
 * entering the steps that followed. Such a deadline is due {@code backFillGrace} after it is scheduled instead; it
 * still judges the case on the day it is about. "Now" is the application's clock, so a test that lets days pass
 * moves the clock, not this arithmetic.
 */
@FeatureInterface
public final class SupervisionSchedule {

    public static final int DEFAULT_YELLOW_DAYS = 2;

    /**
     * @param yellowDays    remaining working days at which a yellow warning is raised
     *                      ({@code quanli.supervision.yellow-days})
     * @param backFillGrace how long a deadline already past when scheduled waits
     *                      ({@code quanli.supervision.back-fill-grace}, one day); zero fires it at once
     */
    @ConfigurationProperties("quanli.supervision")
    public record Settings(Integer yellowDays, Duration backFillGrace) {

        public Settings {
            yellowDays = yellowDays == null ? DEFAULT_YELLOW_DAYS : yellowDays;
            backFillGrace = backFillGrace == null ? Duration.ofDays(1) : backFillGrace;
            if (yellowDays < 0 || backFillGrace.isNegative()) {
                throw new IllegalArgumentException("quanli.supervision: yellow-days ≥ 0 and a back-fill-grace ≥ 0");
            }
        }
    }

    private final Settings settings;
    private final Clock clock;

    public SupervisionSchedule(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public int yellowDays() {
        return settings.yellowDays();
    }

    public Duration backFillGrace() {
        return settings.backFillGrace();
    }

    /** The instant at which a deadline about {@code day}, scheduled now, is due. */
    public Instant dueAt(LocalDate day) {
        Instant due = day.atStartOfDay(ChinaTime.ZONE).toInstant();
        if (settings.backFillGrace().isZero()) {
            return due;
        }
        Instant now = clock.instant();
        return due.isBefore(now) ? now.plus(settings.backFillGrace()) : due;
    }
}
