package org.quanli.platform.projections;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.Test;
import org.quanli.platformtest.PlatformTestApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The store as a rebuild reads it: only the payload types asked for, in order of position, in chunks; a position
 * passed without an event stays a gap in the token reached, and an event committed into it later, even while a chunk
 * is being read, comes with the next chunk instead of being lost.
 */
@SpringBootTest(classes = PlatformTestApplication.class)
@ActiveProfiles({"test", "demo"})
class StoreChunksTest {

    private static final String PROBE = "org.quanli.platformtest.StoreChunksProbe";
    private static final String OTHER = "org.quanli.platformtest.StoreChunksOther";
    private static final String AFTER_TOKEN = "org.quanli.platformtest.StoreChunksAfterToken";
    private static final String STORED_LATER = "org.quanli.platformtest.StoreChunksStoredLater";
    private static final String COMMITTED_LATE = "org.quanli.platformtest.StoreChunksCommittedLate";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Configuration axon;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    DataSource dataSource;

    @Test
    void onlyTheWantedTypesAreHandedOverAndAnEventCommittedIntoAGapComesWithTheNextChunk() {
        long h = reserve(6);
        insert(h + 1, PROBE);
        insert(h + 2, OTHER);
        insert(h + 4, PROBE); // h + 3: a transaction that has taken its position and not yet committed
        insert(h + 5, PROBE);
        // Every other type in the store is known not to be wanted, and never read; a type first stored afterwards
        // is read and asked about.
        List<String> skipped = jdbc.sql("select distinct payload_type from domain_event_entry where payload_type <> ?")
                .param(PROBE).query(String.class).list();
        assertThat(skipped).contains(OTHER);
        insert(h + 6, STORED_LATER);

        StoreChunks store = new StoreChunks(jdbc, transactions, axon.eventSerializer(), axon.upcasterChain(), skipped,
                PROBE::equals, 2, null);
        StoreChunks.Chunk first = store.next();
        StoreChunks.Chunk second = store.next();

        assertThat(positions(first.events())).containsExactly(h + 1, h + 4);
        GapAwareTrackingToken firstReached = (GapAwareTrackingToken) first.reached();
        assertThat(firstReached.getIndex()).isEqualTo(h + 4);
        assertThat(firstReached.getGaps()).contains(h + 3).doesNotContain(h + 1, h + 2, h + 4);
        assertThat(positions(second.events())).containsExactly(h + 5);
        assertThat(((GapAwareTrackingToken) second.reached()).getGaps()).contains(h + 3);

        insert(h + 3, PROBE);
        StoreChunks.Chunk late = store.next();

        assertThat(positions(late.events())).startsWith(h + 3);
        assertThat(((GapAwareTrackingToken) late.reached()).getGaps()).doesNotContain(h + 3);
        StoreChunks.Chunk rest;
        while ((rest = store.next()) != null) {
            assertThat(positions(rest.events())).doesNotContain(h + 1, h + 3, h + 4, h + 5, h + 6);
        }
    }

    @Test
    void readFromATokenTheStoreGivesWhatLiesBeyondItAndWhatFilledItsGaps() {
        long h = reserve(4);
        insert(h + 1, AFTER_TOKEN); // committed after the token passed its position: a gap of the token
        insert(h + 2, AFTER_TOKEN);
        insert(h + 3, AFTER_TOKEN);
        insert(h + 4, AFTER_TOKEN);

        StoreChunks store = new StoreChunks(jdbc, transactions, axon.eventSerializer(), axon.upcasterChain(),
                List.of(), AFTER_TOKEN::equals, 10, GapAwareTrackingToken.newInstance(h + 3, List.of(h + 1)));
        StoreChunks.Chunk first = store.next();

        assertThat(positions(first.events())).startsWith(h + 1, h + 4).doesNotContain(h + 2, h + 3);
        assertThat(first.reached().getGaps()).doesNotContain(h + 1);
        assertThat(first.reached().getIndex()).isGreaterThanOrEqualTo(h + 4);
    }

    @Test
    void anEventCommittedWhileAChunkIsReadIsAGapOfThatChunkAndComesWithTheNext() {
        long h = reserve(3);
        insert(h + 1, COMMITTED_LATE);
        insert(h + 3, COMMITTED_LATE);
        // h + 2 is taken by a transaction that commits after the chunk's events are read, before the positions
        // taken are: a chunk that took the second read's word for it would pass h + 2 as handed over.
        AtomicBoolean committed = new AtomicBoolean();
        DataSource interleaved = beforeEachStatement(dataSource, sql -> {
            if (sql.startsWith("select global_index from domain_event_entry where global_index >")
                    && committed.compareAndSet(false, true)) {
                insert(h + 2, COMMITTED_LATE);
            }
        });
        StoreChunks store = new StoreChunks(JdbcClient.create(interleaved),
                new DataSourceTransactionManager(interleaved), axon.eventSerializer(), axon.upcasterChain(), List.of(), COMMITTED_LATE::equals, 100,
                GapAwareTrackingToken.newInstance(h, List.of()));

        StoreChunks.Chunk first = store.next();

        assertThat(committed).isTrue();
        assertThat(positions(first.events())).containsExactly(h + 1, h + 3);
        assertThat(first.reached().getGaps()).contains(h + 2);
        assertThat(positions(store.next().events())).containsExactly(h + 2);
    }

    /**
     * Positions h+1 … h+n kept for a test: the sequence moves past them, so other inserts take none.
     *
     * @return h
     */
    private long reserve(int n) {
        long h = jdbc.sql("select greatest(nextval('domain_event_entry_seq'), "
                + "(select coalesce(max(global_index), 0) from domain_event_entry))").query(Long.class).single();
        jdbc.sql("select setval('domain_event_entry_seq', ?)").param(h + n + 1).query(Long.class).single();
        return h;
    }

    /** The data source, each of whose connections hands a statement's text to the hook before preparing it. */
    private static DataSource beforeEachStatement(DataSource target, Consumer<String> hook) {
        ClassLoader loader = StoreChunksTest.class.getClassLoader();
        return (DataSource) Proxy.newProxyInstance(loader, new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
            Object result = invoke(method, target, args);
            if (!(result instanceof Connection connection)) {
                return result;
            }
            return Proxy.newProxyInstance(loader, new Class<?>[] {Connection.class}, (c, call, callArgs) -> {
                if (call.getName().startsWith("prepare") && callArgs != null && callArgs[0] instanceof String sql) {
                    hook.accept(sql);
                }
                return invoke(call, connection, callArgs);
            });
        });
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private void insert(long position, String payloadType) {
        jdbc.sql("insert into domain_event_entry (global_index, aggregate_identifier, sequence_number, type, "
                        + "event_identifier, time_stamp, payload_type, payload, meta_data) values (?, ?, 0, 'Probe', ?, "
                        + "'2026-12-05T00:00:00Z', ?, ?, ?)")
                .params(position, "chunks-" + position, "chunks-event-" + position, payloadType,
                        "{}".getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8))
                .update();
    }

    private static List<Long> positions(List<TrackedEventMessage<?>> events) {
        return events.stream().map(event -> event.trackingToken().position().orElseThrow()).toList();
    }
}
