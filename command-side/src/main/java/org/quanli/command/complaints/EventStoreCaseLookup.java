package org.quanli.command.complaints;

import java.util.Optional;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.quanli.kernel.cases.CaseMessages.CaseSubmitted;
import org.springframework.stereotype.Component;

/**
 * Reads a case's first event from the event store the command side writes: a case is submitted for one body and
 * keeps it, so the first event answers. Only the first event is read.
 */
@Component
class EventStoreCaseLookup implements CaseLookup {

    private final EventStore events;

    EventStoreCaseLookup(EventStore events) {
        this.events = events;
    }

    @Override
    public Optional<String> handlingBodyOf(String caseId) {
        DomainEventStream stream = events.readEvents(caseId, 0);
        if (!stream.hasNext()) {
            return Optional.empty();
        }
        DomainEventMessage<?> first = stream.next();
        return first.getPayload() instanceof CaseSubmitted submitted ? Optional.of(submitted.bodyId())
                : Optional.empty();
    }
}
