package org.quanli.command.powerlist;

import java.util.Optional;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.quanli.command.places.PlaceDirectory;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemReceived;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemRestored;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.places.BodyStatus;
import org.quanli.kernel.places.PlacesMessages.ImplementingBodyMerged;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemPassedToSuccessor;
import org.quanli.platform.messaging.LookedUpParameter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Resolves an {@link ArrivedAtMergedBody} parameter: the body the item arrived at, from the place directory (current
 * once the merger is recorded), and, if it is merged, its merger from the body's own stream.
 */
@Component
class ArrivedAtMergedBodyResolver extends LookedUpParameter<BodyMerger> {

    private final ObjectProvider<PlaceDirectory> places;
    private final ObjectProvider<EventStore> events;

    // Looked up on first use: collecting this resolver, early in Axon's own configuration, must not create the
    // directory (itself an event handler bean) or the event store ahead of it.
    ArrivedAtMergedBodyResolver(ObjectProvider<PlaceDirectory> places, ObjectProvider<EventStore> events) {
        super(ArrivedAtMergedBody.class, BodyMerger.class);
        this.places = places;
        this.events = events;
    }

    @Override
    protected Optional<BodyMerger> lookUp(Message<?> message) {
        Object payload = message.getPayload();
        String bodyId = payload instanceof PowerItemReceived received ? received.bodyId()
                : payload instanceof PowerItemRestored restored ? restored.bodyId()
                : payload instanceof PowerItemPassedToSuccessor passed ? passed.toBodyId()
                : null;
        if (bodyId == null || places.getObject().body(bodyId).filter(b -> b.status() == BodyStatus.MERGED).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(mergerOf(bodyId));
    }

    /** The body's merger as recorded in its own stream (its last, as a merged body takes no further reform). */
    private BodyMerger mergerOf(String bodyId) {
        DomainEventStream stream = events.getObject().readEvents(bodyId, 0);
        DomainEventMessage<?> merger = null;
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (event.getPayload() instanceof ImplementingBodyMerged) {
                merger = event;
            }
        }
        if (merger == null) {
            throw new IllegalStateException("body " + bodyId + " is merged in the directory but its stream holds no merger");
        }
        return new BodyMerger((ImplementingBodyMerged) merger.getPayload(), Actor.fromMetaData(merger.getMetaData()));
    }
}
