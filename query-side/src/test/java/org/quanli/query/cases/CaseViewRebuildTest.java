package org.quanli.query.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quanli.query.cases.CaseEvents.APPLICANT;
import static org.quanli.query.cases.CaseEvents.date;
import static org.quanli.query.cases.CaseEvents.time;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.quanli.kernel.cases.CaseMessages.CaseAccepted;
import org.quanli.kernel.cases.CaseMessages.CaseSubmitted;
import org.quanli.kernel.cases.CaseType;
import org.quanli.kernel.cases.Channel;
import org.quanli.kernel.delegation.AcceptanceCapacity;
import org.quanli.platform.projections.BulkRebuild;
import org.quanli.platform.projections.ProjectionStatuses;
import org.quanli.platform.projections.RebuildIndexes;
import org.quanli.query.QuerySideApplication;
import org.quanli.query.testing.CaughtUp;
import org.quanli.query.testing.InstrumentedRebuild;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The case rows' indexes serve only the case searches: a bulk rebuild of the case view drops them before its first
 * chunk and builds them again, the same, once it ends, or when a node starts after a rebuild that did not end.
 */
@SpringBootTest(classes = QuerySideApplication.class)
@ActiveProfiles({"test", "demo"})
class CaseViewRebuildTest {

    private static final String ITEM = "6b1a3f0e-0000-4000-8000-000000000003";
    private static final String INDEXES = """
            select indexname, indexdef from pg_indexes where tablename = 'case_view' order by indexname""";

    @Autowired
    EventStore eventStore;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ListableBeanFactory beans;
    @Autowired
    ProjectionStatuses statuses;
    @Autowired
    RebuildIndexes indexes;
    @Autowired
    BulkRebuild bulkRebuild;
    @Autowired
    @Qualifier("projectionSegments")
    HealthIndicator projectionsHealth;

    @Test
    void theCaseRowsGoInWithoutTheirSearchIndexesWhichTheRebuildsEndBuildsAgain() {
        CaseEvents events = new CaseEvents(eventStore, transactions, jdbc);
        String county = events.cityAndCounty()[1];
        String bureau = events.body(county, "测试县行政审批局");
        // A case row takes its body's jurisdiction from the places projection, which must know the body first.
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("select count(*) from body_view where body_id = ?")
                .param(bureau).query(Long.class).single() == 1);
        CaseEvents.Stream c = events.caseOf(bureau);
        c.then(new CaseSubmitted(c.id, ITEM, bureau, Channel.WINDOW, APPLICANT, date("2019-09-26"),
                        List.of("申请书"), 2, CaseType.PROMISED, "1号窗口", null))
                .then(new CaseAccepted(c.id, ITEM, bureau, date("2019-09-30"), AcceptanceCapacity.OWN, null, null, 2,
                        CaseType.PROMISED, 20, false, time("2019-09-30", 10, 0, List.of(), "2019-09-30")));
        events.awaitCases(c);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> CaughtUp.everyStreamingProjection(statuses));
        // This test's case only: another test's row may have been written before the places projection knew its body,
        // and a rebuild fills in the jurisdiction it lacks.
        String rows = "select * from case_view where case_id = '" + c.id + "'";
        List<Map<String, Object>> before = jdbc.sql(rows).query().listOfRows();
        assertThat(before).singleElement().extracting(row -> row.get("jurisdiction_code")).isEqualTo(county);
        List<Map<String, Object>> indexesBefore = jdbc.sql(INDEXES).query().listOfRows();
        assertThat(indexesBefore).extracting("indexname").contains("case_view_body", "case_view_deadline");

        // The indexes left when the rebuild has what it deferred catch up, just before they are built again.
        List<Object> leftAtTheEnd = new ArrayList<>();
        BulkRebuild recorded = InstrumentedRebuild.of(beans, 5000, () -> leftAtTheEnd.addAll(
                jdbc.sql(INDEXES).query().listOfRows().stream().map(row -> row.get("indexname")).toList()));
        long parked = jdbc.sql("select count(*) from dead_letter_entry where processing_group = ?")
                .param(CaseViewProjection.GROUP).query(Long.class).single();
        BulkRebuild.Outcome outcome = recorded.rebuild(List.of(CaseViewProjection.GROUP));

        if (parked == 0) {
            assertThat(outcome.stoppedBy()).isNull();
        }
        assertThat(leftAtTheEnd).containsExactly("case_view_pkey");
        assertThat(jdbc.sql(INDEXES).query().listOfRows()).isEqualTo(indexesBefore);
        assertThat(jdbc.sql("select count(*) from bulk_rebuild_index").query(Long.class).single()).isZero();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(jdbc.sql(rows).query().listOfRows()).isEqualTo(before));
    }

    @Test
    void indexesSetAsideByARebuildThatDidNotEndAreBuiltWhenANodeStarts() {
        List<Map<String, Object>> indexesBefore = jdbc.sql(INDEXES).query().listOfRows();
        indexes.setAside(List.of("case_view"), List.of());
        assertThat(jdbc.sql(INDEXES).query().listOfRows()).extracting("indexname").containsExactly("case_view_pkey");
        // The projections' health names them meanwhile.
        assertThat(projectionsHealth.health(true).getDetails().get("indexesSetAsideByBulkRebuild"))
                .isEqualTo(indexesBefore.stream().map(row -> row.get("indexname"))
                        .filter(name -> !name.equals("case_view_pkey")).toList());

        bulkRebuild.catchUpAtStart();

        assertThat(jdbc.sql(INDEXES).query().listOfRows()).isEqualTo(indexesBefore);
        assertThat(jdbc.sql("select count(*) from bulk_rebuild_index").query(Long.class).single()).isZero();
        assertThat(projectionsHealth.health(true).getDetails().get("indexesSetAsideByBulkRebuild"))
                .isEqualTo(List.of());
    }
}
