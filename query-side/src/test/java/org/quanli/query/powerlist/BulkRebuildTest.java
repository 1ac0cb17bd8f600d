package org.quanli.query.powerlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quanli.query.powerlist.LedgerEvents.content;
import static org.quanli.query.powerlist.LedgerEvents.decision;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemSubmitted;
import org.quanli.platform.projections.BulkRebuild;
import org.quanli.platform.projections.BulkRebuild.Outcome;
import org.quanli.query.powerlist.LedgerEvents.Item;
import org.quanli.testing.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A projection rebuilt in bulk ends with the rows an event-by-event replay gives, its token at the head of the
 * store, and its processor running again: an event appended afterwards is projected as usual.
 */
class BulkRebuildTest extends ProjectionTestSupport {

    private static final String HISTORY = "select event_id, item_id, sequence_number, position, event_type, "
            + "description, actor_user_id, document_number, effective_date, recorded_at, details::text "
            + "from item_history order by position, event_id";

    @Autowired
    BulkRebuild bulkRebuild;

    @Test
    void theItemHistoryRebuiltInBulkHasEveryRowAndTheProcessorFollowsTheTailAgain() {
        String county = events.jurisdiction("中江县");
        String bureau = events.body(county, "中江县市场监督管理局");
        events.awaitBodies(bureau);
        Item reviewed = events.reviewedAndPublished(bureau, county, content("食品生产许可", ItemType.LICENCE, 20, 10),
                decision("中府发〔2015〕3号", "2015-03-01"));
        Item published = events.published(bureau, county, content("药品零售许可", ItemType.LICENCE, 20, 10),
                decision("中府发〔2015〕4号", "2015-03-01"));
        events.awaitProjected(reviewed, published);
        long head = jdbc.sql("select max(global_index) from domain_event_entry").query(Long.class).single();
        // Every segment, not only those holding this test's items, must have reached the head before the rows
        // are taken as the replay's answer: events of earlier tests may still be in flight on another segment.
        awaitAtHead("item-history", head);
        List<Map<String, Object>> before = jdbc.sql(HISTORY).query().listOfRows();

        long parked = jdbc.sql("select count(*) from dead_letter_entry where processing_group = 'item-history'")
                .query(Long.class).single();

        Outcome outcome = bulkRebuild.rebuild(List.of("item-history"));

        if (parked == 0) {
            // Another test of this context may have parked an event: then the processor finishes the rebuild.
            assertThat(outcome.events()).isPositive();
            assertThat(outcome.stoppedBy()).isNull();
            assertThat(outcome.position()).isEqualTo(head);
            // Only the item events (PowerItem…, all of which the history takes) were read: no place or case event.
            assertThat(outcome.events()).isEqualTo(jdbc.sql(
                    "select count(*) from domain_event_entry where payload_type like '%$PowerItem%'")
                    .query(Long.class).single());
            assertThat(outcome.events()).isLessThan(
                    jdbc.sql("select count(*) from domain_event_entry").query(Long.class).single());
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(jdbc.sql(HISTORY).query().listOfRows()).isEqualTo(before));
        awaitAtHead("item-history", head);

        reviewed.append(new PowerItemSubmitted(reviewed.id), LedgerEvents.clerk(bureau));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                jdbc.sql("select count(*) from item_history where item_id = ?").param(reviewed.id)
                        .query(Long.class).single()).isEqualTo(reviewed.sequence));
    }

    @Test
    void onlyTheAdministratorStartsABulkRebuildOfAProjectionThatExists() {
        assertThat(anonymous.as("clerk", Role.BODY_CLERK, "11510600008654321B")
                .post("/api/admin/projections/item-history/rebuild", Map.of()).status()).isEqualTo(403);
        ApiClient admin = anonymous.as("admin", Role.ADMINISTRATOR, null);
        assertThat(admin.post("/api/admin/projections/no-such-projection/rebuild", Map.of()).status())
                .isEqualTo(404);

        ApiClient.Response accepted = admin.post("/api/admin/projections/case-trail/rebuild", Map.of());

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.location()).endsWith("/api/admin/projections");
        long head = jdbc.sql("select max(global_index) from domain_event_entry").query(Long.class).single();
        awaitAtHead("case-trail", head);
    }
}
