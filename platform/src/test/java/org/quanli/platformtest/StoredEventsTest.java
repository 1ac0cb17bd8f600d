package org.quanli.platformtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.Test;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Role;
import org.quanli.platform.messaging.RecordedEvent;
import org.quanli.platform.messaging.StoredEvents;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/** Evidence points at the event itself, also when its token is the highest index seen rather than its own. */
@SpringBootTest(classes = PlatformTestApplication.class)
@ActiveProfiles({"test", "demo"})
class StoredEventsTest {

    @Autowired
    EventStore eventStore;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StoredEvents storedEvents;
    @Autowired
    TransactionManager axonTransactions;

    @Test
    void anEventThatFillsAGapIsRecordedAtItsOwnPositionNotTheTokens() {
        var event = new GenericDomainEventMessage<>("Test", "gap-filler", 0, "a payload",
                new Actor("auditor", "审计", Role.AUDITOR, null).toMetaData());
        transactions.executeWithoutResult(tx -> eventStore.publish(event));
        long stored = jdbc.sql("select global_index from domain_event_entry where event_identifier = ?")
                .param(event.getIdentifier()).query(Long.class).single();
        // As a processor sees it after a later transaction committed first: the token's index is past the event.
        var token = GapAwareTrackingToken.newInstance(stored + 5, java.util.List.of());

        RecordedEvent recorded = storedEvents.recorded(event, token);

        assertThat(RecordedEvent.of(event, token).position()).isEqualTo(stored + 5);
        assertThat(recorded.position()).isEqualTo(stored);
        assertThat(recorded.eventId()).isEqualTo(event.getIdentifier());
        assertThat(recorded.actorUserId()).isEqualTo("auditor");
        assertThat(recorded.sequence()).isZero();
    }

    @Test
    void theEventsOfAStreamingBatchAreRecordedAtTheirOwnPositions() {
        Actor auditor = new Actor("auditor", "审计", Role.AUDITOR, null);
        var first = new GenericDomainEventMessage<>("Test", "batch-a", 0, "first", auditor.toMetaData());
        var second = new GenericDomainEventMessage<>("Test", "batch-b", 0, "second", auditor.toMetaData());
        transactions.executeWithoutResult(tx -> eventStore.publish(first, second));
        long firstStored = position(first);
        long secondStored = position(second);
        // Both handed over with a token past them, as after a later transaction committed first.
        var token = GapAwareTrackingToken.newInstance(secondStored + 5, List.of());

        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(List.of(first, second));
        batch.attachTransaction(axonTransactions);
        var result = batch.executeWithResult(() -> List.of(storedEvents.recorded(first, token).position(),
                storedEvents.recorded(second, token).position()));

        assertThat(result.isExceptional()).isFalse();
        assertThat(result.getPayload()).containsExactly(firstStored, secondStored);
    }

    @Test
    void aBatchWhoseTokensAreExactAsksTheStoreNothing() {
        Actor auditor = new Actor("auditor", "审计", Role.AUDITOR, null);
        var event = new GenericDomainEventMessage<>("Test", "bulk-a", 0, "bulk", auditor.toMetaData());
        transactions.executeWithoutResult(tx -> eventStore.publish(event));
        // A bulk rebuild's chunk hands each event over with a token of its own position. Here the token is made to
        // differ from the stored position, to show that the position is taken from it, not looked up.
        var token = GapAwareTrackingToken.newInstance(position(event) + 7, List.of());

        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(List.of(event));
        batch.attachTransaction(axonTransactions);
        StoredEvents.tokensExact(batch);
        var result = batch.executeWithResult(() -> storedEvents.recorded(event, token).position());

        assertThat(result.isExceptional()).isFalse();
        assertThat(result.getPayload()).isEqualTo(position(event) + 7);
    }

    private long position(EventMessage<?> event) {
        return jdbc.sql("select global_index from domain_event_entry where event_identifier = ?")
                .param(event.getIdentifier()).query(Long.class).single();
    }
}
