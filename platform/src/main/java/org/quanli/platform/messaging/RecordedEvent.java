package org.quanli.platform.messaging;

import java.time.Instant;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.quanli.kernel.identity.Actor;

/**
 * The facts about a stored event that histories and audit trails record next to its payload: where it stands in
 * the store, when it was recorded and who caused it.
 *
 * @param position the event's global index in the store, or -1 when the processor gives no position
 */
public record RecordedEvent(String eventId, String aggregateId, long sequence, long position, Instant recordedAt,
                            String actorUserId, String actorName, String actorRole, String actorBody) {

    /**
     * Takes the position from the tracking token, which is not always the event's own (see {@link StoredEvents});
     * anything recorded as evidence or history goes through {@link StoredEvents#recorded} instead.
     */
    public static RecordedEvent of(DomainEventMessage<?> event, TrackingToken token) {
        MetaData metaData = event.getMetaData();
        return new RecordedEvent(event.getIdentifier(), event.getAggregateIdentifier(), event.getSequenceNumber(),
                token == null ? -1 : token.position().orElse(-1),
                event.getTimestamp(),
                text(metaData, Actor.USER_ID), text(metaData, Actor.NAME), text(metaData, Actor.ROLE),
                text(metaData, Actor.BODY));
    }

    private static String text(MetaData metaData, String key) {
        Object value = metaData.get(key);
        return value == null ? null : value.toString();
    }
}
