package org.quanli.query.powerlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quanli.query.powerlist.LedgerEvents.content;
import static org.quanli.query.powerlist.LedgerEvents.decision;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemSubmitted;
import org.quanli.platform.projections.BulkFollower;
import org.quanli.platform.projections.BulkRuns;
import org.quanli.platform.projections.ProjectionStatuses.ProjectionStatus;
import org.quanli.query.powerlist.LedgerEvents.Item;
import org.quanli.query.testing.Replays;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The projections follow the store in bulk, all of them from one read, their processors stopped; the status says
 * so. What needs a projection's processor takes it from the follower, which takes it back afterwards, and a chunk
 * that cannot be written leaves the projections to their processors, which park the event, until they have passed
 * it.
 */
class BulkFollowerTest extends ProjectionTestSupport {

    private static final String HISTORY = "select to_jsonb(h)::text from item_history h where item_id = any(?) "
            + "order by position, event_id";
    private static final List<String> LISTS = List.of("item-history", PowerListProjection.GROUP);

    @Autowired
    BulkFollower follower;
    @Autowired
    BulkRuns runs;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ListableBeanFactory beans;

    @Test
    void theProjectionsFollowTheStoreInBulkWithTheirStatusSayingSoAndGiveTheRowsAReplayGives() {
        Place place = followedPlace("广汉县", "广汉县市场监督管理局");
        String county = place.county();
        String bureau = place.bureau();

        Item amended = events.published(bureau, county, content("食品经营许可", ItemType.LICENCE, 20, 10),
                decision("广府发〔2019〕1号", "2019-03-01"));
        amended.amended(content("食品经营许可(含网络经营)", ItemType.LICENCE, 20, 8),
                decision("广府发〔2019〕2号", "2019-06-01"));
        Item suspended = events.published(bureau, county, content("药品经营许可", ItemType.LICENCE, 20, 10),
                decision("广府发〔2019〕1号", "2019-03-01"));
        suspended.suspended("机构调整", decision("广府发〔2019〕2号", "2019-06-01"));
        events.awaitProjected(amended, suspended);

        for (String name : LISTS) {
            ProjectionStatus status = status(name);
            assertThat(status.inBulkRun()).as(name).isTrue();
            assertThat(status.runningHere()).as(name).isTrue();
            assertThat(status.segments()).as(name).isNotEmpty()
                    .allSatisfy(segment -> assertThat(segment.claimedHere()).isTrue());
            assertThat(processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow().isRunning())
                    .as(name).isFalse();
        }
        List<String> followed = history(amended, suspended);
        String view = itemView(amended, suspended);

        long head = jdbc.sql("select max(global_index) from domain_event_entry").query(Long.class).single();
        Replays.replay(beans, LISTS);
        LISTS.forEach(name -> awaitAtHead(name, head));

        assertThat(history(amended, suspended)).isEqualTo(followed);
        assertThat(itemView(amended, suspended)).isEqualTo(view);
        awaitFollowed();
    }

    @Test
    void aProjectionWantedElsewhereIsLetGoAndCaughtUpInBulkOnceNoLongerWanted() {
        Place place = followedPlace("什邡市", "什邡市发展和改革局");
        String county = place.county();
        String bureau = place.bureau();
        StreamingEventProcessor history = processing.eventProcessor("item-history", StreamingEventProcessor.class)
                .orElseThrow();

        Item item = runs.without(List.of("item-history"), () -> {
            assertThat(follower.following()).doesNotContain("item-history");
            assertThat(status("item-history").inBulkRun()).isFalse();
            assertThat(history.isRunning()).isTrue();
            history.shutDown();
            Item published = events.published(bureau, county, content("企业投资项目核准", ItemType.LICENCE, 20, 10),
                    decision("什府发〔2020〕1号", "2020-03-01"));
            // The lists go on in bulk meanwhile; the history stays where its processor stopped.
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                    "select count(*) from item_view where item_id = ?").param(published.id)
                    .query(Long.class).single() == 1);
            assertThat(status(PowerListProjection.GROUP).inBulkRun()).isTrue();
            assertThat(jdbc.sql("select count(*) from item_history where item_id = ?").param(published.id)
                    .query(Long.class).single()).isZero();
            return published;
        });

        awaitFollowed();
        events.awaitProjected(item);
        assertThat(history.isRunning()).isFalse();
    }

    @Test
    void anEventCommittedAfterLaterOnesHaveBeenFollowedIsProjectedAllTheSame() throws Exception {
        Place place = followedPlace("旌阳区", "旌阳区住房和城乡建设局");
        String county = place.county();
        String bureau = place.bureau();
        long before = jdbc.sql("select max(global_index) from domain_event_entry").query(Long.class).single();

        // A transaction takes its position in the store and commits only after later events have been followed.
        CountDownLatch taken = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Item> late = CompletableFuture.supplyAsync(() -> transactions.execute(tx -> {
            Item item = events.published(bureau, county, content("建筑工程施工许可", ItemType.LICENCE, 20, 10),
                    decision("旌府发〔2023〕1号", "2023-03-01"));
            taken.countDown();
            try {
                assertThat(commit.await(60, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return item;
        }));
        assertThat(taken.await(30, TimeUnit.SECONDS)).isTrue();
        Item later = events.published(bureau, county, content("商品房预售许可", ItemType.LICENCE, 20, 10),
                decision("旌府发〔2023〕2号", "2023-03-01"));
        events.awaitProjected(later);
        long laterPosition = jdbc.sql("select global_index from domain_event_entry where aggregate_identifier = ?")
                .param(later.id).query(Long.class).single();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> LISTS.forEach(name -> assertThat(
                statuses.all().stream().filter(status -> status.name().equals(name)).findFirst().orElseThrow()
                        .segments()).allSatisfy(segment -> assertThat(segment.position()).isNotNull()
                        .isGreaterThanOrEqualTo(laterPosition))));

        commit.countDown();
        Item committedLate = late.get(30, TimeUnit.SECONDS);
        long latePosition = jdbc.sql("select global_index from domain_event_entry where aggregate_identifier = ?")
                .param(committedLate.id).query(Long.class).single();
        assertThat(latePosition).isGreaterThan(before).isLessThan(laterPosition);
        events.awaitProjected(committedLate);
        assertThat(follower.following()).containsAll(LISTS);
    }

    @Test
    void aNodeWithoutTheLowestClaimedSegmentOfASplitProjectionStopsItsProcessorAndFollowsItOnceItIsFree() {
        Place place = followedPlace("中江县", "中江县农业农村局");
        String county = place.county();
        String bureau = place.bureau();
        StreamingEventProcessor history = processing.eventProcessor("item-history", StreamingEventProcessor.class)
                .orElseThrow();
        String otherNode = "9999@another-node";

        runs.without(List.of("item-history"), () -> {
            history.shutDown();
            List<Integer> segments = jdbc.sql("select segment from token_entry where processor_name = 'item-history'"
                    + " order by segment").query(Integer.class).list();
            assertThat(segments).as("a split needs two segments at least").hasSizeGreaterThanOrEqualTo(2);
            // Another node's processor holds the lowest segment (a live claim), this node's processor the others.
            jdbc.sql("update token_entry set owner = ?, timestamp = ? where processor_name = 'item-history'"
                    + " and segment = ?").params(otherNode, DateTimeUtils.formatInstant(Instant.now()),
                    segments.get(0)).update();
            history.start();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(history.processingStatus())
                    .containsOnlyKeys(segments.subList(1, segments.size())));
            return null;
        });

        // This node gives way: its processor stops and lets its segments go, for the other node to take them all.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(history.isRunning()).isFalse();
            assertThat(status("item-history").segmentsClaimedHere()).isEmpty();
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(follower.following())
                .doesNotContain("item-history").contains(PowerListProjection.GROUP));
        Item item = events.published(bureau, county, content("农药经营许可", ItemType.LICENCE, 20, 10),
                decision("中府发〔2022〕1号", "2022-03-01"));
        // The lists go on in bulk meanwhile; the history waits for whoever takes its segments.
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select count(*) from item_view where item_id = ?").param(item.id).query(Long.class).single() == 1);
        assertThat(jdbc.sql("select count(*) from item_history where item_id = ?").param(item.id)
                .query(Long.class).single()).isZero();

        // The other node goes, releasing its claim: the projection is free, and this node follows it in bulk.
        jdbc.sql("update token_entry set owner = null where processor_name = 'item-history' and owner = ?")
                .param(otherNode).update();
        awaitFollowed();
        events.awaitProjected(item);
        assertThat(history.isRunning()).isFalse();
    }

    @Test
    void aProjectionThatCannotTakeAChunkGoesToItsProcessorAloneWhileTheOthersGoOnInBulk() throws Exception {
        Place place = followedPlace("罗江区", "罗江区交通运输局");
        String county = place.county();
        String bureau = place.bureau();
        // The item history alone cannot write one item's rows (a trigger stands for a failure of its own); the
        // lists' view takes them.
        jdbc.sql("create function refuse_history_row() returns trigger language plpgsql as $$ begin"
                + " if new.details::text like '%拒写%' then raise exception 'history row refused'; end if;"
                + " return new; end $$").update();
        jdbc.sql("create trigger refuse_history_row before insert on item_history for each row"
                + " execute function refuse_history_row()").update();
        AtomicBoolean listsLetGo = new AtomicBoolean();
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (watching.get()) {
                if (!runs.inBulkRun(PowerListProjection.GROUP)) {
                    listsLetGo.set(true);
                }
                LockSupport.parkNanos(1_000_000);
            }
        });
        try {
            watcher.start();
            Item refused = events.published(bureau, county, content("公路拒写许可", ItemType.LICENCE, 20, 10),
                    decision("罗府发〔2021〕1号", "2021-03-01"));
            Item fine = events.published(bureau, county, content("公路超限运输许可", ItemType.LICENCE, 20, 10),
                    decision("罗府发〔2021〕1号", "2021-03-01"));

            // The history's processor parks the refused item's event; the lists took both items in bulk meanwhile.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(jdbc.sql(
                            "select processing_group from dead_letter_entry where sequence_identifier = ?")
                    .param(refused.id).query(String.class).list()).containsExactly("item-history"));
            watching.set(false);
            watcher.join();
            assertThat(listsLetGo).as("the lists were let go of").isFalse();
            assertThat(jdbc.sql("select count(*) from item_view where item_id in (?, ?)").params(refused.id, fine.id)
                    .query(Long.class).single()).isEqualTo(2);

            // The history's processor brings it past the head; the follower takes it back.
            await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                    "select count(*) from item_history where item_id = ?").param(fine.id).query(Long.class)
                    .single() == 1);
            awaitFollowed();
            assertThat(jdbc.sql("select count(*) from item_history where item_id = ?").param(refused.id)
                    .query(Long.class).single()).isZero();
        } finally {
            watching.set(false);
            jdbc.sql("drop trigger refuse_history_row on item_history").update();
            jdbc.sql("drop function refuse_history_row()").update();
        }
    }

    @Test
    void aChunkThatCannotBeWrittenLeavesTheProjectionsToTheirProcessorsWhichParkTheEventUntilTakenBack() {
        Place place = followedPlace("绵竹市", "绵竹市市场监督管理局");
        String county = place.county();
        String bureau = place.bureau();

        // PostgreSQL's text refuses U+0000: the chunk holding the draft rolls back, whichever projection writes it.
        Item poisoned = events.drafted(bureau, county, content("食品经营许可\u0000", ItemType.LICENCE, 20, 10));
        Item later = events.published(bureau, county, content("药品经营许可", ItemType.LICENCE, 20, 10),
                decision("绵府发〔2021〕1号", "2021-03-01"));

        // Only a processor parks: the follower let the projections go at the chunk it could not write.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(jdbc.sql(
                        "select processing_group from dead_letter_entry where sequence_identifier = ?")
                .param(poisoned.id).query(String.class).list()).contains("item-history", PowerListProjection.GROUP));
        events.awaitProjected(later);
        awaitFollowed();

        // Taken back, the draft's next event belongs to a parked sequence: the follower leaves it to the processors
        // again, which park it behind the first, and everything else still reaches the lists.
        poisoned.append(new PowerItemSubmitted(poisoned.id), LedgerEvents.clerk(bureau));
        Item after = events.published(bureau, county, content("医疗器械经营许可", ItemType.LICENCE, 20, 10),
                decision("绵府发〔2021〕2号", "2021-06-01"));
        events.awaitProjected(after);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(jdbc.sql(
                        "select count(*) from dead_letter_entry where processing_group = 'item-history' "
                                + "and sequence_identifier = ?").param(poisoned.id).query(Long.class).single())
                .isEqualTo(2));
        assertThat(jdbc.sql("select count(*) from item_view where item_id = ?").param(poisoned.id)
                .query(Long.class).single()).isZero();
        awaitFollowed();
    }

    /** A county and one of its bureaus, new and known to the projections, once the lists are followed in bulk. */
    private Place followedPlace(String countyName, String bureauName) {
        awaitFollowed();
        String county = events.jurisdiction(countyName);
        String bureau = events.body(county, bureauName);
        events.awaitBodies(bureau);
        return new Place(county, bureau);
    }

    private record Place(String county, String bureau) {
    }

    /** Waits until the follower follows the lists' projections. */
    private void awaitFollowed() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(follower.following())
                .containsAll(LISTS));
    }

    private ProjectionStatus status(String name) {
        return statuses.all().stream().filter(status -> status.name().equals(name)).findFirst().orElseThrow();
    }

    private List<String> history(Item... items) {
        return jdbc.sql(HISTORY).param(ids(items)).query(String.class).list();
    }

    private String itemView(Item... items) {
        return jdbc.sql("select jsonb_agg(to_jsonb(v) order by item_id)::text from item_view v "
                + "where item_id = any(?)").param(ids(items)).query(String.class).single();
    }

    private static String[] ids(Item... items) {
        return Arrays.stream(items).map(item -> item.id).toArray(String[]::new);
    }
}
