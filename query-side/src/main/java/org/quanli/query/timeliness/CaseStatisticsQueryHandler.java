package org.quanli.query.timeliness;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.axonframework.queryhandling.QueryHandler;
import org.quanli.kernel.calendar.ChinaTime;
import org.quanli.kernel.cases.CaseFigure;
import org.quanli.kernel.cases.CaseStatisticsQueries.BodyFigures;
import org.quanli.kernel.cases.CaseStatisticsQueries.CaseFiguresByBody;
import org.quanli.kernel.cases.CaseStatisticsQueries.CaseFiguresByBodyQuery;
import org.quanli.kernel.cases.CaseStatisticsQueries.CaseStatistics;
import org.quanli.kernel.cases.CaseStatisticsQueries.CaseStatisticsQuery;
import org.quanli.kernel.cases.CaseStatisticsQueries.Dimension;
import org.quanli.kernel.cases.CaseStatisticsQueries.DimensionKind;
import org.quanli.kernel.cases.CaseStatisticsQueries.FigureSeries;
import org.quanli.kernel.cases.CaseStatisticsQueries.Period;
import org.quanli.kernel.cases.CaseStatisticsQueries.Value;
import org.quanli.kernel.rules.Forbidden;
import org.quanli.kernel.rules.NotFound;
import org.quanli.query.places.JurisdictionTree;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Computes the case figures of {@link CaseFigure} (definitions v1) with SQL aggregates over the case facts and the
 * published list. A question about the whole ledger, a jurisdiction or a body reads the sums kept per body and day
 * ({@code case_figures_daily}, kept from the facts by triggers; the facts while a bulk rebuild has left them behind):
 * one grouped scan over the period, and the days' changes of the cases open past their deadline. A question about
 * an item or a window, which those sums do not divide by, scans the case facts: one grouped scan of each family's
 * date column, and the spans of the cases ever past their deadline. Either way the whole period is an extra
 * grouping set, the figures that hold at a date (cases open past their deadline, items in force) come from one pass
 * of running totals for every bucket end, and no case is loaded into memory.
 */
@Component
class CaseStatisticsQueryHandler {

    private static final int SCALE = 4;
    /** The key of the whole period among the buckets' first days. */
    private static final LocalDate TOTAL = LocalDate.MIN;

    /** The sums of the cases concluded (table alias {@code x}) that {@link #concludedFigures} reads. */
    private static final String CONCLUDED_SUMS = """
            count(*) as concluded,
            count(*) filter (where x.case_type = 'IMMEDIATE') as immediate,
            count(*) filter (where x.case_type = 'PROMISED') as promised,
            count(*) filter (where x.concluded_on = x.accepted_on) as same_day,
            count(*) filter (where x.on_time) as on_time,
            count(*) filter (where not x.on_time) as late,
            count(*) filter (where x.case_type = 'PROMISED' and x.working_days < x.promised_days) as early,
            coalesce(sum(x.working_days) filter (where x.case_type = 'PROMISED'), 0) as promised_days_taken,
            coalesce(sum(x.working_days) filter (where x.legal_limit_days > 0), 0) as days_taken,
            coalesce(sum(x.legal_limit_days) filter (where x.legal_limit_days > 0), 0) as legal_days
            """;

    /**
     * The same sums from {@code case_figures_daily} (alias {@code x}), under the same names: the columns hold what
     * each case counts on each day (see the function {@code case_figure_days}).
     */
    private static final String KEPT_SUMS = """
            sum(x.accepted) as accepted, sum(x.same_month) as same_month, sum(x.concluded) as concluded,
            sum(x.immediate) as immediate, sum(x.promised) as promised, sum(x.same_day) as same_day,
            sum(x.on_time) as on_time, sum(x.late) as late, sum(x.early) as early,
            sum(x.promised_days_taken) as promised_days_taken, sum(x.days_taken) as days_taken,
            sum(x.legal_days) as legal_days, sum(x.not_accepted) as not_accepted, sum(x.withdrawn) as withdrawn,
            sum(x.evaluated) as evaluated, sum(x.satisfied) as satisfied
            """;

    private final JdbcClient jdbc;
    private final Clock clock;

    CaseStatisticsQueryHandler(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The sums one family of figures reads, by bucket (its first day, or {@link #TOTAL}). */
    private record Sums(Map<LocalDate, Map<String, Long>> byBucket) {

        long get(LocalDate bucket, String column) {
            Map<String, Long> row = byBucket.get(bucket);
            return row == null ? 0 : row.getOrDefault(column, 0L);
        }
    }

    /** The conditions a question puts on the rows of one table, and the with clause they need. */
    private record Scope(String with, String condition, Map<String, Object> params) {
    }

    @QueryHandler
    CaseStatistics handle(CaseStatisticsQuery query) {
        requireKnown(query);
        LocalDate today = ChinaTime.today(clock);
        List<Period> buckets = query.granularity().periods(query.from(), query.to());
        Scope cases = scope(query, "f");
        Map<String, Object> period = new HashMap<>(cases.params());
        period.put("from", query.from());
        period.put("to", query.to());
        period.put("unit", query.granularity().sqlUnit());

        boolean kept = keptByBodyAndDay(query) && keptSumsCurrent();
        Sums sums = kept ? dailySums(cases, period) : caseSums(cases, period);

        // The figures at a date: at each bucket's last day, or today while the bucket has not ended.
        List<LocalDate> ends = new ArrayList<>();
        buckets.forEach(b -> ends.add(b.to()));
        ends.add(query.to());
        Map<LocalDate, Long> overdueOpen = overdueOpen(kept, cases,
                ends.stream().map(d -> d.isAfter(today) ? today : d).distinct().toList());
        Map<LocalDate, Map<String, Long>> items = query.dimension() != null
                && query.dimension().kind() == DimensionKind.WINDOW ? null : itemsInForce(query, ends);

        Map<CaseFigure, List<Value>> series = new EnumMap<>(CaseFigure.class);
        Map<CaseFigure, Value> totals = new EnumMap<>(CaseFigure.class);
        List<Period> all = new ArrayList<>(buckets);
        all.add(new Period(query.from(), query.to()));
        for (int i = 0; i < all.size(); i++) {
            Period p = all.get(i);
            boolean total = i == buckets.size();
            LocalDate key = total ? TOTAL : query.granularity().start(p.from());
            LocalDate cutoff = p.to().isAfter(today) ? today : p.to();
            Function<String, Long> sum = column -> sums.get(key, column);
            Map<CaseFigure, Value> values = new EnumMap<>(CaseFigure.class);
            values.put(CaseFigure.ACCEPTED, count(p, sum.apply("accepted")));
            values.putAll(concludedFigures(p, sum));
            values.put(CaseFigure.NOT_ACCEPTED, count(p, sum.apply("not_accepted")));
            values.put(CaseFigure.WITHDRAWN, count(p, sum.apply("withdrawn")));
            values.put(CaseFigure.SAME_MONTH_RATE, rate(p, sum.apply("same_month"), sum.apply("accepted")));
            long open = overdueOpen.getOrDefault(cutoff, 0L);
            values.put(CaseFigure.OVERDUE, count(p, sum.apply("late") + open));
            values.put(CaseFigure.OVERDUE_OPEN, count(p, open));
            Map<String, Long> inForce = items == null ? null : items.getOrDefault(p.to(), Map.of());
            values.put(CaseFigure.PROMISED_SPEED_UP, inForce == null ? notApplicable(p)
                    : speedUp(p, inForce.getOrDefault("promised", 0L), inForce.getOrDefault("legal", 0L)));
            values.put(CaseFigure.SATISFACTION_RATE, rate(p, sum.apply("satisfied"), sum.apply("evaluated")));
            values.put(CaseFigure.IMMEDIATE_ITEM_SHARE, inForce == null ? notApplicable(p)
                    : rate(p, inForce.getOrDefault("immediate", 0L), inForce.getOrDefault("items", 0L)));
            values.forEach((figure, value) -> {
                if (total) {
                    totals.put(figure, value);
                } else {
                    series.computeIfAbsent(figure, f -> new ArrayList<>()).add(value);
                }
            });
        }
        List<FigureSeries> figures = new ArrayList<>();
        for (CaseFigure figure : CaseFigure.values()) {
            figures.add(new FigureSeries(figure.code(), figure.label(), figure.kind(), figure.formula(),
                    series.get(figure), totals.get(figure)));
        }
        Dimension dimension = query.dimension();
        return new CaseStatistics(CaseFigure.VERSION, CaseFigure.CONVENTIONS, query.from(), query.to(),
                query.granularity(), dimension == null ? null : dimension.kind().parameter(),
                dimension == null ? null : dimension.value(), today, buckets, figures);
    }

    /**
     * The concluded-case figures of each body asked, from one scan of the kept sums grouped by body (of the facts
     * while the sums are behind them).
     */
    @QueryHandler
    CaseFiguresByBody handle(CaseFiguresByBodyQuery query) {
        Map<String, Map<String, Long>> byBody = new HashMap<>();
        if (!query.bodyIds().isEmpty()) {
            String sql = keptSumsCurrent()
                    ? "select x.body_id, " + KEPT_SUMS + """
                             from case_figures_daily x
                            where x.body_id in (:bodies) and x.day between :from and :to
                            group by x.body_id"""
                    : "select x.body_id, " + CONCLUDED_SUMS + """
                             from case_timeliness x
                            where x.body_id in (:bodies) and x.concluded_on between :from and :to
                            group by x.body_id""";
            jdbc.sql(sql)
                    .param("bodies", query.bodyIds())
                    .param("from", query.from())
                    .param("to", query.to())
                    .query(rs -> {
                        byBody.put(rs.getString(1), row(rs, 2));
                    });
        }
        Period p = new Period(query.from(), query.to());
        List<BodyFigures> bodies = new ArrayList<>();
        for (String body : query.bodyIds()) {
            Map<String, Long> sums = byBody.getOrDefault(body, Map.of());
            Map<String, Value> figures = new LinkedHashMap<>();
            concludedFigures(p, column -> sums.getOrDefault(column, 0L))
                    .forEach((figure, value) -> figures.put(figure.code(), value));
            bodies.add(new BodyFigures(body, figures));
        }
        return new CaseFiguresByBody(query.from(), query.to(), bodies);
    }

    /** The figures measured on the cases concluded in {@code p}, from their {@link #CONCLUDED_SUMS}. */
    private static Map<CaseFigure, Value> concludedFigures(Period p, Function<String, Long> c) {
        Map<CaseFigure, Value> values = new EnumMap<>(CaseFigure.class);
        values.put(CaseFigure.CONCLUDED, count(p, c.apply("concluded")));
        values.put(CaseFigure.IMMEDIATE_CASES, count(p, c.apply("immediate")));
        values.put(CaseFigure.PROMISED_CASES, count(p, c.apply("promised")));
        values.put(CaseFigure.SAME_DAY_RATE, rate(p, c.apply("same_day"), c.apply("concluded")));
        values.put(CaseFigure.ON_TIME_RATE, rate(p, c.apply("on_time"), c.apply("concluded")));
        values.put(CaseFigure.OVERDUE_CONCLUDED, count(p, c.apply("late")));
        values.put(CaseFigure.EARLY_RATE, rate(p, c.apply("early"), c.apply("promised")));
        values.put(CaseFigure.AVERAGE_WORKING_DAYS, rate(p, c.apply("promised_days_taken"), c.apply("promised")));
        values.put(CaseFigure.ACTUAL_SPEED_UP, speedUp(p, c.apply("days_taken"), c.apply("legal_days")));
        return values;
    }

    /**
     * Figures of something the ledger does not know would be zeros that look like a real answer: an unknown body,
     * jurisdiction, item, or a window no case (of the asker's body, for a window officer) was received at, is not
     * found. An item of another body is not a window officer's to count.
     */
    private void requireKnown(CaseStatisticsQuery query) {
        Dimension dimension = query.dimension();
        if (dimension == null) {
            return;
        }
        String value = dimension.value();
        switch (dimension.kind()) {
            case BODY -> {
                if (!exists("select exists (select 1 from body_view where body_id = :v)", Map.of("v", value))) {
                    throw new NotFound("implementing body", value);
                }
            }
            case JURISDICTION -> {
                if (!exists("select exists (select 1 from jurisdiction_view where code = :v)", Map.of("v", value))) {
                    throw new NotFound("jurisdiction", value);
                }
            }
            case ITEM -> {
                String body = jdbc.sql("select body_id from item_view where item_id = :v").param("v", value)
                        .query(String.class).optional().orElseThrow(() -> new NotFound("power item", value));
                if (query.onlyBody() != null && !query.onlyBody().equals(body)) {
                    throw new Forbidden("窗口工作人员只能查看本单位(" + query.onlyBody() + ")事项的统计");
                }
            }
            case WINDOW -> {
                Map<String, Object> params = new HashMap<>();
                params.put("v", value);
                params.put("onlyBody", query.onlyBody());
                if (!exists("""
                        select exists (select 1 from case_timeliness where window_name = :v
                                       and (cast(:onlyBody as varchar) is null or body_id = :onlyBody))""", params)) {
                    throw new NotFound("window", value);
                }
            }
        }
    }

    private boolean exists(String sql, Map<String, Object> params) {
        return jdbc.sql(sql).params(params).query(Boolean.class).single();
    }

    // --- SQL -----------------------------------------------------------------------------------------------------

    /**
     * The rows of the question's dimension and of the asker's reach, in the table aliased {@code alias} (case facts,
     * or published item versions: both have body_id and item_id). A window names no item, so it only scopes cases.
     */
    private static Scope scope(CaseStatisticsQuery query, String alias) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        String with = "";
        if (query.onlyBody() != null) {
            where.add(alias + ".body_id = :onlyBody");
            params.put("onlyBody", query.onlyBody());
        }
        Dimension dimension = query.dimension();
        if (dimension != null) {
            switch (dimension.kind()) {
                case BODY -> where.add(alias + ".body_id = :dimension");
                case ITEM -> where.add(alias + ".item_id = :dimension");
                case WINDOW -> where.add(alias + ".window_name = :dimension");
                case JURISDICTION -> {
                    where.add(JurisdictionTree.bodyUnder(alias));
                    params.put("jurisdiction", dimension.value());
                    with = JurisdictionTree.UNDER;
                }
            }
            params.put("dimension", dimension.value());
        }
        where.add("true");
        return new Scope(with, String.join(" and ", where), params);
    }

    /** The kept sums divide by body: every question but one about an item or a window can read them. */
    private static boolean keptByBodyAndDay(CaseStatisticsQuery query) {
        return query.dimension() == null || query.dimension().kind() == DimensionKind.BODY
                || query.dimension().kind() == DimensionKind.JURISDICTION;
    }

    /**
     * Whether the kept sums are those of the facts: not while a bulk rebuild has left them behind (or one that ended
     * without filling them, until a node starts); the facts answer meanwhile.
     */
    private boolean keptSumsCurrent() {
        return exists("select not exists (select from case_figures_behind)", Map.of());
    }

    /** Every family's sums from the sums kept per body and day, by bucket and over the whole period. */
    private Sums dailySums(Scope scope, Map<String, Object> params) {
        return sums(scope, params, "case_figures_daily", "day", KEPT_SUMS);
    }

    /** Every family's sums from the case facts: a grouped scan of each family's date column. */
    private Sums caseSums(Scope scope, Map<String, Object> params) {
        Map<LocalDate, Map<String, Long>> rows = new HashMap<>();
        for (Sums family : List.of(
                sums(scope, params, "case_timeliness", "accepted_on", """
                        count(*) as accepted,
                        count(*) filter (where date_trunc('month', x.concluded_on::timestamp)
                            = date_trunc('month', x.accepted_on::timestamp)) as same_month"""),
                sums(scope, params, "case_timeliness", "concluded_on", CONCLUDED_SUMS),
                sums(scope, params, "case_timeliness", "not_accepted_on", "count(*) as not_accepted"),
                sums(scope, params, "case_timeliness", "withdrawn_on", "count(*) as withdrawn"),
                sums(scope, params, "case_timeliness", "evaluated_on", """
                        count(*) filter (where not x.rating_excluded) as evaluated,
                        count(*) filter (where not x.rating_excluded and x.satisfied) as satisfied"""))) {
            family.byBucket().forEach((bucket, sums) -> rows.computeIfAbsent(bucket, b -> new HashMap<>())
                    .putAll(sums));
        }
        return new Sums(rows);
    }

    /**
     * The {@code table}'s rows whose {@code dateColumn} lies in the period, summed by the bucket that date falls in
     * and over the whole period.
     */
    private Sums sums(Scope scope, Map<String, Object> params, String table, String dateColumn, String aggregates) {
        String sql = scope.with() + """
                select grouping(x.bucket) = 1 as whole, x.bucket, %s
                from (select date_trunc(:unit, f.%s::timestamp)::date as bucket, f.*
                      from %s f
                      where %s and f.%s between :from and :to) x
                group by grouping sets ((x.bucket), ())""".formatted(aggregates, dateColumn, table,
                scope.condition(), dateColumn);
        Map<LocalDate, Map<String, Long>> rows = new HashMap<>();
        jdbc.sql(sql).params(params).query(rs -> {
            rows.put(rs.getBoolean("whole") ? TOTAL : rs.getObject("bucket", LocalDate.class), row(rs, 3));
        });
        return new Sums(rows);
    }

    /** The row's columns from {@code first} on, by label. */
    private static Map<String, Long> row(java.sql.ResultSet rs, int first) throws java.sql.SQLException {
        Map<String, Long> row = new HashMap<>();
        for (int i = first; i <= rs.getMetaData().getColumnCount(); i++) {
            row.put(rs.getMetaData().getColumnLabel(i), rs.getLong(i));
        }
        return row;
    }

    /**
     * Cases in hand and past their deadline at the end of each day given: accepted with a deadline before that day,
     * not ended on or before it, and not in a special procedure then. Each such case is a span of days, from the day
     * after its deadline up to (not including) the day it ended or its clock stopped. The kept changes per body and
     * day ({@code overdue_change}: the spans' starts less their ends) answer the questions they divide by; an item or
     * a window reads its cases that are or were past their deadline while open, once, whatever the number of days
     * asked.
     */
    private Map<LocalDate, Long> overdueOpen(boolean kept, Scope scope, List<LocalDate> cutoffs) {
        Map<LocalDate, Map<String, Long>> totals = kept ? runningTotals(scope, cutoffs, """
                changes as (
                    select f.day, f.overdue_change from case_figures_daily f
                    where %s and f.overdue_change <> 0 and f.day <= :last)
                select day, sum(overdue_change) as open_overdue from changes
                group by day order by day""".formatted(scope.condition())) : runningTotals(scope, cutoffs, """
                spans as (
                    select f.deadline + 1 as starts, least(f.closed_on, f.clock_stopped_since) as ends
                    from case_timeliness f
                    where %s
                      and f.deadline is not null and (f.closed_on is null or f.closed_on > f.deadline)
                      and f.deadline < :last)
                select day, sum(n) as open_overdue from (
                    select starts as day, 1 as n from spans
                    where (ends is null or ends > :first) and (ends is null or ends > starts)
                    union all
                    select ends, -1 from spans
                    where ends is not null and ends > :first and ends > starts) d
                group by day order by day""".formatted(scope.condition()));
        Map<LocalDate, Long> counts = new HashMap<>();
        totals.forEach((day, row) -> counts.put(day, row.getOrDefault("open_overdue", 0L)));
        return counts;
    }

    /**
     * The items on the list on each day given, of the dimension: how many, how many immediate, and their limits. A
     * published version is a span from its effective date up to (not including) the day the next one took over.
     */
    private Map<LocalDate, Map<String, Long>> itemsInForce(CaseStatisticsQuery query, List<LocalDate> days) {
        Scope scope = scope(query, "pv");
        return runningTotals(scope, days, """
                spans as (
                    select pv.effective_from as starts, pv.effective_to as ends,
                        case when pv.promised_limit_days = 0 then 1 else 0 end as immediate,
                        case when pv.legal_limit_days > 0 then pv.promised_limit_days else 0 end as promised,
                        case when pv.legal_limit_days > 0 then pv.legal_limit_days else 0 end as legal
                    from published_item_version pv
                    where %s and pv.effective_from <= :last
                      and (pv.effective_to is null
                           or (pv.effective_to > :first and pv.effective_to > pv.effective_from)))
                select day, sum(items) as items, sum(immediate) as immediate, sum(promised) as promised,
                    sum(legal) as legal
                from (select starts as day, 1 as items, immediate, promised, legal from spans
                      union all
                      select ends, -1, -immediate, -promised, -legal from spans where ends is not null) d
                group by day order by day""".formatted(scope.condition()));
    }

    /**
     * Figures that are a stock at a date (cases open past their deadline, items in force), for many dates in one
     * pass: {@code deltas} names CTEs after the scope's and ends in a query of (day, figure…) rows, each the change
     * on that day, ordered by day; a date's figures are the sum of the changes on or before it.
     */
    private Map<LocalDate, Map<String, Long>> runningTotals(Scope scope, List<LocalDate> days, String deltas) {
        List<LocalDate> sorted = days.stream().distinct().sorted().toList();
        Map<String, Object> params = new HashMap<>(scope.params());
        params.put("first", sorted.get(0));
        params.put("last", sorted.get(sorted.size() - 1));
        String with = scope.with().isBlank() ? "with " : scope.with().stripTrailing() + ",\n";
        List<Map.Entry<LocalDate, Map<String, Long>>> changes = new ArrayList<>();
        jdbc.sql(with + deltas).params(params).query(rs -> {
            Map<String, Long> change = new HashMap<>();
            for (int i = 2; i <= rs.getMetaData().getColumnCount(); i++) {
                change.put(rs.getMetaData().getColumnLabel(i), rs.getLong(i));
            }
            changes.add(Map.entry(rs.getObject("day", LocalDate.class), change));
        });
        Map<LocalDate, Map<String, Long>> totals = new HashMap<>();
        Map<String, Long> running = new HashMap<>();
        int next = 0;
        for (LocalDate day : sorted) {
            for (; next < changes.size() && !changes.get(next).getKey().isAfter(day); next++) {
                changes.get(next).getValue().forEach((figure, change) -> running.merge(figure, change, Long::sum));
            }
            totals.put(day, Map.copyOf(running));
        }
        return totals;
    }

    // --- values --------------------------------------------------------------------------------------------------

    private static Value count(Period p, long count) {
        return new Value(p.from(), p.to(), BigDecimal.valueOf(count), null, null);
    }

    private static Value rate(Period p, long numerator, long denominator) {
        return new Value(p.from(), p.to(), denominator == 0 ? null : BigDecimal.valueOf(numerator)
                .divide(BigDecimal.valueOf(denominator), SCALE, RoundingMode.HALF_UP), numerator, denominator);
    }

    private static Value speedUp(Period p, long numerator, long denominator) {
        return new Value(p.from(), p.to(), denominator == 0 ? null : BigDecimal.valueOf(denominator - numerator)
                .divide(BigDecimal.valueOf(denominator), SCALE, RoundingMode.HALF_UP), numerator, denominator);
    }

    private static Value notApplicable(Period p) {
        return new Value(p.from(), p.to(), null, null, null);
    }
}
