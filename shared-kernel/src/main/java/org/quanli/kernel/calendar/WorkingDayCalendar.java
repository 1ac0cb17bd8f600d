package org.quanli.kernel.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The official working-day calendar (工作日历) that administrative time limits are counted on: Saturdays, Sundays
 * and public holidays are off, except the weekend days a notice makes working days (调休上班).
 *
 * <p>The data is one {@link CalendarYear} per year, never a rule: a date in a year without data throws
 * {@link CalendarYearMissing} rather than falling back to plain weekends. Instances are immutable and thread-safe.
 *
 * <p>Counting follows the ledger's rule that a period starts the day after the act that triggers it: a case
 * accepted on Monday 2019-09-30, the eve of the 2019 National Day holiday, reaches its 5th working day on
 * Saturday 2019-10-12, a make-up working day.
 */
public final class WorkingDayCalendar {

    /** Where the bundled years live on the classpath, one {@code <year>.properties} per year. */
    private static final String BUNDLED_DIRECTORY = "calendar/";
    // Bundled years are found by trying each name: nothing to keep in step when a year is added.
    private static final int FIRST_YEAR_TRIED = 2000;
    private static final int LAST_YEAR_TRIED = 2100;

    private final SortedMap<Integer, CalendarYear> years;

    private WorkingDayCalendar(SortedMap<Integer, CalendarYear> years) {
        this.years = Collections.unmodifiableSortedMap(years);
    }

    /**
     * A calendar of exactly these years.
     *
     * @throws IllegalArgumentException if a year is given twice
     */
    public static WorkingDayCalendar of(Collection<CalendarYear> years) {
        SortedMap<Integer, CalendarYear> byYear = new TreeMap<>();
        for (CalendarYear year : years) {
            if (byYear.put(year.year(), year) != null) {
                throw new IllegalArgumentException(year.year() + "年重复 / year " + year.year() + " given twice");
            }
        }
        return new WorkingDayCalendar(byYear);
    }

    /**
     * The years bundled with the ledger, then every {@code <year>.properties} in {@code extraDirectory}, so that an
     * operator can add next year's notice without a new release. A file in the directory replaces the bundled file
     * of its year as a whole; the two are not merged.
     *
     * @param extraDirectory the operator's directory, or {@code null} for the bundled years only
     * @throws IllegalArgumentException naming the file and the entry when a file is malformed or its dates are
     *                                  inconsistent, or when the directory does not exist
     * @throws UncheckedIOException     when a file cannot be read
     */
    public static WorkingDayCalendar load(Path extraDirectory) {
        SortedMap<Integer, CalendarYear> byYear = new TreeMap<>();
        ClassLoader classLoader = WorkingDayCalendar.class.getClassLoader();
        for (int year = FIRST_YEAR_TRIED; year <= LAST_YEAR_TRIED; year++) {
            URL bundled = classLoader.getResource(BUNDLED_DIRECTORY + year + ".properties");
            if (bundled != null) {
                try (InputStream in = bundled.openStream()) {
                    byYear.put(year, CalendarYearFile.read(year + ".properties", in));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        if (extraDirectory != null) {
            byYear.putAll(readDirectory(extraDirectory));
        }
        return new WorkingDayCalendar(byYear);
    }

    private static SortedMap<Integer, CalendarYear> readDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("工作日历目录不存在：" + directory
                    + " / working-day calendar directory not found: " + directory);
        }
        SortedMap<Integer, CalendarYear> byYear = new TreeMap<>();
        // Other files (notes, backups such as 2027.properties.bak) are left alone.
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.properties")) {
            for (Path file : files) {
                try (InputStream in = Files.newInputStream(file)) {
                    CalendarYear year = CalendarYearFile.read(file.getFileName().toString(), in);
                    byYear.put(year.year(), year);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return byYear;
    }

    /**
     * Whether {@code date} is a working day: a make-up working day, or a Monday to Friday that is not a holiday.
     *
     * @throws CalendarYearMissing if the calendar has no data for the date's year
     */
    public boolean isWorkingDay(LocalDate date) {
        CalendarYear year = yearOf(date);
        if (year.workdays().contains(date)) {
            return true;
        }
        return !year.holidays().contains(date) && !CalendarYear.isWeekend(date);
    }

    /**
     * The working days a period took: those after {@code start} up to and including {@code end}. A case concluded
     * on its acceptance day took 0; so does any period whose end is not after its start.
     *
     * @throws CalendarYearMissing if a day to be counted lies in a year without data
     */
    public int workingDaysBetween(LocalDate start, LocalDate end) {
        requireCovered(start);
        requireCovered(end);
        int count = 0;
        for (LocalDate day = start.plusDays(1); !day.isAfter(end); day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                count++;
            }
        }
        return count;
    }

    /**
     * The date of the {@code days}-th working day after {@code start}: the deadline of a limit of {@code days}
     * working days counted from an act on {@code start}. With {@code days} = 0 it is {@code start} itself.
     *
     * @throws IllegalArgumentException if {@code days} is negative
     * @throws CalendarYearMissing      if the count runs into a year without data
     */
    public LocalDate addWorkingDays(LocalDate start, int days) {
        requireCovered(start);
        if (days < 0) {
            throw new IllegalArgumentException("工作日数不能为负：" + days + " / days must not be negative: " + days);
        }
        LocalDate day = start;
        for (int counted = 0; counted < days; ) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }

    /**
     * The working days from {@code from} to {@code to}, both included: how long a suspension (中止) lasted.
     *
     * @throws IllegalArgumentException if {@code to} is before {@code from}
     * @throws CalendarYearMissing      if a day of the period lies in a year without data
     */
    public int workingDaysIn(LocalDate from, LocalDate to) {
        requireCovered(from);
        requireCovered(to);
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("结束日 " + to + " 早于开始日 " + from
                    + " / the period ends on " + to + ", before it starts on " + from);
        }
        return workingDaysBetween(from.minusDays(1), to);
    }

    /**
     * Refuses a date in a year without data before anything is counted from it: every count starts or ends on such
     * a date, and a date at the end of {@link LocalDate}'s range could not even be stepped over.
     *
     * @throws CalendarYearMissing if the calendar has no data for the date's year
     */
    public void requireCovered(LocalDate date) {
        yearOf(date);
    }

    /** The years covered, in order, each with the notice it comes from. */
    public List<CalendarYear> years() {
        return List.copyOf(years.values());
    }

    private CalendarYear yearOf(LocalDate date) {
        Objects.requireNonNull(date, "date");
        CalendarYear year = years.get(date.getYear());
        if (year == null) {
            throw new CalendarYearMissing(date.getYear());
        }
        return year;
    }
}
