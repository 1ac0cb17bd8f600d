package org.quanli.platform.storage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import jakarta.persistence.TypedQuery;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.Serializer;

/**
 * Axon's JPA event storage, with three changes.
 *
 * <p>No snapshot query on every aggregate load while the store holds no snapshot. Loading an aggregate from its
 * first event is always right (events are never removed), so a node that has not yet seen another node's first
 * snapshot still loads correctly; while none exists it looks again at most once a minute.
 *
 * <p>The read that follows the tail of the store waits {@code tailLinger} first. Axon's event store reads the tail
 * for every event processor of the node at once, and wakes up to read it after every commit of the node: without a
 * pause that is a query and a transaction for each command. With it, one read takes the commits of the pause
 * together. Only that read may block ({@code mayBlock}); a
 * processor catching up reads its own stream, which does not wait.
 *
 * <p>A processor's read past a token with gaps is two index scans, the gaps and the range after the token, instead of
 * Axon's one condition joined by "or": PostgreSQL ran that as a scan of the whole index from the first event with
 * both as a filter, so that a processor 10,000 events behind in a store of a million took 1.9 s per batch (ops/
 * BENCHMARKS.md, "a store of province size").
 */
public class LedgerEventStorageEngine extends JpaEventStorageEngine {

    private static final long RECHECK_NANOS = 60_000_000_000L;

    private volatile boolean snapshotsExist;
    private volatile long nextCheck = System.nanoTime();

    private final long tailLingerMillis;

    protected LedgerEventStorageEngine(Builder builder, Duration tailLinger) {
        super(builder);
        this.tailLingerMillis = tailLinger.toMillis();
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        if (mayBlock && tailLingerMillis > 0) {
            try {
                Thread.sleep(tailLingerMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return super.readEvents(trackingToken, mayBlock);
    }

    /** The events after the token and in its gaps, in order of position, at most a batch: Axon's answer. */
    @Override
    protected List<Object[]> fetchEvents(GapAwareTrackingToken token) {
        if (token == null || token.getGaps().isEmpty()) {
            return super.fetchEvents(token);
        }
        List<Object[]> rows = new ArrayList<>(events("e.globalIndex in :gaps")
                .setParameter("gaps", token.getGaps()).setMaxResults(batchSize()).getResultList());
        rows.addAll(events("e.globalIndex > :token")
                .setParameter("token", token.getIndex()).setMaxResults(batchSize()).getResultList());
        rows.sort(Comparator.comparingLong(row -> (Long) row[0]));
        return rows.size() > batchSize() ? new ArrayList<>(rows.subList(0, batchSize())) : rows;
    }

    private TypedQuery<Object[]> events(String condition) {
        return entityManager().createQuery("select e.globalIndex, e.type, e.aggregateIdentifier, e.sequenceNumber,"
                + " e.eventIdentifier, e.timeStamp, e.payloadType, e.payloadRevision, e.payload, e.metaData from "
                + domainEventEntryEntityName() + " e where " + condition + " order by e.globalIndex", Object[].class);
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
