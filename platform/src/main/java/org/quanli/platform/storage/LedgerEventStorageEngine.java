package org.quanli.platform.storage;

import java.util.stream.Stream;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.Serializer;

/**
 * Axon's JPA event storage, without the snapshot query on every aggregate load while the store holds no snapshot.
 * Loading an aggregate from its first event is always right (events are never removed), so a node that has not yet
 * seen another node's first snapshot still loads correctly; while none exists it looks again at most once a minute.
 */
public class LedgerEventStorageEngine extends JpaEventStorageEngine {

    private static final long RECHECK_NANOS = 60_000_000_000L;

    private volatile boolean snapshotsExist;
    private volatile long nextCheck = System.nanoTime();

    protected LedgerEventStorageEngine(Builder builder) {
        super(builder);
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        if (!snapshotsExist && System.nanoTime() - nextCheck >= 0) {
            snapshotsExist = !entityManager()
                    .createQuery("select 1 from " + snapshotEventEntryEntityName() + " e", Integer.class)
                    .setMaxResults(1).getResultList().isEmpty();
            nextCheck = System.nanoTime() + RECHECK_NANOS;
        }
        return snapshotsExist ? super.readSnapshotData(aggregateIdentifier) : Stream.empty();
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        super.storeSnapshot(snapshot, serializer);
        snapshotsExist = true;
    }
}
