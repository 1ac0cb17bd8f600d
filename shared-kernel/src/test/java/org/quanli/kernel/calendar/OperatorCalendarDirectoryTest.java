package org.quanli.kernel.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An operator's directory of {@code <year>.properties} files, read after the bundled years. */
class OperatorCalendarDirectoryTest {

    // Made-up 2027 data: only the shape matters here.
    private static final String YEAR_2027 = """
            notice=国务院办公厅关于2027年部分节假日安排的通知
            documentNumber=国办发明电〔2026〕1号
            holidays=\\
              2027-01-01 元旦, 2027-01-02, 2027-01-03,\\
              2027-02-06 春节, 2027-02-07, 2027-02-08
            workdays=2027-02-13 春节
            """;

    @TempDir
    Path directory;

    private void write(String fileName, String content) throws IOException {
        write(fileName, content, StandardCharsets.UTF_8);
    }

    private void write(String fileName, String content, Charset charset) throws IOException {
        Files.writeString(directory.resolve(fileName), content, charset);
    }

    @Test
    void anOperatorAddsNextYearWithoutARebuild() throws IOException {
        write("2027.properties", YEAR_2027);

        WorkingDayCalendar calendar = WorkingDayCalendar.load(directory);

        assertThat(calendar.isWorkingDay(LocalDate.of(2027, 1, 1))).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2027, 2, 13))).isTrue(); // a Saturday
        assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 12, 31), LocalDate.of(2027, 1, 4))).isEqualTo(1);
        assertThat(calendar.years()).extracting(CalendarYear::year).contains(2013, 2026, 2027);
    }

    @Test
    void aFileInTheDirectoryReplacesTheBundledYearWhole() throws IOException {
        write("2019.properties", """
                notice=国务院办公厅关于2019年部分节假日安排的通知（更正）
                documentNumber=国办发明电〔2018〕99号
                holidays=2019-10-01, 2019-10-02, 2019-10-03, 2019-10-04, 2019-10-05, 2019-10-06, 2019-10-07, 2019-10-08
                """);

        WorkingDayCalendar calendar = WorkingDayCalendar.load(directory);

        assertThat(calendar.isWorkingDay(LocalDate.of(2019, 10, 8))).isFalse();
        // Not merged with the bundled file: its make-up Saturday is gone.
        assertThat(calendar.isWorkingDay(LocalDate.of(2019, 10, 12))).isFalse();
        assertThat(calendar.years()).filteredOn(year -> year.year() == 2019)
                .extracting(CalendarYear::notice).containsExactly("国务院办公厅关于2019年部分节假日安排的通知（更正）");
    }

    @Test
    void aMalformedDateIsRefusedNamingTheFileAndTheEntry() throws IOException {
        write("2027.properties", YEAR_2027.replace("2027-02-07", "2027-02-30"));

        assertThatThrownBy(() -> WorkingDayCalendar.load(directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("2027.properties")
                .hasMessageContaining("2027-02-30");
    }

    @Test
    void aMakeUpWorkingDayOnAWeekdayIsRefused() throws IOException {
        write("2027.properties", YEAR_2027.replace("workdays=2027-02-13", "workdays=2027-02-12"));

        assertThatThrownBy(() -> WorkingDayCalendar.load(directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("2027.properties")
                .hasMessageContaining("2027-02-12")
                .hasMessageContaining("不是周六或周日");
    }

    @Test
    void aHolidayOutsideTheFilesYearIsRefused() throws IOException {
        // The December days of a New Year block belong in the earlier year's file.
        write("2027.properties", YEAR_2027.replace("2027-01-01 元旦", "2026-12-31 元旦, 2027-01-01"));

        assertThatThrownBy(() -> WorkingDayCalendar.load(directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("2027.properties")
                .hasMessageContaining("2026-12-31")
                .hasMessageContaining("不在2027年内");
    }

    @Test
    void aDateListedBothAsHolidayAndWorkingDayIsRefused() throws IOException {
        write("2027.properties", YEAR_2027.replace("workdays=2027-02-13", "workdays=2027-02-13, 2027-02-07"));

        assertThatThrownBy(() -> WorkingDayCalendar.load(directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("2027.properties")
                .hasMessageContaining("2027-02-07")
                .hasMessageContaining("同时列为放假日和调休上班日");
    }

    @Test
    void aFullWidthCommaBetweenDatesIsRefusedRatherThanReadAsAComment() throws IOException {
        write("2027.properties", YEAR_2027.replace("2027-02-06 春节, 2027-02-07", "2027-02-06 春节，2027-02-07"));

        assertThatThrownBy(() -> WorkingDayCalendar.load(directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("2027.properties")
                .hasMessageContaining("2027-02-06 春节，2027-02-07");
    }

    @Test
    void aMisspelledKeyIsRefused() throws IOException {
        write("2027.properties", YEAR_2027.replace("workdays=", "workday="));

        assertThatThrownBy(() -> WorkingDayCalendar.load(directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("2027.properties")
                .hasMessageContaining("workday");
    }

    @Test
    void aFileWithoutItsNoticeIsRefused() throws IOException {
        write("2027.properties", YEAR_2027.replace("notice=国务院办公厅关于2027年部分节假日安排的通知\n", ""));

        assertThatThrownBy(() -> WorkingDayCalendar.load(directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("2027.properties")
                .hasMessageContaining("notice");
    }

    @Test
    void aFileNotSavedAsUtf8IsRefused() throws IOException {
        write("2027.properties", YEAR_2027, Charset.forName("GBK"));

        assertThatThrownBy(() -> WorkingDayCalendar.load(directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("2027.properties")
                .hasMessageContaining("UTF-8");
    }

    @Test
    void aFileNotNamedForItsYearIsRefused() throws IOException {
        write("calendar-2027.properties", YEAR_2027);

        assertThatThrownBy(() -> WorkingDayCalendar.load(directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("calendar-2027.properties");
    }

    @Test
    void otherFilesInTheDirectoryAreLeftAlone() throws IOException {
        write("2027.properties.bak", "not a calendar");
        write("README.txt", "说明");

        assertThat(WorkingDayCalendar.load(directory).years()).extracting(CalendarYear::year).doesNotContain(2027);
    }

    @Test
    void aMissingDirectoryIsRefused() {
        assertThatThrownBy(() -> WorkingDayCalendar.load(directory.resolve("absent")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("absent");
    }
}
