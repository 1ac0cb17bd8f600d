package org.quanli.query.powerlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quanli.query.powerlist.LedgerEvents.content;
import static org.quanli.query.powerlist.LedgerEvents.decision;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.quanli.platform.projections.BulkRebuild;
import org.quanli.platform.projections.BulkRebuild.Outcome;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemSubmitted;
import org.quanli.query.powerlist.LedgerEvents.Item;
import org.quanli.query.testing.CaughtUp;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An event no projection can write (PostgreSQL's text refuses U+0000; the edge refuses it too, so it is put straight
 * into the store) aborts its batch's transaction. It is parked, with its aggregate's later events, and every other
 * item, in whichever segment, still reaches the projections. A bulk rebuild leaves such an event to the processor.
 */
class UnwritableEventIsParkedTest extends ProjectionTestSupport {

    @Autowired
    BulkRebuild bulkRebuild;

    @Test
    void anEventNoProjectionCanWriteIsParkedAndTheOtherItemsStillProject() {
        String county = events.jurisdiction("罗江区");
        String bureau = events.body(county, "罗江区市场监督管理局");
        events.awaitBodies(bureau);

        Item poisoned = events.drafted(bureau, county, content("食品经营许可\u0000", ItemType.LICENCE, 20, 10));
        poisoned.append(new PowerItemSubmitted(poisoned.id), LedgerEvents.clerk(bureau));
        // Enough items after it that several share each of the projections' segments with it.
        List<Item> later = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            later.add(events.published(bureau, county, content("其他许可" + i, ItemType.LICENCE, 20, 10),
                    decision("罗府发〔2024〕1号", "2024-01-01")));
        }

        events.awaitProjected(later.toArray(Item[]::new));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String group : List.of("power-lists", "item-history")) {
                assertThat(jdbc.sql("select sequence_index, payload_type, cause_message from dead_letter_entry "
                                + "where processing_group = ? and sequence_identifier = ? order by sequence_index")
                        .params(group, poisoned.id).query().listOfRows())
                        .as("letters of %s", group)
                        .extracting(row -> row.get("payload_type").toString())
                        .containsExactly(
                                "org.quanli.kernel.powerlist.PowerListMessages$PowerItemDrafted",
                                "org.quanli.kernel.powerlist.PowerListMessages$PowerItemSubmitted");
            }
        });
        assertThat(jdbc.sql("select count(*) from item_view where item_id = ?").param(poisoned.id)
                .query(Long.class).single()).isZero();
        // Parked once each, however often the batch holding them was retried.
        assertThat(jdbc.sql("select count(*) from dead_letter_entry where sequence_identifier = ?")
                .param(poisoned.id).query(Long.class).single()).isEqualTo(4);
    }

    @Test
    void aBulkRebuildStopsBeforeAParkedSequenceOrAtTheChunkItCannotWriteAndTheProcessorParksTheEventAgain() {
        String county = events.jurisdiction("旌阳区");
        String bureau = events.body(county, "旌阳区市场监督管理局");
        events.awaitBodies(bureau);
        Item poisoned = events.drafted(bureau, county, content("食品生产许可\u0000", ItemType.LICENCE, 20, 10));
        Item later = events.published(bureau, county, content("药品经营许可", ItemType.LICENCE, 20, 10),
                decision("旌府发〔2024〕2号", "2024-01-01"));
        events.awaitProjected(later);
        awaitParkedInItemHistory(poisoned);

        Outcome beforeParked = bulkRebuild.rebuild(List.of("item-history"));

        assertThat(beforeParked.stoppedBy()).contains("belongs to a parked sequence");
        awaitInItemHistory(later);
        // The processor goes on from where the rebuild stopped and meets the parked events again; until it has
        // passed them all, a letter deleted below could be written anew.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> CaughtUp.everyStreamingProjection(statuses));

        // Every letter of the history discarded, as an operator may: the rebuild now meets the events themselves.
        jdbc.sql("delete from dead_letter_entry where processing_group = 'item-history'").update();
        Outcome atTheEvent = bulkRebuild.rebuild(List.of("item-history"));

        assertThat(atTheEvent.stoppedBy()).isNotNull().doesNotContain("parked");
        awaitParkedInItemHistory(poisoned);
        awaitInItemHistory(later);
    }

    private void awaitParkedInItemHistory(Item item) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(jdbc.sql(
                        "select count(*) from dead_letter_entry where processing_group = 'item-history' "
                                + "and sequence_identifier = ?").param(item.id).query(Long.class).single())
                .isEqualTo(1));
    }

    private void awaitInItemHistory(Item item) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                jdbc.sql("select count(*) from item_history where item_id = ?").param(item.id)
                        .query(Long.class).single()).isEqualTo(item.sequence));
    }
}
