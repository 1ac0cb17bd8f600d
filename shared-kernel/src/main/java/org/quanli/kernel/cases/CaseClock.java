package org.quanli.kernel.cases;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.quanli.kernel.calendar.CalendarYearMissing;
import org.quanli.kernel.calendar.WorkingDayCalendar;

/**
 * The time arithmetic of a case on the official working-day calendar (docs/DOMAIN.md "Time"): a period starts the day
 * after acceptance; the deadline is the promised limit counted from acceptance, plus the approved extension, plus the
 * working days suspended; the working days a case took exclude suspension. Pure: every figure comes from the
 * arguments and the calendar.
 *
 * @throws CalendarYearMissing from every method when a date to count lies in a year without calendar data
 */
public final class CaseClock {

    private final WorkingDayCalendar calendar;

    public CaseClock(WorkingDayCalendar calendar) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
    }

    public WorkingDayCalendar calendar() {
        return calendar;
    }

    /**
     * The figures of a case accepted on {@code acceptedOn}, on {@code asOf}. An ongoing suspension counts up to
     * {@code asOf}; overlapping suspensions count each day once; days on or before the acceptance day never count.
     */
    public CaseTime on(LocalDate acceptedOn, int promisedDays, int extensionDays, List<Suspension> suspensions,
                       LocalDate asOf) {
        Objects.requireNonNull(acceptedOn, "acceptedOn");
        Objects.requireNonNull(asOf, "asOf");
        if (promisedDays < 0 || extensionDays < 0) {
            throw new IllegalArgumentException("时限不能为负");
        }
        calendar.requireCovered(acceptedOn);
        calendar.requireCovered(asOf);
        int suspended = suspendedDays(acceptedOn, suspensions, asOf);
        int elapsed = calendar.workingDaysBetween(acceptedOn, asOf);
        int taken = Math.max(0, elapsed - suspended);
        int limit = promisedDays + extensionDays;
        LocalDate deadline = calendar.addWorkingDays(acceptedOn, limit + suspended);
        return new CaseTime(asOf, promisedDays, extensionDays, suspended, taken, deadline, limit - taken,
                asOf.isAfter(deadline));
    }

    /** The deadline alone: the promised limit from acceptance plus extension plus suspended working days. */
    public LocalDate deadline(LocalDate acceptedOn, int promisedDays, int extensionDays, List<Suspension> suspensions,
                              LocalDate asOf) {
        return on(acceptedOn, promisedDays, extensionDays, suspensions, asOf).deadline();
    }

    /** The working days within the suspensions, after acceptance and up to {@code asOf}, each day once. */
    public int suspendedDays(LocalDate acceptedOn, List<Suspension> suspensions, LocalDate asOf) {
        List<Suspension> clipped = new ArrayList<>();
        LocalDate firstCounted = acceptedOn.plusDays(1);
        for (Suspension s : suspensions) {
            calendar.requireCovered(s.start());
            LocalDate from = s.start().isBefore(firstCounted) ? firstCounted : s.start();
            LocalDate to = s.end() == null || s.end().isAfter(asOf) ? asOf : s.end();
            if (!to.isBefore(from)) {
                clipped.add(new Suspension(from, to));
            }
        }
        clipped.sort(Comparator.comparing(Suspension::start));
        int days = 0;
        LocalDate countedUpTo = null;
        for (Suspension s : clipped) {
            LocalDate from = countedUpTo != null && !s.start().isAfter(countedUpTo) ? countedUpTo.plusDays(1)
                    : s.start();
            if (!s.end().isBefore(from)) {
                days += calendar.workingDaysIn(from, s.end());
            }
            if (countedUpTo == null || s.end().isAfter(countedUpTo)) {
                countedUpTo = s.end();
            }
        }
        return days;
    }
}
