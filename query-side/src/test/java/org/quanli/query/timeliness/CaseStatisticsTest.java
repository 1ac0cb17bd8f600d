package org.quanli.query.timeliness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.assertj.core.api.SoftAssertions;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.quanli.kernel.cases.CaseStatisticsQueries.BodyFigures;
import org.quanli.kernel.cases.CaseStatisticsQueries.CaseFiguresByBody;
import org.quanli.kernel.cases.CaseStatisticsQueries.CaseFiguresByBodyQuery;
import org.quanli.kernel.cases.CaseStatisticsQueries.CaseStatistics;
import org.quanli.kernel.cases.CaseStatisticsQueries.CaseStatisticsQuery;
import org.quanli.kernel.cases.CaseStatisticsQueries.Dimension;
import org.quanli.kernel.cases.CaseStatisticsQueries.DimensionKind;
import org.quanli.kernel.cases.CaseStatisticsQueries.FigureSeries;
import org.quanli.kernel.cases.CaseStatisticsQueries.Granularity;
import org.quanli.kernel.cases.CaseStatisticsQueries.Value;
import org.quanli.platform.messaging.QueryAsker;
import org.quanli.platform.projections.BulkRebuild;
import org.quanli.platform.projections.BulkRebuild.Outcome;
import org.quanli.query.QuerySideApplication;
import org.quanli.query.testing.InstrumentedRebuild;
import org.quanli.query.testing.Replays;
import org.quanli.query.timeliness.ExpectedFigures.Cell;
import org.quanli.query.timeliness.ExpectedFigures.Table;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The case statistics against the data set worked out by hand in {@code timeliness/dataset.md}: events in, every
 * figure of every table out, exactly; and a replay of the projection, event by event or in bulk, gives the same facts
 * and figures.
 */
@SpringBootTest(classes = QuerySideApplication.class)
@ActiveProfiles({"test", "demo"})
class CaseStatisticsTest {

    @Autowired
    EventStore eventStore;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    QueryAsker queries;
    @Autowired
    BulkRebuild bulkRebuild;
    @Autowired
    ListableBeanFactory beans;

    @Test
    void everyFigureOfTheHandComputedDataSetIsAsDatasetMdWorksItOut() {
        TimelinessDataset dataset = TimelinessDataset.load(eventStore, transactions, jdbc);
        List<Table> tables = ExpectedFigures.read();
        assertThat(tables).extracting(Table::title).containsExactly("Jurisdiction C by month",
                "Body A by month, and county K", "Window 1号窗口", "Item I3", "Body B by day");

        SoftAssertions softly = new SoftAssertions();
        for (Table table : tables) {
            for (Map<String, String> parameters : table.queries()) {
                CaseStatistics answer = ask(dataset, parameters);
                String question = table.title() + " " + parameters;
                softly.assertThat(answer.buckets()).as(question + ": buckets").extracting(b -> b.from().toString())
                        .containsExactlyElementsOf(table.columns().subList(0, table.columns().size() - 1));
                softly.assertThat(answer.figures()).as(question + ": figures").extracting(FigureSeries::code)
                        .containsExactlyElementsOf(table.rows().keySet());
                for (FigureSeries figure : answer.figures()) {
                    softly.assertThat(figure.label()).as(figure.code()).isNotBlank();
                    softly.assertThat(figure.formula()).as(figure.code()).isNotBlank();
                    List<Cell> expected = table.rows().get(figure.code());
                    for (int i = 0; expected != null && i < table.columns().size(); i++) {
                        String column = table.columns().get(i);
                        Value actual = column.equals("total") ? figure.total() : figure.series().stream()
                                .filter(v -> v.from().equals(LocalDate.parse(column))).findFirst().orElse(null);
                        Cell cell = expected.get(i);
                        String where = question + " " + figure.code() + " " + column + " (dataset.md: " + cell.text()
                                + ")";
                        softly.assertThat(actual).as(where).isNotNull();
                        if (actual == null) {
                            continue;
                        }
                        softly.assertThat(actual.numerator()).as(where + " numerator").isEqualTo(cell.numerator());
                        softly.assertThat(actual.denominator()).as(where + " denominator")
                                .isEqualTo(cell.denominator());
                        if (cell.value() == null) {
                            softly.assertThat(actual.value()).as(where + " value").isNull();
                        } else {
                            softly.assertThat(actual.value()).as(where + " value").isEqualByComparingTo(cell.value());
                        }
                    }
                }
            }
        }
        softly.assertAll();
    }

    @Test
    void theFiguresOfSeveralBodiesInOneQueryAreEachBodysOwnFigures() {
        TimelinessDataset dataset = TimelinessDataset.load(eventStore, transactions, jdbc);
        LocalDate from = LocalDate.of(2024, 4, 1);
        LocalDate to = LocalDate.of(2024, 5, 31);
        String withoutCases = "11000000MB00000019";
        CaseFiguresByBody answer = queries.ask(new CaseFiguresByBodyQuery(List.of(dataset.id("B"), dataset.id("A"),
                withoutCases), from, to), CaseFiguresByBody.class);
        assertThat(answer.bodies()).extracting(BodyFigures::bodyId)
                .containsExactly(dataset.id("B"), dataset.id("A"), withoutCases);
        for (BodyFigures body : answer.bodies().subList(0, 2)) {
            CaseStatistics alone = queries.ask(new CaseStatisticsQuery(null, from, to, Granularity.YEAR,
                    new Dimension(DimensionKind.BODY, body.bodyId())), CaseStatistics.class);
            assertThat(body.figures()).isNotEmpty().allSatisfy((code, value) -> assertThat(value).as(code)
                    .isEqualTo(alone.figures().stream().filter(f -> f.code().equals(code)).findFirst()
                            .orElseThrow().total()));
        }
        // Body A, as dataset.md works it out for April and May: 12 concluded, 10 of them on time.
        assertThat(answer.bodies().get(1).figures().get("concluded").value()).isEqualByComparingTo("12");
        assertThat(answer.bodies().get(1).figures().get("onTimeRate").numerator()).isEqualTo(10L);
        assertThat(answer.bodies().get(2).figures().get("concluded").value()).isEqualByComparingTo("0");
        assertThat(answer.bodies().get(2).figures().get("onTimeRate").value()).isNull();
    }

    @Test
    void aReplayOfTheProjectionGivesTheSameFactsAndFigures() {
        rebuiltGivesTheSameFactsAndFigures(
                emptied -> Replays.replay(beans, List.of(CaseTimelinessProjection.GROUP), emptied));
    }

    @Test
    void aBulkRebuildWritingEachCasesRowOnceGivesTheSameFactsAndFigures() {
        rebuiltGivesTheSameFactsAndFigures(emptied -> {
            // What is behind when the rebuild has the sums catch up: its chunks left them to the end.
            List<Long> behindAtTheEnd = new ArrayList<>();
            BulkRebuild recorded = InstrumentedRebuild.of(beans, 5000, () -> behindAtTheEnd.add(
                    jdbc.sql("select count(*) from case_figures_behind").query(Long.class).single()),
                    beans.getBean(CaseTimelinessProjection.class));
            // The whole store is one chunk here: every event of a case folds into the one statement of its row.
            Outcome outcome = recorded.rebuild(List.of(CaseTimelinessProjection.GROUP));
            assertThat(outcome.stoppedBy()).isNull();
            assertThat(behindAtTheEnd).containsExactly(1L);
        });
    }

    /**
     * @param rebuild empties the facts and rebuilds them; where it can, it runs the check it is given once they are
     *                empty, before any event is projected into them again
     */
    private void rebuiltGivesTheSameFactsAndFigures(Consumer<Runnable> rebuild) {
        TimelinessDataset dataset = TimelinessDataset.load(eventStore, transactions, jdbc);
        List<Map<String, String>> questions = new ArrayList<>();
        ExpectedFigures.read().forEach(table -> questions.addAll(table.queries()));
        String factsSql = "select * from case_timeliness where case_id in (:ids) order by case_id";
        List<CaseStatistics> before = questions.stream().map(q -> ask(dataset, q)).toList();
        List<Map<String, Object>> facts = facts(factsSql, dataset);
        assertThat(facts).hasSize(31);

        // The reset handler empties the table: what follows is rebuilt from the events alone.
        rebuild.accept(() -> assertThat(facts(factsSql, dataset)).isEmpty());

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(facts(factsSql, dataset)).isEqualTo(facts);
            assertThat(questions.stream().map(q -> ask(dataset, q)).toList()).isEqualTo(before);
        });
        assertTheKeptSumsAreTheFactsSums();
    }

    /**
     * The sums kept per body and day, which the questions about bodies and jurisdictions read, against the sums of
     * every case fact in the table, in one statement: the triggers keep them in the transaction that writes the
     * facts, so they agree at every moment, whatever else is being projected.
     */
    @Test
    void theSumsKeptPerBodyAndDayAreTheFactsSums() {
        TimelinessDataset.load(eventStore, transactions, jdbc);
        assertTheKeptSumsAreTheFactsSums();
    }

    /**
     * In a bulk rebuild's chunk ({@code quanli.bulk_rebuild} on) the facts change and the sums do not: they are noted
     * behind, and filled from the facts when the rebuild ends or, should its node not live to see that, when a node
     * starts. Meanwhile the questions about bodies read the facts.
     */
    @Test
    void aBulkRebuildsChunkLeavesTheSumsBehindUntilTheyCatchUp() {
        TimelinessDataset dataset = TimelinessDataset.load(eventStore, transactions, jdbc);
        Map<String, Object> concluded = jdbc.sql("""
                        select case_id, body_id, concluded_on from case_timeliness
                        where case_id in (:ids) and accepted_on is not null and concluded_on is not null
                        order by case_id limit 1""")
                .param("ids", dataset.caseIds).query().singleRow();
        String caseId = (String) concluded.get("case_id");
        String body = (String) concluded.get("body_id");
        LocalDate on = ((java.sql.Date) concluded.get("concluded_on")).toLocalDate();
        LocalDate from = on.withDayOfYear(1);
        LocalDate to = on.withDayOfYear(on.lengthOfYear());
        CaseStatisticsQuery bodysYear = new CaseStatisticsQuery(null, from, to, Granularity.MONTH,
                new Dimension(DimensionKind.BODY, body));
        CaseFiguresByBodyQuery bodysFigures = new CaseFiguresByBodyQuery(List.of(body), from, to);
        String sumsSql = "select * from case_figures_daily order by body_id, day";
        List<Map<String, Object>> before = jdbc.sql(sumsSql).query().listOfRows();
        long concludedBefore = concludedIn(bodysYear);
        assertThat(concludedByBody(bodysFigures)).isEqualTo(concludedBefore);

        // The case moved out of the year, as a chunk would write it.
        transactions.executeWithoutResult(status -> {
            jdbc.sql("select set_config('quanli.bulk_rebuild', 'on', true)").query().listOfRows();
            jdbc.sql("""
                    update case_timeliness set accepted_on = accepted_on - 400, concluded_on = concluded_on - 400
                    where case_id = ?""").param(caseId).update();
        });
        assertThat(jdbc.sql(sumsSql).query().listOfRows()).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from case_figures_behind").query(Long.class).single()).isEqualTo(1L);
        assertThat(concludedIn(bodysYear)).isEqualTo(concludedBefore - 1);
        assertThat(concludedByBody(bodysFigures)).isEqualTo(concludedBefore - 1);
        CaseStatistics fromTheFacts = queries.ask(bodysYear, CaseStatistics.class);

        bulkRebuild.catchUpAtStart();
        assertThat(jdbc.sql(sumsSql).query().listOfRows()).isNotEqualTo(before);
        assertTheKeptSumsAreTheFactsSums();
        assertThat(queries.ask(bodysYear, CaseStatistics.class)).isEqualTo(fromTheFacts);
        assertThat(concludedByBody(bodysFigures)).isEqualTo(concludedBefore - 1);

        // The fact as the events have it, through the triggers as every projected change goes.
        jdbc.sql("""
                update case_timeliness set accepted_on = accepted_on + 400, concluded_on = concluded_on + 400
                where case_id = ?""").param(caseId).update();
        assertThat(jdbc.sql(sumsSql).query().listOfRows()).isEqualTo(before);
        assertTheKeptSumsAreTheFactsSums();
        assertThat(concludedIn(bodysYear)).isEqualTo(concludedBefore);
    }

    private long concludedIn(CaseStatisticsQuery question) {
        return queries.ask(question, CaseStatistics.class).figures().stream()
                .filter(figure -> figure.code().equals("concluded")).findFirst().orElseThrow()
                .total().value().longValueExact();
    }

    private long concludedByBody(CaseFiguresByBodyQuery question) {
        return queries.ask(question, CaseFiguresByBody.class).bodies().get(0).figures().get("concluded").value()
                .longValueExact();
    }

    private void assertTheKeptSumsAreTheFactsSums() {
        String sums = "accepted, same_month, concluded, immediate, promised, same_day, on_time, late, early, "
                + "promised_days_taken, days_taken, legal_days, not_accepted, withdrawn, evaluated, satisfied, "
                + "overdue_change";
        Map<String, Object> compared = jdbc.sql("""
                with facts as (select f.* from case_timeliness c cross join lateral case_figure_days(c) f),
                expected as (
                    select body_id, day, %s from facts group by body_id, day
                    having (sum(accepted), sum(concluded), sum(not_accepted), sum(withdrawn), sum(evaluated),
                            sum(overdue_change)) <> (0, 0, 0, 0, 0, 0)),
                kept as (select body_id, day, %s from case_figures_daily)
                select (select count(*) from expected) as expected,
                    (select count(*) from (select * from expected except select * from kept) e) as missing,
                    (select count(*) from (select * from kept except select * from expected) k) as wrong,
                    (select count(*) from case_figures_pending) as pending,
                    (select count(*) from case_figures_behind) as behind""".formatted(
                        sums.replaceAll("(\\w+)", "sum($1)::bigint as $1"), sums))
                .query().singleRow();
        assertThat(compared.get("expected")).as("days with cases").isNotEqualTo(0L);
        assertThat(compared).containsEntry("missing", 0L).containsEntry("wrong", 0L).containsEntry("pending", 0L)
                .containsEntry("behind", 0L);
    }

    private List<Map<String, Object>> facts(String sql, TimelinessDataset dataset) {
        return jdbc.sql(sql).param("ids", dataset.caseIds).query().listOfRows();
    }

    /** A dataset.md question, its symbols replaced by what they stand for in this load. */
    private CaseStatistics ask(TimelinessDataset dataset, Map<String, String> parameters) {
        Dimension dimension = null;
        for (DimensionKind kind : DimensionKind.values()) {
            String symbol = parameters.get(kind.parameter());
            if (symbol != null) {
                dimension = new Dimension(kind, dataset.id(symbol));
            }
        }
        return queries.ask(new CaseStatisticsQuery(null, LocalDate.parse(parameters.get("from")),
                LocalDate.parse(parameters.get("to")), Granularity.named(parameters.get("granularity")), dimension),
                CaseStatistics.class);
    }
}
