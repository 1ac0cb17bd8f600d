package org.quanli.query.complaints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.quanli.kernel.cases.CaseStatisticsQueries.Granularity;
import org.quanli.kernel.cases.CaseStatisticsQueries.Value;
import org.quanli.kernel.complaints.ComplaintFigure;
import org.quanli.kernel.complaints.ComplaintQueries.ComplaintStatistics;
import org.quanli.kernel.complaints.ComplaintQueries.ComplaintStatisticsQuery;
import org.quanli.kernel.complaints.ComplaintQueries.Dimension;
import org.quanli.kernel.complaints.ComplaintQueries.DimensionKind;
import org.quanli.kernel.complaints.ComplaintQueries.ComplaintFigureSeries;
import org.quanli.platform.messaging.QueryAsker;
import org.quanli.query.QuerySideApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The complaint statistics against the data set worked out by hand in {@code complaints/dataset.md}: county K's 2016
 * in the Zhaotong report's shape, and the 2017 edge cases; every figure asserted exactly.
 */
@SpringBootTest(classes = QuerySideApplication.class)
@ActiveProfiles({"test", "demo"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComplaintStatisticsTest {

    @Autowired
    EventStore eventStore;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    QueryAsker queries;

    ComplaintDataset dataset;

    @BeforeAll
    void load() {
        dataset = ComplaintDataset.load(eventStore, transactions, jdbc);
    }

    private ComplaintStatistics ask(String from, String to, Granularity granularity, DimensionKind kind,
                                    String value) {
        return queries.ask(new ComplaintStatisticsQuery(null, LocalDate.parse(from), LocalDate.parse(to),
                granularity, kind == null ? null : new Dimension(kind, value)), ComplaintStatistics.class);
    }

    private static Value total(ComplaintStatistics answer, ComplaintFigure figure) {
        return series(answer, figure).total();
    }

    private static ComplaintFigureSeries series(ComplaintStatistics answer, ComplaintFigure figure) {
        return answer.figures().stream().filter(f -> f.code().equals(figure.code())).findFirst().orElseThrow();
    }

    private static void count(ComplaintStatistics answer, ComplaintFigure figure, long expected) {
        Value value = total(answer, figure);
        assertThat(value.value()).as(figure.code()).isEqualByComparingTo(BigDecimal.valueOf(expected));
        assertThat(value.numerator()).as(figure.code()).isNull();
    }

    private static void rate(ComplaintStatistics answer, ComplaintFigure figure, long numerator, long denominator,
                             String expected) {
        Value value = total(answer, figure);
        assertThat(value.numerator()).as(figure.code() + " numerator").isEqualTo(numerator);
        assertThat(value.denominator()).as(figure.code() + " denominator").isEqualTo(denominator);
        if (expected == null) {
            assertThat(value.value()).as(figure.code()).isNull();
        } else {
            assertThat(value.value()).as(figure.code()).isEqualByComparingTo(new BigDecimal(expected));
        }
    }

    private static long part(ComplaintStatistics answer, String by, String code) {
        return answer.breakdowns().stream().filter(b -> b.by().equals(by)).findFirst().orElseThrow().parts()
                .stream().filter(p -> p.code().equals(code)).findFirst().orElseThrow().total().value().longValueExact();
    }

    @Test
    void theCountysYearIsTheZhaotongReport59ComplaintsAllWithinTheLimitAllAnswered8983PercentSatisfied() {
        ComplaintStatistics year = ask("2016-01-01", "2016-12-31", Granularity.YEAR, DimensionKind.JURISDICTION,
                dataset.county);
        assertThat(year.definitionsVersion()).isEqualTo(ComplaintFigure.VERSION);
        assertThat(year.figures()).extracting(ComplaintFigureSeries::code).containsExactly(
                java.util.Arrays.stream(ComplaintFigure.values()).map(ComplaintFigure::code).toArray(String[]::new));
        assertThat(year.figures()).allSatisfy(f -> assertThat(f.formula()).isNotBlank());
        count(year, ComplaintFigure.RECEIVED, 59);
        assertThat(part(year, "channel", "HOTLINE")).isEqualTo(41);
        assertThat(part(year, "channel", "SMS_WECHAT")).isEqualTo(7);
        assertThat(part(year, "channel", "ONLINE_FORUM")).isEqualTo(11);
        assertThat(part(year, "channel", "HOTLINE_12345")).isZero();
        assertThat(part(year, "category", "EFFICIENCY")).isEqualTo(15);
        assertThat(part(year, "category", "CONDUCT")).isEqualTo(15);
        assertThat(part(year, "category", "INACTION")).isEqualTo(15);
        assertThat(part(year, "category", "CHARGES")).isEqualTo(14);
        count(year, ComplaintFigure.CONCLUDED, 59);
        rate(year, ComplaintFigure.CONCLUDED_WITHIN_LIMIT_RATE, 59, 59, "1.0000");
        rate(year, ComplaintFigure.ANSWERED_RATE, 59, 59, "1.0000");
        rate(year, ComplaintFigure.SATISFACTION_RATE, 53, 59, "0.8983");
        count(year, ComplaintFigure.REOPENED, 0);
        count(year, ComplaintFigure.ESCALATED, 0);
        count(year, ComplaintFigure.TRANSFERRED_ON, 0);
        count(year, ComplaintFigure.OVERDUE_OPEN, 0);
        count(year, ComplaintFigure.ABOUT_RECEIVED_ITEMS, 20);

        // The city's figures hold the county's: a jurisdiction covers every one below it.
        ComplaintStatistics city = ask("2016-01-01", "2016-12-31", Granularity.YEAR, DimensionKind.JURISDICTION,
                dataset.city);
        count(city, ComplaintFigure.RECEIVED, 59);
        rate(city, ComplaintFigure.SATISFACTION_RATE, 53, 59, "0.8983");
    }

    @Test
    void complaintsAboutADevolvedPowerCountTowardTheReceiverThatHoldsIt() {
        ComplaintStatistics bodyA = ask("2016-01-01", "2016-12-31", Granularity.YEAR, DimensionKind.BODY,
                dataset.bodyA);
        count(bodyA, ComplaintFigure.RECEIVED, 20);
        rate(bodyA, ComplaintFigure.SATISFACTION_RATE, 18, 20, "0.9000");
        count(bodyA, ComplaintFigure.ABOUT_RECEIVED_ITEMS, 0);
        assertThat(part(bodyA, "channel", "HOTLINE")).isEqualTo(14);
        assertThat(part(bodyA, "channel", "SMS_WECHAT")).isEqualTo(2);
        assertThat(part(bodyA, "channel", "ONLINE_FORUM")).isEqualTo(4);

        ComplaintStatistics bodyB = ask("2016-01-01", "2016-12-31", Granularity.YEAR, DimensionKind.BODY,
                dataset.bodyB);
        count(bodyB, ComplaintFigure.RECEIVED, 39);
        rate(bodyB, ComplaintFigure.SATISFACTION_RATE, 35, 39, "0.8974");
        count(bodyB, ComplaintFigure.ABOUT_RECEIVED_ITEMS, 20);

        // Named after the city bureau and its item, they are the receiver's: the city bureau has none.
        ComplaintStatistics bodyU = ask("2016-01-01", "2016-12-31", Granularity.YEAR, DimensionKind.BODY,
                dataset.bodyU);
        count(bodyU, ComplaintFigure.RECEIVED, 0);
        rate(bodyU, ComplaintFigure.SATISFACTION_RATE, 0, 0, null);

        ComplaintStatistics itemXU = ask("2016-01-01", "2016-12-31", Granularity.YEAR, DimensionKind.ITEM,
                dataset.itemXU.id);
        count(itemXU, ComplaintFigure.RECEIVED, 20);
        ComplaintStatistics hotline = ask("2016-01-01", "2016-12-31", Granularity.YEAR, DimensionKind.CHANNEL,
                "HOTLINE");
        assertThat(total(hotline, ComplaintFigure.RECEIVED).value().longValueExact()).isGreaterThanOrEqualTo(41);
    }

    @Test
    void monthsSplitTheYearByTheDateEachFigureCounts() {
        ComplaintStatistics months = ask("2016-01-01", "2016-12-31", Granularity.MONTH, DimensionKind.JURISDICTION,
                dataset.county);
        assertThat(months.buckets()).hasSize(12);
        List<Value> received = series(months, ComplaintFigure.RECEIVED).series();
        // Received on 2016-01-04 + 6i: five in January (4, 10, 16, 22, 28), the last on 12-17.
        assertThat(received.get(0).value()).isEqualByComparingTo("5");
        assertThat(received.stream().mapToLong(v -> v.value().longValueExact()).sum()).isEqualTo(59);
        count(months, ComplaintFigure.RECEIVED, 59);
    }

    @Test
    void theEdgeCasesTransferOnReopeningOverdueAndAnonymousCountAsDefined() {
        ComplaintStatistics half = ask("2017-01-01", "2017-06-30", Granularity.MONTH, DimensionKind.JURISDICTION,
                dataset.county);
        count(half, ComplaintFigure.RECEIVED, 4);
        assertThat(part(half, "channel", "HOTLINE_12345")).isEqualTo(1);
        assertThat(part(half, "channel", "SMS_WECHAT")).isEqualTo(1);
        assertThat(part(half, "channel", "ONLINE_FORUM")).isEqualTo(1);
        assertThat(part(half, "channel", "LETTER")).isEqualTo(1);
        // The reopened complaint is concluded twice and counted once, in March, by its latest conclusion.
        count(half, ComplaintFigure.CONCLUDED, 3);
        rate(half, ComplaintFigure.CONCLUDED_WITHIN_LIMIT_RATE, 3, 3, "1.0000");
        // The overdue complaint has no answer yet.
        rate(half, ComplaintFigure.ANSWERED_RATE, 3, 4, "0.7500");
        // Rated: the transfer on (satisfied) and the reopened one by its latest rating (basically satisfied); the
        // anonymous complainant cannot be asked.
        rate(half, ComplaintFigure.SATISFACTION_RATE, 2, 2, "1.0000");
        count(half, ComplaintFigure.REOPENED, 1);
        count(half, ComplaintFigure.TRANSFERRED_ON, 1);
        count(half, ComplaintFigure.OVERDUE_OPEN, 1);
        count(half, ComplaintFigure.ABOUT_RECEIVED_ITEMS, 0);
        List<Value> overdue = series(half, ComplaintFigure.OVERDUE_OPEN).series();
        assertThat(overdue).extracting(v -> v.value().longValueExact()).containsExactly(0L, 0L, 0L, 1L, 1L, 1L);
        List<Value> reopened = series(half, ComplaintFigure.REOPENED).series();
        assertThat(reopened).extracting(v -> v.value().longValueExact()).containsExactly(0L, 0L, 1L, 0L, 0L, 0L);
        List<Value> satisfaction = series(half, ComplaintFigure.SATISFACTION_RATE).series();
        assertThat(satisfaction.get(1).numerator()).isEqualTo(1);
        assertThat(satisfaction.get(2).denominator()).isEqualTo(1);

        // The transfer on counts toward the body complained about (no item named), A.
        ComplaintStatistics bodyA = ask("2017-01-01", "2017-06-30", Granularity.YEAR, DimensionKind.BODY,
                dataset.bodyA);
        count(bodyA, ComplaintFigure.RECEIVED, 2);
        count(bodyA, ComplaintFigure.TRANSFERRED_ON, 1);
        count(bodyA, ComplaintFigure.OVERDUE_OPEN, 1);
    }

    @Test
    void anUnknownBodyJurisdictionOrItemIsNotFoundRatherThanZeros() {
        assertThatThrownBy(() -> ask("2016-01-01", "2016-12-31", Granularity.YEAR, DimensionKind.BODY,
                "11510000000000000X")).hasMessageContaining("11510000000000000X");
        assertThatThrownBy(() -> ask("2016-01-01", "2016-12-31", Granularity.YEAR, DimensionKind.ITEM,
                java.util.UUID.randomUUID().toString())).hasMessageContaining("power item");
    }
}
