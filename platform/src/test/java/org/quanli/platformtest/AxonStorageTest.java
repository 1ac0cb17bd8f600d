package org.quanli.platformtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventhandling.tokenstore.TokenStore;
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

/** Axon's storage on PostgreSQL: bytea, never large objects, and an event sequence that steps by one. */
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
    void theEventTableHasItsOwnSequenceSteppingByOne() {
        Long increment = jdbc.sql("""
                select increment_by from pg_sequences where sequencename = 'domain_event_entry_seq'""")
                .query(Long.class).single();
        assertThat(increment).isEqualTo(1L);

        transactions.executeWithoutResult(tx -> {
            eventStore.publish(GenericEventMessage.asEventMessage("first"));
            eventStore.publish(GenericEventMessage.asEventMessage("second"));
        });
        List<Long> lastTwo = jdbc.sql("select global_index from domain_event_entry order by global_index desc limit 2")
                .query(Long.class).list();
        assertThat(lastTwo.get(0) - lastTwo.get(1)).isEqualTo(1L);
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
