package org.quanli.command.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.quanli.kernel.calendar.ChinaTime;

class SupervisionScheduleTest {

    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    /** 2019-06-17 10:00 in Beijing. */
    private static final Instant NOW = Instant.parse("2019-06-17T02:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ChinaTime.ZONE);

    @Test
    void aDeadlineAboutAComingDayIsDueAtTheStartOfThatDayInChina() {
        LocalDate day = LocalDate.of(2019, 6, 20);
        SupervisionSchedule schedule = new SupervisionSchedule(new SupervisionSchedule.Settings(null, null), CLOCK);

        assertThat(schedule.dueAt(day)).isEqualTo(day.atStartOfDay().toInstant(CHINA));
    }

    @Test
    void aDeadlineAlreadyPastWhenABackFilledCaseSchedulesItWaitsTheGraceSoTheRestOfItsHistoryCanBeEntered() {
        SupervisionSchedule schedule = new SupervisionSchedule(new SupervisionSchedule.Settings(null, null), CLOCK);

        assertThat(schedule.backFillGrace()).isEqualTo(Duration.ofDays(1));
        assertThat(schedule.dueAt(LocalDate.of(2019, 6, 10))).isEqualTo(NOW.plus(Duration.ofDays(1)));
    }

    @Test
    void withoutGraceAPastDeadlineIsDueOnItsOwnDay() {
        SupervisionSchedule schedule = new SupervisionSchedule(new SupervisionSchedule.Settings(null, Duration.ZERO),
                CLOCK);

        assertThat(schedule.dueAt(LocalDate.of(2019, 6, 10)))
                .isEqualTo(LocalDate.of(2019, 6, 10).atStartOfDay().toInstant(CHINA));
    }
}
