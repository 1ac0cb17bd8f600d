package org.quanli.platform.web;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

import org.quanli.kernel.cases.CaseStatisticsQueries;
import org.quanli.kernel.cases.CaseStatisticsQueries.Granularity;

/**
 * The period and the single breakdown that every statistics endpoint (cases, complaints) takes, refused the same
 * way: a 400 naming the parameter and the rule.
 */
public final class StatisticsParameters {

    private StatisticsParameters() {
    }

    /** The granularity named, for a period from {@code from} to {@code to} that it cuts into few enough buckets. */
    public static Granularity granularity(LocalDate from, LocalDate to, String name) {
        Granularity granularity = Granularity.named(name);
        if (granularity == null) {
            throw BadParameter.of("granularity", "one-of", "统计粒度应为 day、month 或 year 之一:" + name);
        }
        if (from.isAfter(to)) {
            throw BadParameter.of("from", "order", "开始日期(" + from + ")不得晚于结束日期(" + to + ")");
        }
        if (granularity.buckets(from, to) > CaseStatisticsQueries.MAX_BUCKETS) {
            throw BadParameter.of("to", "max-buckets", "统计区间按" + name + "分段超过"
                    + CaseStatisticsQueries.MAX_BUCKETS + "个时段,请缩短区间或改用更长的统计粒度");
        }
        return granularity;
    }

    /** The one breakdown given, or null for none; two or more are refused, naming the second one's parameter. */
    public static <D> D atMostOne(List<D> given, Function<D, String> parameter) {
        if (given.size() > 1) {
            throw BadParameter.of(parameter.apply(given.get(1)), "one-dimension", "一次只能按一个维度统计("
                    + String.join("、", given.stream().map(parameter).toList()) + "只能选一)");
        }
        return given.isEmpty() ? null : given.get(0);
    }
}
