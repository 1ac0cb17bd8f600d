package org.quanli.platformtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.AbstractEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jpa.DomainEventEntry;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Axon's storage on PostgreSQL: bytea, never large objects, an event index taken by the insert from a sequence that
 * steps by one, events appended over JDBC as Axon's JPA entries of them, and snapshots read once there are any.
 */
@SpringBootTest(classes = PlatformTestApplication.class)
@ActiveProfiles({"test", "demo"})
class AxonStorageTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    EventStore eventStore;
    @Autowired
    TokenStore tokenStore;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void aTokenIsWrittenOverJdbcInTheTransactionOfTheRowsItCountsFor() {
        assertThat(tokenStore).isInstanceOf(JdbcTokenStore.class);
        transactions.executeWithoutResult(tx -> tokenStore.initializeTokenSegments("transaction-test", 1));

        transactions.executeWithoutResult(tx -> {
            tokenStore.storeToken(new GlobalSequenceTrackingToken(5), "transaction-test", 0);
            tx.setRollbackOnly();
        });
        TrackingToken afterRollback = transactions.execute(tx -> tokenStore.fetchToken("transaction-test", 0));
        assertThat(afterRollback).isNull();

        transactions.executeWithoutResult(tx -> tokenStore.storeToken(new GlobalSequenceTrackingToken(7),
                "transaction-test", 0));
        TrackingToken afterCommit = transactions.execute(tx -> tokenStore.fetchToken("transaction-test", 0));
        assertThat(afterCommit).isEqualTo(new GlobalSequenceTrackingToken(7));
    }

    @Test
    void binaryColumnsAreByteaAndNothingIsStoredAsALargeObject() {
        transactions.executeWithoutResult(tx -> {
            eventStore.publish(GenericEventMessage.asEventMessage("a payload"));
            tokenStore.initializeTokenSegments("storage-test", 1);
            tokenStore.storeToken(new GlobalSequenceTrackingToken(1), "storage-test", 0);
        });

        List<String> oidColumns = jdbc.sql("""
                select table_name || '.' || column_name from information_schema.columns
                where table_schema = 'public' and data_type = 'oid'""").query(String.class).list();
        assertThat(oidColumns).isEmpty();

        List<String> binaryColumns = jdbc.sql("""
                select table_name || '.' || column_name from information_schema.columns
                where table_schema = 'public' and data_type = 'bytea' order by 1""").query(String.class).list();
        assertThat(binaryColumns).containsExactly(
                "dead_letter_entry.diagnostics", "dead_letter_entry.meta_data", "dead_letter_entry.payload",
                "dead_letter_entry.token", "domain_event_entry.meta_data", "domain_event_entry.payload",
                "ledger_checkpoint.root_hash", "ledger_checkpoint.signature", "ledger_leaf.leaf_hash",
                "ledger_node.hash", "personal_data_key.data_key", "personal_data_secret.keyset",
                "saga_entry.serialized_saga", "snapshot_event_entry.meta_data", "snapshot_event_entry.payload",
                "token_entry.token");

        Integer largeObjects = jdbc.sql("select count(*) from pg_largeobject_metadata").query(Integer.class).single();
        assertThat(largeObjects).isZero();
        Integer storedEvents = jdbc.sql("select count(*) from domain_event_entry where payload is not null")
                .query(Integer.class).single();
        assertThat(storedEvents).isPositive();
    }

    @Test
    void anEventsIndexIsTakenByItsInsertFromTheSequenceSteppingByOne() {
        String columnDefault = jdbc.sql("""
                select column_default from information_schema.columns
                where table_name = 'domain_event_entry' and column_name = 'global_index'""").query(String.class).single();
        assertThat(columnDefault).isEqualTo("nextval('domain_event_entry_seq'::regclass)");
        Long increment = jdbc.sql("""
                select increment_by from pg_sequences where sequencename = 'domain_event_entry_seq'""")
                .query(Long.class).single();
        assertThat(increment).isEqualTo(1L);

        transactions.executeWithoutResult(tx -> eventStore.publish(
                GenericEventMessage.asEventMessage("one"), GenericEventMessage.asEventMessage("two"),
                GenericEventMessage.asEventMessage("three")));

        List<Long> lastThree = jdbc.sql("""
                select global_index from domain_event_entry order by global_index desc limit 3""")
                .query(Long.class).list();
        assertThat(lastThree).containsExactly(lastThree.get(2) + 2, lastThree.get(2) + 1, lastThree.get(2));
        assertThat(jdbc.sql("select payload_type from domain_event_entry where global_index = ?")
                .param(lastThree.get(0)).query(String.class).single()).isEqualTo("java.lang.String");
    }

    @Test
    void anAggregateLoadsFromItsEventsUntilASnapshotExistsThenFromTheSnapshot() {
        String aggregate = "snapshot-test-" + java.util.UUID.randomUUID();
        transactions.executeWithoutResult(tx -> eventStore.publish(
                new GenericDomainEventMessage<>("Test", aggregate, 0, "created"),
                new GenericDomainEventMessage<>("Test", aggregate, 1, "changed"),
                new GenericDomainEventMessage<>("Test", aggregate, 2, "changed again")));
        assertThat(payloadsLoaded(aggregate)).containsExactly("created", "changed", "changed again");

        transactions.executeWithoutResult(tx -> eventStore.storeSnapshot(
                new GenericDomainEventMessage<>("Test", aggregate, 1, "state after changed")));

        assertThat(payloadsLoaded(aggregate)).containsExactly("state after changed", "changed again");
    }

    @Test
    void aReadPastATokenWithGapsGivesTheEventsInTheGapsThenThoseAfterItInOrder() {
        transactions.executeWithoutResult(tx -> eventStore.publish(
                GenericEventMessage.asEventMessage("gap one"), GenericEventMessage.asEventMessage("seen"),
                GenericEventMessage.asEventMessage("gap two"), GenericEventMessage.asEventMessage("seen too"),
                GenericEventMessage.asEventMessage("after one"), GenericEventMessage.asEventMessage("after two")));
        long first = jdbc.sql("select max(global_index) - 5 from domain_event_entry").query(Long.class).single();
        // A token that has passed the fourth event but took the first and the third as gaps (committed later).
        TrackingToken token = GapAwareTrackingToken.newInstance(first + 3, List.of(first, first + 2));

        List<Object> read = new java.util.ArrayList<>();
        transactions.executeWithoutResult(tx -> storageEngine.readEvents(token, false)
                .forEach(message -> read.add(message.getPayload())));

        assertThat(read).containsExactly("gap one", "gap two", "after one", "after two");
    }

    @Test
    void anAppendedEventsRowHoldsWhatAxonsJpaEntryOfItHolds() {
        String aggregate = "row-test-" + java.util.UUID.randomUUID();
        GenericDomainEventMessage<String> event = new GenericDomainEventMessage<>("Test", aggregate, 0, "created",
                java.util.Map.of("user", "张敏"));
        transactions.executeWithoutResult(tx -> eventStore.publish(event));

        DomainEventEntry jpa = new DomainEventEntry(event, ((AbstractEventStorageEngine) storageEngine).getEventSerializer());
        java.util.Map<String, Object> row = jdbc.sql("select * from domain_event_entry where aggregate_identifier = ?")
                .param(aggregate).query().singleRow();
        assertThat(row).containsEntry("type", jpa.getType()).containsEntry("sequence_number", 0L)
                .containsEntry("event_identifier", jpa.getEventIdentifier())
                .containsEntry("time_stamp", org.axonframework.common.DateTimeUtils.formatInstant(jpa.getTimestamp()))
                .containsEntry("payload_type", jpa.getPayload().getType().getName())
                .containsEntry("payload_revision", jpa.getPayload().getType().getRevision());
        assertThat((byte[]) row.get("payload")).isEqualTo(jpa.getPayload().getData());
        // The store adds the trace's context to the metadata as it publishes; the user's entry is kept as written.
        org.axonframework.messaging.MetaData metaData = ((AbstractEventStorageEngine) storageEngine)
                .getEventSerializer().deserialize(new org.axonframework.serialization.SimpleSerializedObject<>(
                        (byte[]) row.get("meta_data"), byte[].class, jpa.getMetaData().getType()));
        assertThat(metaData).containsEntry("user", "张敏");
        assertThat(payloadsLoaded(aggregate)).containsExactly("created");
    }

    @Test
    void aSecondWriterOfAnAggregatesPositionIsRefusedAndNothingOfItsAppendIsKept() {
        String aggregate = "conflict-test-" + java.util.UUID.randomUUID();
        transactions.executeWithoutResult(tx -> eventStore.publish(
                new GenericDomainEventMessage<>("Test", aggregate, 0, "created"),
                new GenericDomainEventMessage<>("Test", aggregate, 1, "changed")));

        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> eventStore.publish(
                new GenericDomainEventMessage<>("Test", aggregate, 0, "created again"))))
                .isInstanceOf(AggregateStreamCreationException.class);
        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> eventStore.publish(
                new GenericDomainEventMessage<>("Test", aggregate, 2, "changed at a free position"),
                new GenericDomainEventMessage<>("Test", aggregate, 1, "changed by a second writer"))))
                .isInstanceOf(ConcurrencyException.class);

        assertThat(payloadsLoaded(aggregate)).containsExactly("created", "changed");
    }

    @Autowired
    EventStorageEngine storageEngine;

    /** What an aggregate load reads: its latest snapshot, if any, and the events after it. */
    private List<Object> payloadsLoaded(String aggregate) {
        List<Object> payloads = new java.util.ArrayList<>();
        transactions.executeWithoutResult(tx -> eventStore.readEvents(aggregate).asStream()
                .forEach(message -> payloads.add(message.getPayload())));
        return payloads;
    }

    @Autowired
    Serializer serializer;

    @Test
    void aReplayTokenSurvivesTheTokenStoreSoProjectionsCanBeRebuilt() {
        TrackingToken replay = ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(41));
        transactions.executeWithoutResult(tx -> {
            tokenStore.initializeTokenSegments("replay-test", 1);
            tokenStore.storeToken(replay, "replay-test", 0);
        });
        TrackingToken fetched = transactions.execute(tx -> tokenStore.fetchToken("replay-test", 0));
        assertThat(fetched).isInstanceOf(ReplayToken.class);
        assertThat(((ReplayToken) fetched).getTokenAtReset()).isEqualTo(new GlobalSequenceTrackingToken(41));
        Object roundTrip = serializer.deserialize(serializer.serialize(replay, byte[].class));
        assertThat(roundTrip).isEqualTo(replay);
    }
}
