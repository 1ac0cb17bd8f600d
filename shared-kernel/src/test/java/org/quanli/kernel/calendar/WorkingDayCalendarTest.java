package org.quanli.kernel.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Counting on the bundled calendar, with dates checked by hand against the notices. */
class WorkingDayCalendarTest {

    private static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.load(null);

    private static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    void fiveWorkingDaysFromTheEveOfNationalDayEndOnTheMakeUpSaturdayAfterTheHoliday() {
        // Accepted Monday 2019-09-30; Oct 1-7 are off; Oct 8-11 are days 1-4; Saturday Oct 12 is a working day.
        assertThat(CALENDAR.addWorkingDays(date("2019-09-30"), 5)).isEqualTo(date("2019-10-12"));
        assertThat(CALENDAR.workingDaysBetween(date("2019-09-30"), date("2019-10-11"))).isEqualTo(4);
        assertThat(CALENDAR.workingDaysBetween(date("2019-09-30"), date("2019-10-12"))).isEqualTo(5);
    }

    @Test
    void weekdaysInsideAHolidayBlockAreNotWorkingDays() {
        assertThat(CALENDAR.isWorkingDay(date("2019-10-02"))).isFalse(); // a Wednesday
        assertThat(CALENDAR.isWorkingDay(date("2019-10-08"))).isTrue();
    }

    @Test
    void aPeriodCrossingAMakeUpSundayCountsIt() {
        // Friday 2019-09-27 to Monday 09-30: Saturday 28 off, Sunday 29 a make-up working day, Monday 30.
        assertThat(CALENDAR.isWorkingDay(date("2019-09-29"))).isTrue();
        assertThat(CALENDAR.workingDaysBetween(date("2019-09-27"), date("2019-09-30"))).isEqualTo(2);
    }

    @Test
    void anOrdinaryWeekendIsNotAWorkingDay() {
        assertThat(CALENDAR.isWorkingDay(date("2019-09-28"))).isFalse();
        assertThat(CALENDAR.isWorkingDay(date("2019-11-10"))).isFalse();
    }

    @Test
    void aCaseConcludedOnItsAcceptanceDayTookZeroWorkingDays() {
        assertThat(CALENDAR.workingDaysBetween(date("2024-02-08"), date("2024-02-08"))).isZero();
        assertThat(CALENDAR.addWorkingDays(date("2024-02-08"), 0)).isEqualTo(date("2024-02-08"));
    }

    @Test
    void aPeriodEndingBeforeItStartsCountsNoWorkingDays() {
        assertThat(CALENDAR.workingDaysBetween(date("2024-02-08"), date("2024-02-01"))).isZero();
    }

    @Test
    void theSpringFestivalEveOf2024WasAWorkingDayAndTheSundayAfterTheHolidayToo() {
        // The 2024 notice only encouraged rest on the eve (Friday Feb 9); Feb 10-17 off; Sunday Feb 18 worked.
        LocalDate accepted = date("2024-02-08");
        assertThat(CALENDAR.addWorkingDays(accepted, 1)).isEqualTo(date("2024-02-09"));
        assertThat(CALENDAR.addWorkingDays(accepted, 2)).isEqualTo(date("2024-02-18"));
        assertThat(CALENDAR.addWorkingDays(accepted, 3)).isEqualTo(date("2024-02-19"));
    }

    @Test
    void fromTwentyTwentyFiveTheSpringFestivalHolidayStartsOnTheEve() {
        // Revised 全国年节及纪念日放假办法: eve Tuesday 2025-01-28 to Feb 4 off, Sunday Jan 26 and Saturday Feb 8 worked.
        // From Friday Jan 24: Jan 26, 27, then Feb 5, 6, 7, 8 and Monday Feb 10.
        assertThat(CALENDAR.isWorkingDay(date("2025-01-28"))).isFalse();
        assertThat(CALENDAR.workingDaysBetween(date("2025-01-24"), date("2025-02-10"))).isEqualTo(7);
    }

    @Test
    void theLabourDayHolidayOf2025HasFiveDaysAndOneMakeUpSunday() {
        // Sunday Apr 27, Apr 28-30, then May 1-5 off, Tuesday May 6.
        assertThat(CALENDAR.workingDaysBetween(date("2025-04-25"), date("2025-05-06"))).isEqualTo(5);
    }

    @Test
    void theEpidemicExtensionOf2020KeptEveryoneHomeUntilFebruaryThird() {
        // The extension notice made Jan 31 a holiday and cancelled the make-up Saturday of Feb 1.
        assertThat(CALENDAR.isWorkingDay(date("2020-01-31"))).isFalse();
        assertThat(CALENDAR.isWorkingDay(date("2020-02-01"))).isFalse();
        assertThat(CALENDAR.isWorkingDay(date("2020-01-19"))).isTrue();
        assertThat(CALENDAR.addWorkingDays(date("2020-01-23"), 1)).isEqualTo(date("2020-02-03"));
    }

    @Test
    void countingCrossesTheYearBoundary() {
        // Tuesday 2019-12-31: New Year's Day off, Thursday Jan 2 is the first working day.
        assertThat(CALENDAR.workingDaysBetween(date("2019-12-31"), date("2020-01-02"))).isEqualTo(1);
    }

    @Test
    void aNewYearBlockStartingInDecemberIsCountedFromBothYearsFiles() {
        // 2019 New Year: Saturday 2018-12-29 worked, Dec 30 to Jan 1 off (Monday Dec 31 included).
        assertThat(CALENDAR.isWorkingDay(date("2018-12-29"))).isTrue();
        assertThat(CALENDAR.isWorkingDay(date("2018-12-31"))).isFalse();
        assertThat(CALENDAR.workingDaysBetween(date("2018-12-28"), date("2019-01-02"))).isEqualTo(2);
    }

    @Test
    void aSuspensionCountsTheWorkingDaysOfBothItsEnds() {
        // Sep 29 (make-up Sunday) and Sep 30, then the holiday, then Oct 8.
        assertThat(CALENDAR.workingDaysIn(date("2019-09-29"), date("2019-10-08"))).isEqualTo(3);
        assertThat(CALENDAR.workingDaysIn(date("2019-10-08"), date("2019-10-08"))).isEqualTo(1);
        assertThat(CALENDAR.workingDaysIn(date("2019-10-01"), date("2019-10-07"))).isZero();
    }

    @Test
    void aSuspensionEndingBeforeItStartsIsRefused() {
        assertThatThrownBy(() -> CALENDAR.workingDaysIn(date("2019-10-08"), date("2019-10-07")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNegativeNumberOfWorkingDaysIsRefused() {
        assertThatThrownBy(() -> CALENDAR.addWorkingDays(date("2019-10-08"), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aYearWithoutDataIsRefusedNotGuessed() {
        assertThatThrownBy(() -> CALENDAR.isWorkingDay(date("2012-06-01")))
                .isInstanceOfSatisfying(CalendarYearMissing.class, missing -> assertThat(missing.year()).isEqualTo(2012))
                .hasMessageContaining("缺少2012年的工作日历")
                .hasMessageContaining("must add 2012.properties");
    }

    @Test
    void aCountRunningPastTheLastYearOfDataIsRefused() {
        // Dec 28-31 2026 are four working days; the fifth would be in 2027, which has no data yet.
        assertThat(CALENDAR.addWorkingDays(date("2026-12-25"), 4)).isEqualTo(date("2026-12-31"));
        assertThatThrownBy(() -> CALENDAR.addWorkingDays(date("2026-12-25"), 5))
                .isInstanceOfSatisfying(CalendarYearMissing.class, missing -> assertThat(missing.year()).isEqualTo(2027));
        assertThatThrownBy(() -> CALENDAR.workingDaysBetween(date("2026-12-30"), date("2027-01-04")))
                .isInstanceOf(CalendarYearMissing.class);
    }

    @Test
    void aCalendarBuiltFromRecordsKnowsOnlyThoseYears() {
        CalendarYear year = new CalendarYear(2030, "测试通知", "测试文号",
                Set.of(date("2030-01-01")), Set.of(date("2030-01-05")));
        WorkingDayCalendar calendar = WorkingDayCalendar.of(List.of(year));

        assertThat(calendar.isWorkingDay(date("2030-01-01"))).isFalse();
        assertThat(calendar.isWorkingDay(date("2030-01-05"))).isTrue();
        assertThat(calendar.years()).containsExactly(year);
        assertThatThrownBy(() -> calendar.isWorkingDay(date("2029-12-31"))).isInstanceOf(CalendarYearMissing.class);
        assertThatThrownBy(() -> WorkingDayCalendar.of(List.of(year, year)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theEndsOfTheDateRangeAreRefusedAsYearsWithoutData() {
        assertThatThrownBy(() -> CALENDAR.addWorkingDays(LocalDate.MAX, 1))
                .isInstanceOfSatisfying(CalendarYearMissing.class,
                        missing -> assertThat(missing.year()).isEqualTo(LocalDate.MAX.getYear()));
        assertThatThrownBy(() -> CALENDAR.workingDaysBetween(LocalDate.MAX, LocalDate.MAX))
                .isInstanceOf(CalendarYearMissing.class);
        assertThatThrownBy(() -> CALENDAR.workingDaysIn(LocalDate.MIN, date("2019-10-08")))
                .isInstanceOf(CalendarYearMissing.class);
    }
}
