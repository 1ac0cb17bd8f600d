package org.quanli.query.complaints;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.axonframework.queryhandling.QueryHandler;
import org.quanli.kernel.calendar.ChinaTime;
import org.quanli.kernel.cases.CaseFigure;
import org.quanli.kernel.cases.CaseStatisticsQueries.Period;
import org.quanli.kernel.cases.CaseStatisticsQueries.Value;
import org.quanli.kernel.complaints.ComplaintCategory;
import org.quanli.kernel.complaints.ComplaintChannel;
import org.quanli.kernel.complaints.ComplaintFigure;
import org.quanli.kernel.complaints.ComplaintQueries.Breakdown;
import org.quanli.kernel.complaints.ComplaintQueries.ComplaintStatistics;
import org.quanli.kernel.complaints.ComplaintQueries.ComplaintStatisticsQuery;
import org.quanli.kernel.complaints.ComplaintQueries.Dimension;
import org.quanli.kernel.complaints.ComplaintQueries.ComplaintFigureSeries;
import org.quanli.kernel.rules.NotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Computes the complaint figures of {@link ComplaintFigure} with SQL aggregates over the complaint facts
 * ({@code complaint_view}, each counted toward its body through {@link ComplaintHoldings}): each family of figures is
 * one grouped scan of its date column over the period, with the whole period as an extra grouping set; the
 * overdue-open stock is one count over the reply limits per bucket end. No complaint is loaded into memory.
 */
@Component
class ComplaintStatisticsQueryHandler {

    private static final int SCALE = 4;
    /** The key of the whole period among the buckets' first days. */
    private static final LocalDate TOTAL = LocalDate.MIN;

    private final JdbcClient jdbc;
    private final Clock clock;

    ComplaintStatisticsQueryHandler(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The complaints of a question: a with clause ending in {@code facts}, and its parameters. */
    private record Scope(String with, Map<String, Object> params) {
    }

    @QueryHandler
    ComplaintStatistics handle(ComplaintStatisticsQuery query) {
        requireKnown(query.dimension());
        LocalDate today = ChinaTime.today(clock);
        List<Period> buckets = query.granularity().periods(query.from(), query.to());
        Scope scope = scope(query);
        Map<String, Object> params = new HashMap<>(scope.params());
        params.put("from", query.from());
        params.put("to", query.to());
        params.put("unit", query.granularity().sqlUnit());

        Map<LocalDate, Map<String, Long>> received = sums(scope, params, "received_on", """
                count(*) as received,
                count(*) filter (where x.first_replied_on is not null) as answered,
                count(*) filter (where x.transfers_on > 0) as transferred_on,
                count(*) filter (where x.received_item) as received_items""" + byValue("channel",
                ComplaintChannel.values()) + byValue("category", ComplaintCategory.values()));
        Map<LocalDate, Map<String, Long>> concluded = sums(scope, params, "concluded_on", """
                count(*) as concluded,
                count(*) filter (where x.concluded_within_limit) as within_limit""");
        Map<LocalDate, Map<String, Long>> rated = sums(scope, params, "rated_on", """
                count(*) as rated,
                count(*) filter (where x.rating in ('SATISFIED', 'BASICALLY_SATISFIED')) as satisfied""");
        Map<LocalDate, Map<String, Long>> reopened = sums(scope, params, "reopened_on", "count(*) as reopened");
        Map<LocalDate, Map<String, Long>> escalated = sums(scope, params, "escalated_on", "count(*) as escalated");

        List<LocalDate> cutoffs = new ArrayList<>();
        buckets.forEach(b -> cutoffs.add(cutoff(b.to(), today)));
        cutoffs.add(cutoff(query.to(), today));
        Map<LocalDate, Long> overdueOpen = overdueOpen(scope, cutoffs.stream().distinct().toList());

        Map<ComplaintFigure, List<Value>> series = new EnumMap<>(ComplaintFigure.class);
        Map<ComplaintFigure, Value> totals = new EnumMap<>(ComplaintFigure.class);
        Map<String, List<Value>> partSeries = new LinkedHashMap<>();
        Map<String, Value> partTotals = new HashMap<>();
        List<Period> all = new ArrayList<>(buckets);
        all.add(new Period(query.from(), query.to()));
        for (int i = 0; i < all.size(); i++) {
            Period p = all.get(i);
            boolean total = i == buckets.size();
            LocalDate key = total ? TOTAL : query.granularity().start(p.from());
            Map<ComplaintFigure, Value> values = new EnumMap<>(ComplaintFigure.class);
            values.put(ComplaintFigure.RECEIVED, count(p, get(received, key, "received")));
            values.put(ComplaintFigure.CONCLUDED, count(p, get(concluded, key, "concluded")));
            values.put(ComplaintFigure.CONCLUDED_WITHIN_LIMIT_RATE, rate(p, get(concluded, key, "within_limit"),
                    get(concluded, key, "concluded")));
            values.put(ComplaintFigure.ANSWERED_RATE, rate(p, get(received, key, "answered"),
                    get(received, key, "received")));
            values.put(ComplaintFigure.SATISFACTION_RATE, rate(p, get(rated, key, "satisfied"),
                    get(rated, key, "rated")));
            values.put(ComplaintFigure.REOPENED, count(p, get(reopened, key, "reopened")));
            values.put(ComplaintFigure.ESCALATED, count(p, get(escalated, key, "escalated")));
            values.put(ComplaintFigure.TRANSFERRED_ON, count(p, get(received, key, "transferred_on")));
            values.put(ComplaintFigure.OVERDUE_OPEN, count(p, overdueOpen.getOrDefault(cutoff(p.to(), today), 0L)));
            values.put(ComplaintFigure.ABOUT_RECEIVED_ITEMS, count(p, get(received, key, "received_items")));
            values.forEach((figure, value) -> {
                if (total) {
                    totals.put(figure, value);
                } else {
                    series.computeIfAbsent(figure, f -> new ArrayList<>()).add(value);
                }
            });
            for (ComplaintChannel channel : ComplaintChannel.values()) {
                part(partSeries, partTotals, part("channel", channel), count(p, get(received, key,
                        part("channel", channel))), total);
            }
            for (ComplaintCategory category : ComplaintCategory.values()) {
                part(partSeries, partTotals, part("category", category), count(p, get(received, key,
                        part("category", category))), total);
            }
        }
        List<ComplaintFigureSeries> figures = new ArrayList<>();
        for (ComplaintFigure figure : ComplaintFigure.values()) {
            figures.add(new ComplaintFigureSeries(figure.code(), figure.label(), figure.kind(), figure.formula(),
                    series.get(figure), totals.get(figure)));
        }
        List<ComplaintFigureSeries> channels = new ArrayList<>();
        for (ComplaintChannel channel : ComplaintChannel.values()) {
            String code = part("channel", channel);
            channels.add(new ComplaintFigureSeries(channel.name(), channel.label(), CaseFigure.Kind.COUNT,
                    "收到日在时段内、经" + channel.label() + "收到的投诉件数", partSeries.get(code), partTotals.get(code)));
        }
        List<ComplaintFigureSeries> categories = new ArrayList<>();
        for (ComplaintCategory category : ComplaintCategory.values()) {
            String code = part("category", category);
            categories.add(new ComplaintFigureSeries(category.name(), category.label(), CaseFigure.Kind.COUNT,
                    "收到日在时段内、登记类别为" + category.label() + "的投诉件数", partSeries.get(code),
                    partTotals.get(code)));
        }
        Dimension dimension = query.dimension();
        return new ComplaintStatistics(ComplaintFigure.VERSION, ComplaintFigure.CONVENTIONS, query.from(),
                query.to(), query.granularity(), dimension == null ? null : dimension.kind().parameter(),
                dimension == null ? null : dimension.value(), today, buckets, figures,
                List.of(new Breakdown("channel", "受理投诉件数按收到渠道分:各渠道之和等于受理投诉件数", channels),
                        new Breakdown("category", "受理投诉件数按登记类别分:各类别之和等于受理投诉件数", categories)));
    }

    private static void part(Map<String, List<Value>> series, Map<String, Value> totals, String code, Value value,
                             boolean total) {
        if (total) {
            totals.put(code, value);
        } else {
            series.computeIfAbsent(code, c -> new ArrayList<>()).add(value);
        }
    }

    private static LocalDate cutoff(LocalDate day, LocalDate today) {
        return day.isAfter(today) ? today : day;
    }

    /** Figures of something the ledger does not know would be zeros that look like a real answer. */
    private void requireKnown(Dimension dimension) {
        if (dimension == null) {
            return;
        }
        String value = dimension.value();
        switch (dimension.kind()) {
            case BODY -> {
                if (!exists("select exists (select 1 from body_view where body_id = ?)", value)) {
                    throw new NotFound("implementing body", value);
                }
            }
            case JURISDICTION -> {
                if (!exists("select exists (select 1 from jurisdiction_view where code = ?)", value)) {
                    throw new NotFound("jurisdiction", value);
                }
            }
            case ITEM -> {
                if (!exists("select exists (select 1 from item_view where item_id = ?)", value)) {
                    throw new NotFound("power item", value);
                }
            }
            case CHANNEL -> {
                // A channel is one of the code set, checked at the edge: every channel exists.
            }
        }
    }

    private boolean exists(String sql, String value) {
        return jdbc.sql(sql).param(value).query(Boolean.class).single();
    }

    // --- SQL -----------------------------------------------------------------------------------------------------

    /** The complaints of the question's dimension and of the asker's reach, each with the body it counts toward. */
    private static Scope scope(ComplaintStatisticsQuery query) {
        List<String> ctes = new ArrayList<>();
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (query.onlyJurisdiction() != null) {
            ctes.add(under("reach_under", "reachJurisdiction"));
            where.add(countedUnder("reach_under"));
            params.put("reachJurisdiction", query.onlyJurisdiction());
        }
        Dimension dimension = query.dimension();
        if (dimension != null) {
            switch (dimension.kind()) {
                case BODY -> where.add("h.counted_body_id = :dimension");
                case ITEM -> where.add("c.item_id = :dimension");
                case CHANNEL -> where.add("c.channel = :dimension");
                case JURISDICTION -> {
                    ctes.add(under("dimension_under", "dimension"));
                    where.add(countedUnder("dimension_under"));
                }
            }
            params.put("dimension", dimension.value());
        }
        where.add("true");
        ctes.add("facts as (select c.*, h.counted_body_id, h.received_item from complaint_view c\n"
                + ComplaintHoldings.COUNTED + " where " + String.join(" and ", where) + ")");
        return new Scope("with recursive " + String.join(",\n", ctes) + "\n", params);
    }

    static String under(String name, String parameter) {
        return name + "(code) as (select cast(:" + parameter + " as varchar(12)) union all "
                + "select j.code from jurisdiction_view j join " + name + " u on j.parent_code = u.code)";
    }

    private static String countedUnder(String under) {
        return "h.counted_body_id in (select u_b.body_id from body_view u_b where u_b.jurisdiction_code in "
                + "(select code from " + under + "))";
    }

    /** A breakdown's column: lower case, as PostgreSQL names an unquoted alias. */
    private static String part(String column, Enum<?> value) {
        return (column + "_" + value.name()).toLowerCase(Locale.ROOT);
    }

    private static String byValue(String column, Enum<?>[] values) {
        StringBuilder sql = new StringBuilder();
        for (Enum<?> value : values) {
            sql.append(",\n count(*) filter (where x.").append(column).append(" = '").append(value.name())
                    .append("') as ").append(part(column, value));
        }
        return sql.toString();
    }

    /**
     * One family of figures: the complaints whose {@code dateColumn} lies in the period, summed by the bucket that
     * date falls in and over the whole period.
     */
    private Map<LocalDate, Map<String, Long>> sums(Scope scope, Map<String, Object> params, String dateColumn,
                                                   String aggregates) {
        String sql = scope.with() + """
                select grouping(x.bucket) = 1 as whole, x.bucket, %s
                from (select date_trunc(:unit, f.%s::timestamp)::date as bucket, f.*
                      from facts f where f.%s between :from and :to) x
                group by grouping sets ((x.bucket), ())""".formatted(aggregates, dateColumn, dateColumn);
        Map<LocalDate, Map<String, Long>> rows = new HashMap<>();
        jdbc.sql(sql).params(params).query(rs -> {
            Map<String, Long> row = new HashMap<>();
            for (int i = 3; i <= rs.getMetaData().getColumnCount(); i++) {
                row.put(rs.getMetaData().getColumnLabel(i), rs.getLong(i));
            }
            rows.put(rs.getBoolean("whole") ? TOTAL : rs.getObject("bucket", LocalDate.class), row);
        });
        return rows;
    }

    private static long get(Map<LocalDate, Map<String, Long>> sums, LocalDate bucket, String column) {
        Map<String, Long> row = sums.get(bucket);
        return row == null ? 0 : row.getOrDefault(column, 0L);
    }

    /**
     * Complaints awaiting a reply past their due date at the end of each day given: a reply limit due before that
     * day and not ended (replied, or replaced by an escalation's limit) on or before it.
     */
    private Map<LocalDate, Long> overdueOpen(Scope scope, List<LocalDate> days) {
        Map<String, Object> params = new HashMap<>(scope.params());
        params.put("days", days);
        Map<LocalDate, Long> counts = new HashMap<>();
        jdbc.sql(scope.with() + """
                select d.day, count(r.complaint_id) as overdue
                from unnest(cast(array[:days] as date[])) d(day)
                left join (select r.* from complaint_round r join facts f on f.complaint_id = r.complaint_id) r
                    on r.due_on < d.day and (r.ended_on is null or r.ended_on > d.day)
                group by d.day""")
                .params(params)
                .query(rs -> {
                    counts.put(rs.getObject("day", LocalDate.class), rs.getLong("overdue"));
                });
        return counts;
    }

    // --- values --------------------------------------------------------------------------------------------------

    private static Value count(Period p, long count) {
        return new Value(p.from(), p.to(), BigDecimal.valueOf(count), null, null);
    }

    private static Value rate(Period p, long numerator, long denominator) {
        return new Value(p.from(), p.to(), denominator == 0 ? null : BigDecimal.valueOf(numerator)
                .divide(BigDecimal.valueOf(denominator), SCALE, RoundingMode.HALF_UP), numerator, denominator);
    }
}
