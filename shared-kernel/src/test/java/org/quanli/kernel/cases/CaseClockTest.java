package org.quanli.kernel.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.quanli.kernel.calendar.CalendarYearMissing;
import org.quanli.kernel.calendar.WorkingDayCalendar;

class CaseClockTest {

    private static final CaseClock CLOCK = new CaseClock(WorkingDayCalendar.load(null));
    // Monday, the last working day before the 2019 National Day holiday (10-01 to 10-07).
    private static final LocalDate EVE_OF_NATIONAL_DAY = LocalDate.of(2019, 9, 30);

    @Test
    void aFiveDayLimitFromTheEveOfNationalDayEndsOnTheMakeUpSaturday() {
        CaseTime time = CLOCK.on(EVE_OF_NATIONAL_DAY, 5, 0, List.of(), EVE_OF_NATIONAL_DAY);

        // 10-08, 09, 10, 11 and the make-up working Saturday 10-12.
        assertThat(time.deadline()).isEqualTo(LocalDate.of(2019, 10, 12));
        assertThat(time.workingDays()).isZero();
        assertThat(time.remainingDays()).isEqualTo(5);
        assertThat(time.overdue()).isFalse();
    }

    @Test
    void theHolidayDoesNotCountAndTheMakeUpSundayDoes() {
        // Accepted Friday 2019-09-27; Sunday 09-29 is a make-up working day, 09-30 one more, then the holiday.
        CaseTime time = CLOCK.on(LocalDate.of(2019, 9, 27), 5, 0, List.of(), LocalDate.of(2019, 10, 7));

        assertThat(time.workingDays()).isEqualTo(2);
        assertThat(time.remainingDays()).isEqualTo(3);
        assertThat(time.deadline()).isEqualTo(LocalDate.of(2019, 10, 10));
    }

    @Test
    void aCaseConcludedOnItsAcceptanceDayTookZeroWorkingDays() {
        CaseTime time = CLOCK.on(LocalDate.of(2019, 6, 3), 0, 0, List.of(), LocalDate.of(2019, 6, 3));

        assertThat(time.workingDays()).isZero();
        assertThat(time.deadline()).isEqualTo(LocalDate.of(2019, 6, 3));
        assertThat(time.overdue()).isFalse();
    }

    @Test
    void aSuspensionOverAWeekendStopsTheClockForItsWorkingDaysOnly() {
        // Accepted Monday 2019-06-17, 5 days; testing from Thursday 06-20 to Tuesday 06-25: Thu, Fri, Mon, Tue.
        List<Suspension> testing = List.of(new Suspension(LocalDate.of(2019, 6, 20), LocalDate.of(2019, 6, 25)));

        CaseTime time = CLOCK.on(LocalDate.of(2019, 6, 17), 5, 0, testing, LocalDate.of(2019, 6, 26));

        assertThat(time.suspendedDays()).isEqualTo(4);
        // Working days after acceptance to 06-26: 18, 19, 20, 21, 24, 25, 26 = 7, minus 4 suspended.
        assertThat(time.workingDays()).isEqualTo(3);
        assertThat(time.remainingDays()).isEqualTo(2);
        // 5 + 4 working days after 06-17: 18, 19, 20, 21, 24, 25, 26, 27, 28.
        assertThat(time.deadline()).isEqualTo(LocalDate.of(2019, 6, 28));
    }

    @Test
    void anOngoingSuspensionCountsUpToTheDateAsked() {
        List<Suspension> hearing = List.of(new Suspension(LocalDate.of(2019, 6, 20), null));

        CaseTime time = CLOCK.on(LocalDate.of(2019, 6, 17), 5, 0, hearing, LocalDate.of(2019, 6, 21));

        assertThat(time.suspendedDays()).isEqualTo(2);
        assertThat(time.workingDays()).isEqualTo(2);
    }

    @Test
    void overlappingSuspensionsCountEachDayOnce() {
        List<Suspension> two = List.of(new Suspension(LocalDate.of(2019, 6, 18), LocalDate.of(2019, 6, 20)),
                new Suspension(LocalDate.of(2019, 6, 19), LocalDate.of(2019, 6, 21)));

        assertThat(CLOCK.suspendedDays(LocalDate.of(2019, 6, 17), two, LocalDate.of(2019, 6, 30))).isEqualTo(4);
    }

    @Test
    void anExtensionMovesTheDeadlineAndAPeriodAcrossTheMakeUpSaturdayCountsIt() {
        // Accepted Thursday 2019-10-10, 2 days + 1 extended: 10-11, Saturday 10-12 (make-up), Monday 10-14.
        CaseTime time = CLOCK.on(LocalDate.of(2019, 10, 10), 2, 1, List.of(), LocalDate.of(2019, 10, 15));

        assertThat(time.deadline()).isEqualTo(LocalDate.of(2019, 10, 14));
        assertThat(time.workingDays()).isEqualTo(4);
        assertThat(time.remainingDays()).isEqualTo(-1);
        assertThat(time.overdue()).isTrue();
    }

    @Test
    void aYearWithoutCalendarDataIsRefused() {
        assertThatThrownBy(() -> CLOCK.on(LocalDate.of(2099, 3, 2), 5, 0, List.of(), LocalDate.of(2099, 3, 9)))
                .isInstanceOf(CalendarYearMissing.class);
    }

    @Test
    void aDateBeyondEveryYearOfDataIsRefusedAsAMissingYearNotOverflowed() {
        // The last date Java knows: one day after it cannot even be computed.
        assertThatThrownBy(() -> CLOCK.on(LocalDate.MAX, 45, 0, List.of(), LocalDate.MAX))
                .isInstanceOfSatisfying(CalendarYearMissing.class,
                        missing -> assertThat(missing.rule()).isEqualTo("working-day-calendar-available"));
        assertThatThrownBy(() -> CLOCK.suspendedDays(LocalDate.of(2019, 6, 17),
                List.of(new Suspension(LocalDate.MAX, null)), LocalDate.of(2019, 6, 20)))
                .isInstanceOf(CalendarYearMissing.class);
    }
}
