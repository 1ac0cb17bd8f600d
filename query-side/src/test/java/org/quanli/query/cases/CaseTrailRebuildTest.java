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
import org.quanli.kernel.cases.CaseMessages.CorrectionCompleted;
import org.quanli.kernel.cases.CaseMessages.CorrectionRequested;
import org.quanli.kernel.cases.CaseMessages.ReviewStepRecorded;
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
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The case trail rebuilt in bulk, its rows copied in chunk by chunk, is the trail its processor wrote event by
 * event: every column of every row, text holding tabs, line breaks and backslashes, and the item version a step
 * takes from the case's earlier steps in an earlier chunk.
 */
@SpringBootTest(classes = QuerySideApplication.class)
@ActiveProfiles({"test", "demo"})
class CaseTrailRebuildTest {

    private static final String ITEM = "6b1a3f0e-0000-4000-8000-000000000003";
    private static final String TRAIL = """
            select event_id, case_id, sequence_number, position, event_type, label, about_date, recorded_at,
                actor_user_id, actor_name, actor_role, actor_body, item_version, time_as_of, promised_days,
                extension_days, suspended_days, working_days, deadline, remaining_days, overdue, facts::text
            from case_trail order by position, event_id""";
    private static final String INDEXES = """
            select indexname, indexdef from pg_indexes where tablename = 'case_trail' order by indexname""";

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

    @Test
    void theTrailCopiedInChunkByChunkIsTheTrailWrittenEventByEvent() {
        CaseEvents events = new CaseEvents(eventStore, transactions, jdbc);
        String county = events.cityAndCounty()[1];
        String bureau = events.body(county, "测试县行政审批局");
        CaseEvents.Stream c = events.caseOf(bureau);
        c.then(new CaseSubmitted(c.id, ITEM, bureau, Channel.WINDOW, APPLICANT, date("2019-09-26"),
                        List.of("申请书\t(原件)", "营业执照\\副本"), 2, CaseType.PROMISED, "1号窗口", null))
                // No item version of its own: it takes the submission's, which a chunk of two leaves behind.
                .then(new CorrectionRequested(c.id, List.of("法定代表人\n身份证明"), date("2019-09-27"), 1, false))
                .then(new CorrectionCompleted(c.id, date("2019-09-29")))
                .then(new CaseAccepted(c.id, ITEM, bureau, date("2019-09-30"), AcceptanceCapacity.OWN, null, null, 2,
                        CaseType.PROMISED, 20, false, time("2019-09-30", 10, 0, List.of(), "2019-09-30")))
                .then(new ReviewStepRecorded(c.id, "初审\t复核", "行政审批科", "李审查", "同意。\r\n见附件\\1",
                        date("2019-10-08"), date("2019-10-10"), 3, 2, false, 2,
                        time("2019-09-30", 10, 0, List.of(), "2019-10-10")));
        events.awaitCases(c);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> CaughtUp.everyStreamingProjection(statuses));
        List<Map<String, Object>> before = jdbc.sql(TRAIL).query().listOfRows();
        assertThat(before).filteredOn(row -> row.get("case_id").equals(c.id)).extracting("item_version")
                .containsExactly(2, 2, 2, 2, 2);

        List<Map<String, Object>> indexesBefore = jdbc.sql(INDEXES).query().listOfRows();
        assertThat(indexesBefore).extracting("indexname")
                .containsExactly("case_trail_case_sequence", "case_trail_pkey");

        long parked = jdbc.sql("select count(*) from dead_letter_entry where processing_group = ?")
                .param(CaseTrailProjection.GROUP).query(Long.class).single();
        // The key on the event's id is left to the rebuild's end; the unique case and sequence number stay.
        List<Object> leftAtTheEnd = new ArrayList<>();
        BulkRebuild inChunksOfTwo = InstrumentedRebuild.of(beans, 2, () -> leftAtTheEnd.addAll(
                jdbc.sql(INDEXES).query().listOfRows().stream().map(row -> row.get("indexname")).toList()));
        BulkRebuild.Outcome outcome = inChunksOfTwo.rebuild(List.of(CaseTrailProjection.GROUP));

        assertThat(leftAtTheEnd).containsExactly("case_trail_case_sequence");
        assertThat(jdbc.sql(INDEXES).query().listOfRows()).isEqualTo(indexesBefore);
        assertThat(jdbc.sql("select count(*) from bulk_rebuild_index").query(Long.class).single()).isZero();

        assertThat(outcome.events()).isPositive();
        if (parked == 0) {
            // Every chunk copied in: a chunk that fails would stop the rebuild and leave the rest to the processor.
            assertThat(outcome.stoppedBy()).isNull();
        }
        // Should another test have parked a trail event, the processor takes over from there and ends the same way.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(jdbc.sql(TRAIL).query().listOfRows()).isEqualTo(before));
    }

    @Test
    void whileTheKeyIsSetAsideTheProcessorWritesTheTrailAndAStepHandedOverAgainStaysOne() {
        List<Map<String, Object>> indexesBefore = jdbc.sql(INDEXES).query().listOfRows();
        // As a rebuild whose node died leaves it, for the processors of the other nodes.
        indexes.setAside(List.of(), List.of("case_trail_pkey"));
        assertThat(jdbc.sql(INDEXES).query().listOfRows()).extracting("indexname")
                .containsExactly("case_trail_case_sequence");
        try {
            CaseEvents events = new CaseEvents(eventStore, transactions, jdbc);
            String bureau = events.body(events.cityAndCounty()[1], "测试县行政审批局");
            CaseEvents.Stream c = events.caseOf(bureau);
            c.then(new CaseSubmitted(c.id, ITEM, bureau, Channel.ONLINE, APPLICANT, date("2020-03-02"),
                    List.of("申请书"), 2, CaseType.PROMISED, null, null));
            events.awaitCases(c);
            String steps = "select count(*) from case_trail where case_id = '" + c.id + "'";
            await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(steps).query(Long.class).single() == 1);
            // The step written again, as a processor does with an event handed over again: the row stays one.
            jdbc.sql("""
                    insert into case_trail (event_id, case_id, sequence_number, position, event_type, label,
                        recorded_at, facts)
                    select gen_random_uuid()::text, case_id, sequence_number, position, event_type, label,
                        recorded_at, facts
                    from case_trail where case_id = ? on conflict do nothing""").param(c.id).update();
            assertThat(jdbc.sql(steps).query(Long.class).single()).isEqualTo(1);
        } finally {
            bulkRebuild.catchUpAtStart();
        }
        assertThat(jdbc.sql(INDEXES).query().listOfRows()).isEqualTo(indexesBefore);
        assertThat(jdbc.sql("select count(*) from bulk_rebuild_index").query(Long.class).single()).isZero();
    }
}
