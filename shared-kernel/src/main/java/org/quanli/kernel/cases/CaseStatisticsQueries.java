package org.quanli.kernel.cases;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The case statistics question, its answer, and the definitions every answer carries. */
public final class CaseStatisticsQueries {

    /** No answer has more time buckets than this (a year of days). */
    public static final int MAX_BUCKETS = 366;

    private CaseStatisticsQueries() {
    }

    /** The length of a time bucket: a calendar day, month or year. */
    public enum Granularity {
        DAY("day", ChronoUnit.DAYS),
        MONTH("month", ChronoUnit.MONTHS),
        YEAR("year", ChronoUnit.YEARS);

        private final String sqlUnit;
        private final ChronoUnit unit;

        Granularity(String sqlUnit, ChronoUnit unit) {
            this.sqlUnit = sqlUnit;
            this.unit = unit;
        }

        /** The unit name PostgreSQL's {@code date_trunc} takes. */
        public String sqlUnit() {
            return sqlUnit;
        }

        /** The first day of the bucket the date falls in ({@code date_trunc}'s answer). */
        public LocalDate start(LocalDate date) {
            return switch (this) {
                case DAY -> date;
                case MONTH -> date.withDayOfMonth(1);
                case YEAR -> date.withDayOfYear(1);
            };
        }

        public LocalDate end(LocalDate date) {
            return switch (this) {
                case DAY -> date;
                case MONTH -> date.with(TemporalAdjusters.lastDayOfMonth());
                case YEAR -> date.with(TemporalAdjusters.lastDayOfYear());
            };
        }

        /** How many buckets the period [from, to] spans. */
        public long buckets(LocalDate from, LocalDate to) {
            return unit.between(start(from), start(to)) + 1;
        }

        /** The buckets of [from, to], the first and last cut at the period's ends. */
        public List<Period> periods(LocalDate from, LocalDate to) {
            List<Period> periods = new ArrayList<>();
            for (LocalDate start = from; !start.isAfter(to); start = end(start).plusDays(1)) {
                LocalDate end = end(start);
                periods.add(new Period(start, end.isAfter(to) ? to : end));
            }
            return periods;
        }

        /** The granularity named (case ignored), or null if there is none of that name. */
        public static Granularity named(String name) {
            return Arrays.stream(values()).filter(g -> g.sqlUnit.equals(name.toLowerCase(Locale.ROOT)))
                    .findFirst().orElse(null);
        }
    }

    /** What the figures are about; one at most, none for every case the asker may see. */
    public enum DimensionKind {
        BODY("bodyId"),
        JURISDICTION("jurisdictionCode"),
        ITEM("itemId"),
        WINDOW("window");

        private final String parameter;

        DimensionKind(String parameter) {
            this.parameter = parameter;
        }

        /** The request parameter that names it. */
        public String parameter() {
            return parameter;
        }
    }

    public record Dimension(DimensionKind kind, String value) {
    }

    public record Period(LocalDate from, LocalDate to) {
    }

    /**
     * @param onlyBody  the only body whose cases and items the asker may count (a window officer's); null: every body
     * @param dimension null: every case the asker may see
     */
    public record CaseStatisticsQuery(String onlyBody, LocalDate from, LocalDate to, Granularity granularity,
                                      Dimension dimension) {
    }

    /**
     * The figures of cases concluded in a period (办结 and what is measured on it: same-day and on-time rates,
     * overdue, early, average working days, actual speed-up) of several bodies, in one grouped pass; each body's
     * figures are what {@link CaseStatisticsQuery} gives as the whole period's value for that body alone.
     */
    public record CaseFiguresByBodyQuery(List<String> bodyIds, LocalDate from, LocalDate to) {
    }

    // --- answers -------------------------------------------------------------------------------------------------

    /**
     * One figure over one period. For a count, {@code value} is the count and there is no numerator or denominator.
     * For a rate or mean, value = numerator ÷ denominator; for a speed-up, value = 1 − numerator ÷ denominator;
     * value is null when the denominator is 0, and all three are null where the figure does not apply.
     */
    public record Value(LocalDate from, LocalDate to, BigDecimal value, Long numerator, Long denominator) {
    }

    /** A figure with its definition next to it, over every bucket and over the whole period. */
    public record FigureSeries(String code, String label, CaseFigure.Kind kind, String formula, List<Value> series,
                               Value total) {
    }

    /**
     * @param asOf the day overdue-open cases are counted up to in a bucket that has not ended yet (today, Beijing)
     */
    public record CaseStatistics(String definitionsVersion, String conventions, LocalDate from, LocalDate to,
                                 Granularity granularity, String dimension, String dimensionValue, LocalDate asOf,
                                 List<Period> buckets, List<FigureSeries> figures) {
    }

    /** @param bodies in the order asked, a body without cases included (its counts 0, its rates null) */
    public record CaseFiguresByBody(LocalDate from, LocalDate to, List<BodyFigures> bodies) {
    }

    /** @param figures by figure code, the whole period's value */
    public record BodyFigures(String bodyId, Map<String, Value> figures) {
    }

    public record Definition(String code, String label, CaseFigure.Kind kind, String formula) {
    }

    public record Definitions(String version, String conventions, List<Definition> definitions) {

        public static Definitions current() {
            return new Definitions(CaseFigure.VERSION, CaseFigure.CONVENTIONS, Arrays.stream(CaseFigure.values())
                    .map(f -> new Definition(f.code(), f.label(), f.kind(), f.formula())).toList());
        }
    }
}
