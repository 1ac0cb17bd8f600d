package org.quanli.platform.messaging;

import java.util.HashMap;
import java.util.Map;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@link RecordedEvent}s whose position is the event's own global index, read from the event store. A tracking
 * token's position is not always that: when transactions commit out of order, an event that fills a gap the processor
 * already stepped over arrives with a token whose index is the highest one seen, so several events would share one
 * position. Audit evidence must point at the right event, so it asks the store: once for every event of the batch a
 * streaming processor is handling (kept with the batch's unit of work, and shared by every handler of that
 * processor), else one lookup by the event's unique id.
 */
@Component
public class StoredEvents {

    private final JdbcClient jdbc;

    public StoredEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static final String BATCH_POSITIONS = StoredEvents.class.getName() + ".positions";
    private static final String TOKENS_EXACT = StoredEvents.class.getName() + ".tokensExact";

    /**
     * Says that each event of the batch comes with a token of its own position: a bulk rebuild's chunk, read from the
     * store in order of position. The batch then asks the store for no positions.
     */
    public static void tokensExact(UnitOfWork<?> batch) {
        batch.resources().put(TOKENS_EXACT, Boolean.TRUE);
    }

    public RecordedEvent recorded(DomainEventMessage<?> event, TrackingToken token) {
        RecordedEvent recorded = RecordedEvent.of(event, token);
        if (tokensExact()) {
            return recorded;
        }
        Long position = batchPositions().get(event.getIdentifier());
        if (position == null) {
            position = jdbc.sql("select global_index from domain_event_entry where event_identifier = ?")
                    .param(event.getIdentifier()).query(Long.class).optional().orElse(null);
        }
        if (position == null || position == recorded.position()) {
            return recorded;
        }
        return new RecordedEvent(recorded.eventId(), recorded.aggregateId(), recorded.sequence(), position,
                recorded.recordedAt(), recorded.actorUserId(), recorded.actorName(), recorded.actorRole(),
                recorded.actorBody());
    }

    private static boolean tokensExact() {
        return CurrentUnitOfWork.isStarted()
                && Boolean.TRUE.equals(CurrentUnitOfWork.get().root().getResource(TOKENS_EXACT));
    }

    private Map<String, Long> batchPositions() {
        if (!CurrentUnitOfWork.isStarted()
                || !(CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?> batch)) {
            return Map.of();
        }
        return batch.getOrComputeResource(BATCH_POSITIONS, key -> {
            String[] ids = batch.getMessages().stream().map(Message::getIdentifier).toArray(String[]::new);
            Map<String, Long> positions = new HashMap<>();
            jdbc.sql("select event_identifier, global_index from domain_event_entry where event_identifier = any(?)")
                    .param(ids)
                    .query(rs -> {
                        positions.put(rs.getString(1), rs.getLong(2));
                    });
            return positions;
        });
    }
}
