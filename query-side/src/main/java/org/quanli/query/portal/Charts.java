package org.quanli.query.portal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.quanli.kernel.cases.CaseStatisticsQueries.CaseFiguresByBody;
import org.quanli.kernel.cases.CaseStatisticsQueries.CaseStatistics;
import org.quanli.kernel.cases.CaseStatisticsQueries.FigureSeries;
import org.quanli.kernel.cases.CaseStatisticsQueries.Period;
import org.quanli.kernel.cases.CaseStatisticsQueries.Value;

/**
 * The numbers the statistics page's charts draw, taken from the statistics answers as they are: counts as counts,
 * rates as percentages with two decimals (null where the denominator is 0, which the chart leaves as a gap).
 *
 * @param months   one label per bucket (yyyy-MM)
 * @param series   by figure code, one value per bucket
 * @param bodies   body names for the by-body chart
 * @param byBody   by figure code, one value per body over the whole period
 */
record Charts(List<String> months, Map<String, List<BigDecimal>> series, List<String> bodies,
              Map<String, List<BigDecimal>> byBody) {

    static final List<String> MONTHLY = List.of("accepted", "concluded", "sameDayRate", "onTimeRate",
            "promisedSpeedUp", "actualSpeedUp");
    static final List<String> BY_BODY = List.of("concluded", "onTimeRate");

    /** @param bodyNames the names of the bodies of {@code bodies}, in the same order */
    static Charts of(CaseStatistics cases, List<String> bodyNames, CaseFiguresByBody bodies) {
        List<String> months = cases.buckets().stream().map(Period::from).map(d -> d.toString().substring(0, 7))
                .toList();
        Map<String, List<BigDecimal>> series = new LinkedHashMap<>();
        for (String code : MONTHLY) {
            series.put(code, figure(cases, code).series().stream().map(v -> shown(figure(cases, code), v)).toList());
        }
        Map<String, List<BigDecimal>> byBody = new LinkedHashMap<>();
        for (String code : BY_BODY) {
            List<BigDecimal> values = new ArrayList<>();
            bodies.bodies().forEach(b -> values.add(shown(figure(cases, code), b.figures().get(code))));
            byBody.put(code, values);
        }
        return new Charts(months, series, List.copyOf(bodyNames), byBody);
    }

    private static FigureSeries figure(CaseStatistics statistics, String code) {
        return statistics.figures().stream().filter(f -> f.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no figure " + code));
    }

    private static BigDecimal shown(FigureSeries figure, Value value) {
        if (value.value() == null) {
            return null;
        }
        return switch (figure.kind()) {
            case RATE, SPEED_UP -> value.value().multiply(BigDecimal.valueOf(100)).setScale(2, RoundingMode.HALF_UP);
            default -> value.value();
        };
    }
}
