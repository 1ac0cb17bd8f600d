package org.quanli.query.powerlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;
import static org.quanli.query.powerlist.LedgerEvents.content;
import static org.quanli.query.powerlist.LedgerEvents.decision;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.quanli.kernel.codes.ItemType;
import org.quanli.platform.projections.BulkRuns;
import org.quanli.platform.projections.BulkRebuild.Outcome;
import org.quanli.query.powerlist.LedgerEvents.Item;
import org.quanli.query.testing.InstrumentedRebuild;
import org.quanli.query.testing.Replays;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Projections far behind are brought up to the head in bulk from where their tokens stand: one read of the store
 * from the lowest token, in chunks, each event handed only to a segment whose token does not cover it yet. The rows
 * are those an event-by-event replay gives, and the processors follow the tail afterwards.
 */
class BulkCatchUpTest extends ProjectionTestSupport {

    private static final String HISTORY = "select to_jsonb(h)::text from item_history h where item_id = any(?) "
            + "order by position, event_id";
    private static final String ITEMS = "select to_jsonb(v)::text from item_view v where item_id = any(?) "
            + "order by item_id";
    /** An item's version may have several rows (its periods): ordered by the whole row. */
    private static final String VERSIONS = "select to_jsonb(v)::text from published_item_version v "
            + "where item_id = any(?) order by 1";

    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ListableBeanFactory beans;
    @Autowired
    BulkRuns runs;

    @Test
    void projectionsCaughtUpInBulkFromTheirTokensHaveTheRowsAReplayGivesAndReadOnlyWhatLayBeyond() {
        String county = events.jurisdiction("什邡县");
        String bureau = events.body(county, "什邡县市场监督管理局");
        events.awaitBodies(bureau);
        Item amended = events.published(bureau, county, content("食品经营许可", ItemType.LICENCE, 20, 10),
                decision("什府发〔2016〕1号", "2016-03-01"));
        Item suspended = events.published(bureau, county, content("药品经营许可", ItemType.LICENCE, 20, 10),
                decision("什府发〔2016〕1号", "2016-03-01"));
        events.awaitProjected(amended, suspended);
        List<String> names = List.of("item-history", PowerListProjection.GROUP);

        Item added = runs.without(names, () -> {
            List<StreamingEventProcessor> stopped = stop(names);
            long from = statuses.lowestPosition(Set.copyOf(names));
            Item item = events.published(bureau, county, content("特种设备使用登记", ItemType.OTHER_POWER, 20, 10),
                    decision("什府发〔2016〕2号", "2016-06-01"));
            amended.amended(content("食品经营许可(含网络经营)", ItemType.LICENCE, 20, 8),
                    decision("什府发〔2016〕2号", "2016-06-01"));
            suspended.suspended("机构调整", decision("什府发〔2016〕2号", "2016-06-01"));

            Outcome outcome = InstrumentedRebuild.of(beans, 2).catchUp(names);

            assertThat(outcome.projections()).containsExactlyElementsOf(names);
            assertThat(outcome.stoppedBy()).isNull();
            assertThat(outcome.position()).isEqualTo(head());
            // The store was read from the lowest of their tokens, not from its first event: only item events (no
            // place event: neither takes one), those a segment had projected already passed over.
            assertThat(outcome.events()).isEqualTo(jdbc.sql("select count(*) from domain_event_entry "
                            + "where global_index > ? and payload_type like '%$PowerItem%'").param(from)
                            .query(Long.class).single())
                    .isGreaterThanOrEqualTo(item.sequence + 2)
                    .isLessThan(jdbc.sql("select count(*) from domain_event_entry "
                            + "where payload_type like '%$PowerItem%'").query(Long.class).single());
            assertThat(stopped).allSatisfy(processor -> assertThat(processor.isRunning()).isTrue());
            return item;
        });
        events.awaitProjected(added, amended, suspended);
        Map<String, List<String>> caughtUp = rows(List.of(added, amended, suspended));

        replay(names);

        assertThat(rows(List.of(added, amended, suspended))).isEqualTo(caughtUp);
    }

    @Test
    void aSegmentAheadOfAnotherIsNotHandedWhatItHasProjectedAlready() {
        StreamingEventProcessor history = processing.eventProcessor("item-history", StreamingEventProcessor.class)
                .orElseThrow();
        int[] segments = jdbc.sql("select segment from token_entry where processor_name = 'item-history' "
                + "order by segment").query(Integer.class).list().stream().mapToInt(Integer::intValue).toArray();
        assumeThat(segments.length).as("segments of the item history").isGreaterThan(1);
        Segment lagging = Segment.computeSegment(segments[1], segments);
        String county = events.jurisdiction("绵竹县");
        String bureau = events.body(county, "绵竹县市场监督管理局");
        events.awaitBodies(bureau);
        List<Item> items = new ArrayList<>();
        List<String> caughtUp = runs.without(List.of("item-history"), () -> {
            history.releaseSegment(lagging.getSegmentId(), 10, TimeUnit.MINUTES);
            try {
                return caughtUpWithASegmentAhead(history, lagging, bureau, county, items);
            } finally {
                if (history.isRunning()) {
                    history.claimSegment(lagging.getSegmentId());
                }
            }
        });

        replay(List.of("item-history"));

        assertThat(history(items)).isEqualTo(caughtUp);
    }

    /** Items projected by one segment of the history while the other is let go, then caught up in bulk. */
    private List<String> caughtUpWithASegmentAhead(StreamingEventProcessor history, Segment lagging, String bureau,
                                                   String county, List<Item> items) {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                !history.processingStatus().containsKey(lagging.getSegmentId()));

        // Items of both kinds while one segment is let go: the other projects its own, the let-go one lags.
        while (items.stream().filter(item -> lagging.matches(item.id)).count() < 2
                || items.stream().filter(item -> !lagging.matches(item.id)).count() < 2) {
            items.add(events.published(bureau, county,
                    content("行政许可" + items.size(), ItemType.LICENCE, 20, 10),
                    decision("绵府发〔2017〕1号", "2017-03-01")));
        }
        long written = head();
        await().atMost(Duration.ofSeconds(30)).until(() -> !history.processingStatus().isEmpty()
                && history.processingStatus().values().stream()
                .allMatch(status -> status.getCurrentPosition().orElse(-1) >= written));
        history.shutDown();
        for (Item item : items) {
            assertThat(jdbc.sql("select count(*) from item_history where item_id = ?").param(item.id)
                    .query(Long.class).single()).isEqualTo(lagging.matches(item.id) ? 0 : item.sequence);
            item.amended(content("行政许可(修订)" + items.indexOf(item), ItemType.LICENCE, 20, 8),
                    decision("绵府发〔2017〕2号", "2017-06-01"));
        }

        Outcome outcome = InstrumentedRebuild.of(beans, 3).catchUp(List.of("item-history"));

        // Handed an event twice, the history's copy of a chunk would meet the row already there and fail.
        assertThat(outcome.stoppedBy()).isNull();
        for (Item item : items) {
            assertThat(jdbc.sql("select count(*) from item_history where item_id = ?").param(item.id)
                    .query(Long.class).single()).as("history of %s", item.id).isEqualTo(item.sequence);
        }
        List<String> caughtUp = history(items);
        // The segment let go stays let go through a stop and start of its processor, until claimed again.
        assertThat(history.claimSegment(lagging.getSegmentId()).join()).isTrue();
        return caughtUp;
    }

    private List<StreamingEventProcessor> stop(List<String> names) {
        List<StreamingEventProcessor> processors = new ArrayList<>();
        for (String name : names) {
            StreamingEventProcessor processor = processing.eventProcessor(name, StreamingEventProcessor.class)
                    .orElseThrow();
            processor.shutDown();
            processors.add(processor);
        }
        return processors;
    }

    /** Replays the projections event by event, as an operator's replay does, and waits for them at the head. */
    private void replay(List<String> names) {
        long head = head();
        Replays.replay(beans, names);
        names.forEach(name -> awaitAtHead(name, head));
    }

    /** The rows of these items in the tables of the two projections, each as JSON. */
    private Map<String, List<String>> rows(List<Item> items) {
        String[] ids = items.stream().map(item -> item.id).toArray(String[]::new);
        Map<String, List<String>> rows = new LinkedHashMap<>();
        rows.put("item_history", history(items));
        rows.put("item_view", jdbc.sql(ITEMS).param(ids).query(String.class).list());
        rows.put("published_item_version", jdbc.sql(VERSIONS).param(ids).query(String.class).list());
        return rows;
    }

    /** The item history of these items, each row as JSON: one row for each of their events. */
    private List<String> history(List<Item> items) {
        List<String> history = jdbc.sql(HISTORY).param(items.stream().map(item -> item.id).toArray(String[]::new))
                .query(String.class).list();
        assertThat(history).hasSize(items.stream().mapToInt(item -> (int) item.sequence).sum());
        return history;
    }

    private long head() {
        return jdbc.sql("select max(global_index) from domain_event_entry").query(Long.class).single();
    }
}
