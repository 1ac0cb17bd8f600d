package org.quanli.query.powerlist;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.Map;

import org.axonframework.queryhandling.QueryHandler;
import org.quanli.kernel.powerlist.PowerListQueries.CleanupStatistics;
import org.quanli.kernel.powerlist.PowerListQueries.CleanupStatisticsQuery;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Clean-up figures of a jurisdiction or body, counted in SQL from the clean-up outcomes of its items. */
@Component
class CleanupStatisticsQueryHandler {

    /** The definition the figures follow, returned with them and shown in the API document. */
    static final String DEFINITION = "清理统计口径:统计区间 [from, to] 内(按决定的生效日期,含起止两日)作出清理决定的事项,"
            + "每个事项只按其在区间内最后一次清理结果计一次。"
            + "梳理事项数 = 减少事项数 + 保留事项数;"
            + "减少事项数 = 取消 + 下放 + 转移 + 整合 + 暂停执行;"
            + "下放指以下放方式(不含赋权、委托)交由下级实施主体行使、自下放决定生效之日起不再列入本级清单的事项;"
            + "保留事项数 = 保留 + 恢复执行 + 下放收回(恢复执行、收回下放后恢复的事项仍在清单上,计为保留);"
            + "精简率 = 减少事项数 ÷ 梳理事项数,以小数表示并保留四位(梳理事项数为 0 时为 0),"
            + "例如德保县梳理 4501 项、减少 1743 项,精简率 0.3872(38.72%)。"
            + "行政区划的统计只含作出决定时属于该区划本级的实施主体的事项,不含下级区划;"
            + "不予公开的事项也计入数字(只计数,不显示事项)。";

    private final JdbcClient jdbc;

    CleanupStatisticsQueryHandler(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    CleanupStatistics handle(CleanupStatisticsQuery query) {
        ListScope scope = ListScope.of(query.jurisdictionCode(), query.bodyId(), query.from(), query.to());
        Map<CleanupOutcome, Long> counts = new EnumMap<>(CleanupOutcome.class);
        jdbc.sql("""
                select outcome, count(*) as items from (
                    select distinct on (item_id) item_id, outcome from cleanup_outcome
                    where %s = :scope and effective_date between :from and :to
                    order by item_id, effective_date desc, sequence_number desc) last
                group by outcome""".formatted(scope.column()))
                .param("scope", scope.value())
                .param("from", query.from())
                .param("to", query.to())
                .query((rs, n) -> counts.put(CleanupOutcome.valueOf(rs.getString("outcome")), rs.getLong("items")))
                .list();
        long removed = sum(counts, true);
        long kept = sum(counts, false);
        long sorted = removed + kept;
        double rate = sorted == 0 ? 0 : BigDecimal.valueOf(removed)
                .divide(BigDecimal.valueOf(sorted), 4, RoundingMode.HALF_UP).doubleValue();
        return new CleanupStatistics(query.jurisdictionCode(), query.bodyId(), query.from(), query.to(), sorted,
                count(counts, CleanupOutcome.CANCEL), count(counts, CleanupOutcome.DEVOLVE),
                count(counts, CleanupOutcome.TRANSFER_OUT), count(counts, CleanupOutcome.MERGE),
                count(counts, CleanupOutcome.SUSPEND), kept, removed, rate, DEFINITION);
    }

    private static long sum(Map<CleanupOutcome, Long> counts, boolean removes) {
        return counts.entrySet().stream().filter(e -> e.getKey().removes() == removes)
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static long count(Map<CleanupOutcome, Long> counts, CleanupOutcome outcome) {
        return counts.getOrDefault(outcome, 0L);
    }
}
