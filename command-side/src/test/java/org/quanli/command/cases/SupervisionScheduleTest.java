package org.quanli.command.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;

class SupervisionScheduleTest {

    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    @Test
    void aDeadlineAboutAComingDayIsDueAtTheStartOfThatDayInChina() {
        LocalDate day = LocalDate.now(CHINA).plusDays(3);
        SupervisionSchedule schedule = new SupervisionSchedule(null, null, null, null, null);

        assertThat(schedule.dueAt(day)).isEqualTo(day.atStartOfDay().toInstant(CHINA));
    }

    @Test
    void aDeadlineAlreadyPastWhenABackFilledCaseSchedulesItWaitsTheGraceSoTheRestOfItsHistoryCanBeEntered() {
        SupervisionSchedule schedule = new SupervisionSchedule(null, null, null, null, null);

        assertThat(schedule.backFillGrace()).isEqualTo(Duration.ofDays(1));
        assertThat(schedule.dueAt(LocalDate.of(2019, 6, 20)))
                .isCloseTo(Instant.now().plus(Duration.ofDays(1)), within(1, ChronoUnit.MINUTES));
    }

    @Test
    void withoutGraceAPastDeadlineIsDueOnItsOwnDay() {
        SupervisionSchedule schedule = new SupervisionSchedule(null, null, null, null, Duration.ZERO);

        assertThat(schedule.dueAt(LocalDate.of(2019, 6, 20)))
                .isEqualTo(LocalDate.of(2019, 6, 20).atStartOfDay().toInstant(CHINA));
    }
}
