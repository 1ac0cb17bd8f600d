package org.quanli.kernel.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sanity checks over every bundled year: they catch a mistyped or missing date before it moves a deadline. */
class BundledCalendarDataTest {

    private static final List<CalendarYear> YEARS = WorkingDayCalendar.load(null).years();

    /** Days off beyond the statutory holidays, each granted by its own notice. */
    private static final Map<Integer, Integer> EXTRA_DAYS_OFF = Map.of(
            2015, 1,  // 抗战胜利70周年纪念日, 国发明电〔2015〕1号: Thursday Sep 3 (Friday Sep 4 was swapped with Sunday Sep 6)
            2020, 2); // epidemic extension, 国办发明电〔2020〕1号: Friday Jan 31 off, Saturday Feb 1 no longer worked

    @Test
    void everyYearFrom2013To2026IsBundled() {
        assertThat(YEARS).extracting(CalendarYear::year)
                .containsExactly(2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026);
    }

    @Test
    void everyMakeUpWorkingDayIsASaturdayOrSunday() {
        for (CalendarYear year : YEARS) {
            assertThat(year.workdays()).as("%d", year.year()).allMatch(CalendarYear::isWeekend);
        }
    }

    @Test
    void everyDateLiesInItsFilesYear() {
        for (CalendarYear year : YEARS) {
            assertThat(year.holidays()).as("%d", year.year()).allMatch(date -> date.getYear() == year.year());
            assertThat(year.workdays()).as("%d", year.year()).allMatch(date -> date.getYear() == year.year());
        }
    }

    @Test
    void everyYearListsBetweenTwentyAndFortyHolidays() {
        // Seven holiday blocks of 1 to 10 days, weekends included: fewer than 20 dates means a block is missing.
        for (CalendarYear year : YEARS) {
            assertThat(year.holidays()).as("%d", year.year()).hasSizeBetween(20, 40);
        }
    }

    @Test
    void everyYearNamesTheGeneralOfficeNoticeOfThePreviousYearEnd() {
        for (CalendarYear year : YEARS) {
            assertThat(year.notice()).isEqualTo("国务院办公厅关于" + year.year() + "年部分节假日安排的通知");
            assertThat(year.documentNumber()).matches("国办发明电〔" + (year.year() - 1) + "〕\\d+号");
        }
    }

    @Test
    void theWeekdaysOffMinusTheMakeUpDaysEqualTheStatutoryHolidays() {
        // A statutory holiday falling on a weekend is made up on a weekday, and every weekday taken to bridge a
        // holiday is paid back on a weekend: the balance is the statutory count of 11 days, 13 from 2025.
        for (CalendarYear year : YEARS) {
            long weekdaysOff = year.holidays().stream().filter(date -> !CalendarYear.isWeekend(date)).count();
            int statutory = year.year() >= 2025 ? 13 : 11;
            assertThat(weekdaysOff - year.workdays().size()).as("%d", year.year())
                    .isEqualTo(statutory + EXTRA_DAYS_OFF.getOrDefault(year.year(), 0));
        }
    }

    @Test
    void theYearsAmendedByALaterNoticeNameIt() {
        assertThat(furtherNoticesOf(2019)).singleElement().asString().contains("国办发明电〔2019〕3号");
        assertThat(furtherNoticesOf(2020)).singleElement().asString().contains("延长2020年春节假期", "国办发明电〔2020〕1号");
        assertThat(furtherNoticesOf(2015)).singleElement().asString().contains("国发明电〔2015〕1号");
    }

    @Test
    void theDecemberDaysOfANewYearHolidayNameTheNextYearsNotice() {
        assertThat(furtherNoticesOf(2018)).singleElement().asString().contains("国办发明电〔2018〕15号");
        assertThat(YEARS.stream().filter(year -> year.year() == 2018).findFirst().orElseThrow().holidays())
                .contains(LocalDate.of(2018, 12, 31));
    }

    private static List<String> furtherNoticesOf(int year) {
        return YEARS.stream().filter(each -> each.year() == year).findFirst().orElseThrow().furtherNotices();
    }
}
