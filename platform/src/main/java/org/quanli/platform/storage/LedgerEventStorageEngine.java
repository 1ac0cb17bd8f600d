package org.quanli.platform.storage;

import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import jakarta.persistence.TypedQuery;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Axon's JPA event storage, with four changes.
 *
 * <p>Events are appended over JDBC, all the events a unit of work appends in one batch (one multi-row insert, the
 * driver rewriting the batch), on the connection of the transaction Axon's transaction manager runs it in, as Axon's
 * JPA append runs it. Through JPA each event was an entity Hibernate kept in the session until the transaction's end,
 * with its index read back after each insert, and every flush compared every kept entity's payload with its snapshot:
 * an import's batch of 100 commands in one transaction spent a third of its thread in Hibernate's flush (ops/
 * BENCHMARKS.md, "a 10,000-row import in 7–9 s"). The rows are the ones JPA wrote, column for column; a key already
 * taken gives Axon's answer (a second first event of an aggregate, or a second event at one of its positions).
 *
 * <p>No snapshot query on every aggregate load while the store holds no snapshot. Loading an aggregate from its
 * first event is always right (events are never removed), so a node that has not yet seen another node's first
 * snapshot still loads correctly; while none exists it looks again at most once a minute.
 *
 * <p>The read that follows the tail of the store waits {@code tailLinger} first. Axon's event store reads the tail
 * for every event processor of the node at once, and wakes up to read it after every commit of the node: without a
 * pause that is a query and a transaction for each command. With it, one read takes the commits of the pause
 * together. Only that read may block ({@code mayBlock}); a processor catching up reads its own stream, which does
 * not wait.
 *
 * <p>A processor's read past a token with gaps is two index scans, the gaps and the range after the token, instead of
 * Axon's one condition joined by "or": PostgreSQL ran that as a scan of the whole index from the first event with
 * both as a filter, so that a processor 10,000 events behind in a store of a million took 1.9 s per batch (ops/
 * BENCHMARKS.md, "a store of province size").
 */
public class LedgerEventStorageEngine extends JpaEventStorageEngine {

    private static final long RECHECK_NANOS = 60_000_000_000L;
    private static final String APPEND = "insert into domain_event_entry (aggregate_identifier, sequence_number, type,"
            + " event_identifier, time_stamp, payload_type, payload_revision, payload, meta_data)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final int[] APPEND_TYPES = {Types.VARCHAR, Types.BIGINT, Types.VARCHAR, Types.VARCHAR,
            Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.BINARY, Types.BINARY};

    private volatile boolean snapshotsExist;
    private volatile long nextCheck = System.nanoTime();

    private final long tailLingerMillis;

    private final JdbcTemplate jdbc;
    private final TransactionManager transactions;

    protected LedgerEventStorageEngine(Builder builder, Duration tailLinger, JdbcTemplate jdbc,
            TransactionManager transactions) {
        super(builder.transactionManager(transactions));
        this.tailLingerMillis = tailLinger.toMillis();
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(events.size());
        for (EventMessage<?> event : events) {
            DomainEventMessage<?> domainEvent = asDomainEventMessage(event);
            SerializedObject<byte[]> payload = domainEvent.serializePayload(serializer, byte[].class);
            SerializedObject<byte[]> metaData = domainEvent.serializeMetaData(serializer, byte[].class);
            rows.add(new Object[] {domainEvent.getAggregateIdentifier(), domainEvent.getSequenceNumber(),
                    domainEvent.getType(), domainEvent.getIdentifier(), DateTimeUtils.formatInstant(
                    domainEvent.getTimestamp()), payload.getType().getName(), payload.getType().getRevision(),
                    payload.getData(), metaData.getData()});
        }
        transactions.executeInTransaction(() -> {
            try {
                jdbc.batchUpdate(APPEND, rows, APPEND_TYPES);
            } catch (RuntimeException e) {
                handlePersistenceException(e, events.get(0));
            }
        });
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
