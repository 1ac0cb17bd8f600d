package org.quanli.platform.messaging;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@link RecordedEvent}s whose position is the event's own global index, read from the event store. A tracking
 * token's position is not always that: when transactions commit out of order, an event that fills a gap the processor
 * already stepped over arrives with a token whose index is the highest one seen, so several events would share one
 * position. Audit evidence must point at the right event, so it asks the store (one lookup by the event's unique id).
 */
@Component
public class StoredEvents {

    private final JdbcClient jdbc;

    public StoredEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public RecordedEvent recorded(DomainEventMessage<?> event, TrackingToken token) {
        RecordedEvent recorded = RecordedEvent.of(event, token);
        Long position = jdbc.sql("select global_index from domain_event_entry where event_identifier = ?")
                .param(event.getIdentifier()).query(Long.class).optional().orElse(null);
        if (position == null || position == recorded.position()) {
            return recorded;
        }
        return new RecordedEvent(recorded.eventId(), recorded.aggregateId(), recorded.sequence(), position,
                recorded.recordedAt(), recorded.actorUserId(), recorded.actorName(), recorded.actorRole(),
                recorded.actorBody());
    }
}
