package org.quanli.platform.projections;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.quanli.platform.integrity.StoredEventRow;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The event store read for a bulk run: in order of position, only the events of the payload types wanted (those known
 * not to be never leave PostgreSQL; a type first stored later is asked about once), a chunk at a time, each event
 * upcast and decoded once, when the chunk is read.
 *
 * <p>A position passed without an event is a gap: a transaction that took the position may still commit (the store
 * hands positions out before commit). The token a chunk reaches keeps the gaps of its last {@link #GAP_WINDOW}
 * positions, as Axon's own tokens do, and the next chunk reads again whichever of them have been filled since, so an
 * event committed late is handed over late rather than lost; the processor that follows the rebuild goes on with the
 * gaps that are left. A chunk's events and the positions it finds taken are read in one snapshot (one repeatable-read
 * transaction): read one statement after the other, an event committed between them counted as taken without having
 * been read, and was lost (a live load of 54,000 events lost two).
 */
final class StoreChunks {

    /** Axon's JPA engine's default {@code maxGapOffset}: gaps further back than this are given up. */
    static final int GAP_WINDOW = 10_000;

    /** @param more whether the chunk was cut at its size: the store holds more beyond it already */
    record Chunk(List<TrackedEventMessage<?>> events, GapAwareTrackingToken reached, boolean more) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate snapshot;
    private final Serializer serializer;
    private final EventUpcaster upcasters;
    private final String[] skippedTypes;
    private final Predicate<String> wantedType;
    private final int size;
    /** The last position passed; positions below the store's first event are no gaps. */
    private long position;
    private Set<Long> gaps = new TreeSet<>();

    /**
     * @param skippedTypes stored payload types known not to be wanted: not read at all
     * @param wantedType   whether a stored payload type is wanted, asked of any other type read
     * @param after        the position to read after, with the gaps below it still to read; null for the first event
     */
    StoreChunks(JdbcClient jdbc, PlatformTransactionManager transactions, Serializer serializer,
                EventUpcaster upcasters, Collection<String> skippedTypes, Predicate<String> wantedType, int size,
                GapAwareTrackingToken after) {
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        this.serializer = serializer;
        this.upcasters = upcasters;
        this.skippedTypes = skippedTypes.toArray(String[]::new);
        this.wantedType = wantedType;
        this.size = size;
        if (after == null) {
            this.position = jdbc.sql("select coalesce(min(global_index), 0) - 1 from domain_event_entry")
                    .query(Long.class).single();
        } else {
            this.position = after.getIndex();
            this.gaps.addAll(after.getGaps());
        }
    }

    /** The next chunk, up to the head of the store as it is now; null when the head has been reached. */
    Chunk next() {
        long head = jdbc.sql("select coalesce(max(global_index), -1) from domain_event_entry")
                .query(Long.class).single();
        Long[] filled = gaps.toArray(Long[]::new);
        // At the head only a gap filled since brings anything: a follower asks this at every look.
        if (head <= position && (gaps.isEmpty() || !jdbc.sql(
                "select exists (select 1 from domain_event_entry where global_index = any(?))")
                .param(filled).query(Boolean.class).single())) {
            return null;
        }
        List<StoredEventRow> rows = snapshot.execute(status -> read(head, filled));
        if (rows == null) {
            return null;
        }
        boolean more = rows.size() == size;
        rows.removeIf(row -> !wantedType.test(row.payloadType()));
        return new Chunk(decode(rows), GapAwareTrackingToken.newInstance(position, gaps), more);
    }

    /**
     * Reads the chunk's rows up to {@code head} and what lies in the gaps, and moves the position and the gaps on by
     * what the same snapshot shows taken; null when nothing moved.
     */
    private List<StoredEventRow> read(long head, Long[] filled) {
        // The range and the filled gaps are two index scans: as one condition joined by "or", PostgreSQL scanned the
        // index from the first event, filtering, for every chunk (a rebuild's time grew with the square of the store).
        String columns = "select " + StoredEventRow.COLUMNS + " from domain_event_entry";
        List<StoredEventRow> rows = jdbc.sql("(" + columns
                        + " where global_index > ? and global_index <= ? and payload_type <> all(?)"
                        + " order by global_index limit ?)"
                        + " union all (" + columns + " where global_index = any(?) and payload_type <> all(?))"
                        + " order by global_index limit ?")
                .params(position, head, skippedTypes, size, filled, skippedTypes, size)
                .query((rs, row) -> StoredEventRow.from(rs)).list();
        // Cut at its size, the chunk holds every wanted event up to its last one, and none beyond.
        long cutAt = rows.size() == size ? rows.get(rows.size() - 1).globalIndex() : Long.MAX_VALUE;
        long end = rows.size() == size ? Math.max(position, cutAt) : head;
        Set<Long> stillOpen = new TreeSet<>(gaps);
        long windowStart = Math.max(position, end - GAP_WINDOW);
        stillOpen.removeIf(gap -> gap <= end - GAP_WINDOW);
        jdbc.sql("select global_index from domain_event_entry where global_index = any(?)").param(filled)
                .query(Long.class).list().stream().filter(gap -> gap <= cutAt).forEach(stillOpen::remove);
        Set<Long> present = new TreeSet<>(jdbc.sql("select global_index from domain_event_entry"
                        + " where global_index > ? and global_index <= ?")
                .params(windowStart, end).query(Long.class).list());
        for (long index = windowStart + 1; index <= end; index++) {
            if (!present.contains(index)) {
                stillOpen.add(index);
            }
        }
        if (end == position && stillOpen.equals(gaps) && rows.isEmpty()) {
            return null;
        }
        position = end;
        gaps = stillOpen;
        return new ArrayList<>(rows);
    }

    private List<TrackedEventMessage<?>> decode(List<StoredEventRow> rows) {
        List<TrackedDomainEventData<byte[]>> data = new ArrayList<>(rows.size());
        for (StoredEventRow row : rows) {
            data.add(new TrackedDomainEventData<>(GapAwareTrackingToken.newInstance(row.globalIndex(), List.of()),
                    new GenericDomainEventEntry<>(row.type(), row.aggregateId(), row.sequenceNumber(), row.eventId(),
                            row.timeStamp(), row.payloadType(), row.payloadRevision(), row.payload(),
                            row.metaData())));
        }
        List<TrackedEventMessage<?>> events =
                EventUtils.upcastAndDeserializeTrackedEvents(data.stream(), serializer, upcasters).toList();
        // Decoded here rather than on first use in a handler: the rebuild reads on another thread than it projects.
        // The time it was recorded too, stored as text and parsed on first use: a tenth of the projecting thread.
        for (TrackedEventMessage<?> event : events) {
            event.getPayload();
            event.getMetaData();
            event.getTimestamp();
        }
        return events;
    }
}
