package org.quanli.kernel.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One calendar year of the official working-day calendar, as the State Council General Office's notice on that
 * year's holidays (国务院办公厅关于…年部分节假日安排的通知) sets it.
 *
 * <p>Every date belongs to {@code year}. A New Year holiday that starts in late December is split at the year
 * boundary: its December days belong to the earlier year, even though the next year's notice set them.
 *
 * @param year           the calendar year all the dates fall in
 * @param notice         title of the notice the year comes from
 * @param documentNumber the notice's document number (发文字号), e.g. {@code 国办发明电〔2018〕15号}
 * @param holidays       every day of every holiday block, the Saturdays and Sundays inside a block included
 * @param workdays       Saturdays and Sundays that are working days (调休上班)
 * @param furtherNotices other notices that set days of this year (an adjustment, the 2020 epidemic extension,
 *                       next year's New Year block), each as its title and document number
 */
public record CalendarYear(int year, String notice, String documentNumber, Set<LocalDate> holidays,
                           Set<LocalDate> workdays, List<String> furtherNotices) {

    /**
     * @throws IllegalArgumentException naming the offending date when a date lies outside {@code year}, a working
     *                                  day is not a Saturday or Sunday, or a date is both a holiday and a working day
     */
    public CalendarYear {
        requireText(notice, "notice", "通知标题");
        requireText(documentNumber, "documentNumber", "文号");
        holidays = Collections.unmodifiableSortedSet(new TreeSet<>(holidays));
        workdays = Collections.unmodifiableSortedSet(new TreeSet<>(workdays));
        furtherNotices = List.copyOf(furtherNotices);
        for (LocalDate holiday : holidays) {
            requireInYear(holiday, year, "放假日", "holiday");
        }
        for (LocalDate workday : workdays) {
            requireInYear(workday, year, "调休上班日", "make-up working day");
            // Any other day is a working day anyway; listing it means the data is wrong.
            if (!isWeekend(workday)) {
                throw new IllegalArgumentException("调休上班日 " + workday + " 不是周六或周日"
                        + " / make-up working day " + workday + " is not a Saturday or Sunday");
            }
            if (holidays.contains(workday)) {
                throw new IllegalArgumentException(workday + " 同时列为放假日和调休上班日"
                        + " / " + workday + " is listed both as a holiday and as a make-up working day");
            }
        }
    }

    /** A year that no further notice touched. */
    public CalendarYear(int year, String notice, String documentNumber, Set<LocalDate> holidays,
                        Set<LocalDate> workdays) {
        this(year, notice, documentNumber, holidays, workdays, List.of());
    }

    static boolean isWeekend(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }

    private static void requireText(String value, String key, String zh) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("缺少" + zh + "（" + key + "） / missing " + key);
        }
    }

    private static void requireInYear(LocalDate date, int year, String zh, String en) {
        Objects.requireNonNull(date);
        if (date.getYear() != year) {
            throw new IllegalArgumentException(zh + " " + date + " 不在" + year + "年内"
                    + " / " + en + " " + date + " is not in " + year);
        }
    }
}
