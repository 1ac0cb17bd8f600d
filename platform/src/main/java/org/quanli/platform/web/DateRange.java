package org.quanli.platform.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The dates a request may carry: 1900-01-01 to 2999-12-31. The lower bound leaves room for every back-filled
 * decision of the ledger's history (the oldest are from the founding years and the 1980s–1990s); the upper bound is
 * far past any planned date, keeps years at four digits in every export and file, and keeps the calendar's and the
 * statistics' day arithmetic far from the edges of Java's and PostgreSQL's ranges (a +999999999-12-31 would
 * otherwise reach the database and fail there). A date outside it is refused at the edge with a 400 naming the field.
 */
public final class DateRange {

    public static final String RULE = "date-range";
    public static final LocalDate FIRST = LocalDate.of(1900, 1, 1);
    public static final LocalDate LAST = LocalDate.of(2999, 12, 31);

    private DateRange() {
    }

    /** Whether values of this type are dates or times this range applies to. */
    public static boolean applies(Class<?> type) {
        return type == LocalDate.class || type == LocalDateTime.class || type == Instant.class
                || type == OffsetDateTime.class || type == ZonedDateTime.class;
    }

    /** @return the calendar day of a date or time, or null for anything else (an instant is compared as one) */
    static LocalDate dayOf(Object value) {
        if (value instanceof LocalDate date) {
            return date;
        }
        if (value instanceof LocalDateTime time) {
            return time.toLocalDate();
        }
        if (value instanceof OffsetDateTime time) {
            return time.toLocalDate();
        }
        if (value instanceof ZonedDateTime time) {
            return time.toLocalDate();
        }
        return null;
    }

    public static boolean refused(Object value) {
        if (value instanceof Instant instant) {
            // Compared as instants: the widest ones have no LocalDate.
            return instant.isBefore(FIRST.atStartOfDay().toInstant(ZoneOffset.UTC))
                    || !instant.isBefore(LAST.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        }
        LocalDate day = dayOf(value);
        return day != null && (day.isBefore(FIRST) || day.isAfter(LAST));
    }

    /** Refuses a date or time outside the range, naming the field (a JSON path or a parameter's name). */
    public static void check(String field, Object value) {
        if (refused(value)) {
            throw new Refused(field, value);
        }
    }

    /**
     * Thrown at the edge: the field holds a date outside the range. An argument error, so that a parameter's
     * converter reports it as the parameter's type mismatch (the field is then named from there).
     */
    public static class Refused extends IllegalArgumentException {

        private final String field;

        public Refused(String field, Object value) {
            super("日期 " + value + " 超出允许范围(" + FIRST + " 至 " + LAST + ")");
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
