package org.quanli.platform.projections;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.Set;
import java.util.TreeSet;

import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.SimpleSerializedObject;
import org.quanli.platform.projections.SegmentErrors.SegmentError;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where every segment of every streaming processor stands, read from the token table, so that a node reports the
 * segments other nodes claim (or nobody claims) as truthfully as its own: position, lag behind the head of the event
 * store, owner, whether the claim is live, the last recorded failure and since when the segment has been failing
 * at its position; and how many sequences each processor has parked as dead letters.
 */
@Component
public class ProjectionStatuses {

    /**
     * @param runningHere its processor runs on this node, or a bulk run here projects it ({@code inBulkRun})
     * @param inBulkRun   a bulk rebuild, catch-up or {@link BulkFollower} on this node projects it instead of its
     *                    processor
     * @param segments    every segment in the token table, whoever claims it
     * @param behind      events between the slowest segment and the head; null for subscribing processors
     */
    public record ProjectionStatus(String name, String kind, boolean runningHere, boolean inBulkRun,
                                   boolean replaying, long headPosition,
                                   List<SegmentStatus> segments, List<SegmentStatus> segmentsClaimedHere, Long behind,
                                   long parkedSequences, long parkedEvents) {
    }

    /**
     * @param claimed       a live claim (an owner whose claim is younger than the claim timeout)
     * @param unclaimedFor  how long nobody has held a live claim; null while claimed
     * @param erroring      the segment has failed at its position and not moved past it since
     * @param stuckFor      how long it has been failing at that position; null unless erroring
     */
    public record SegmentStatus(int segment, Long position, long behind, String owner, boolean claimed,
                                boolean claimedHere, Duration unclaimedFor, boolean caughtUp, boolean replaying,
                                boolean erroring, String lastError, Instant lastFailedAt, Duration stuckFor) {
    }

    private record TokenRow(String processor, int segment, byte[] token, String tokenType, String owner,
                            Instant timestamp) {
    }

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final Configuration axon;
    private final JdbcClient jdbc;
    private final SegmentErrors errors;
    private final Duration claimTimeout;
    private final Clock clock;
    private final BulkRuns runs;

    public ProjectionStatuses(EventProcessingConfiguration processing, EventStore eventStore, Configuration axon,
                              JdbcClient jdbc, SegmentErrors errors, BulkRuns runs,
                              @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout,
                              Clock clock) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.axon = axon;
        this.jdbc = jdbc;
        this.errors = errors;
        this.claimTimeout = claimTimeout;
        this.clock = clock;
        this.runs = runs;
    }

    /** The position of the newest event in the store; -1 when it is empty. */
    public long head() {
        return position(eventStore.createHeadToken()).orElse(-1);
    }

    public List<ProjectionStatus> all() {
        Instant now = clock.instant();
        long head = position(eventStore.createHeadToken()).orElse(0);
        Map<String, List<TokenRow>> tokens = new TreeMap<>();
        jdbc.sql("select processor_name, segment, token, token_type, owner, timestamp from token_entry")
                .query((rs, n) -> new TokenRow(rs.getString("processor_name"), rs.getInt("segment"),
                        rs.getBytes("token"), rs.getString("token_type"), rs.getString("owner"),
                        Instant.parse(rs.getString("timestamp"))))
                .list().forEach(row -> tokens.computeIfAbsent(row.processor(), p -> new ArrayList<>()).add(row));
        Map<String, Map<Integer, SegmentError>> failures = errors.all();
        Map<String, long[]> parked = parked();

        TreeSet<String> names = new TreeSet<>(processing.eventProcessors().keySet());
        names.addAll(tokens.keySet());
        List<ProjectionStatus> statuses = new ArrayList<>();
        for (String name : names) {
            EventProcessor processor = processing.eventProcessor(name).orElse(null);
            long[] letters = parked.getOrDefault(name, new long[2]);
            if (processor != null && !(processor instanceof StreamingEventProcessor)) {
                statuses.add(new ProjectionStatus(name, "subscribing", processor.isRunning(), false, false, head,
                        List.of(), List.of(), null, letters[0], letters[1]));
                continue;
            }
            Map<Integer, EventTrackerStatus> local = processor instanceof StreamingEventProcessor streaming
                    ? streaming.processingStatus() : Map.of();
            Set<Integer> held = runs.segmentsHeld(name);
            List<SegmentStatus> segments = new ArrayList<>();
            for (TokenRow row : tokens.getOrDefault(name, List.of())) {
                segments.add(segment(row, head, now, local.get(row.segment()),
                        held.contains(row.segment()), runs.position(name),
                        failures.getOrDefault(name, Map.of()).get(row.segment())));
            }
            segments.sort(Comparator.comparingInt(SegmentStatus::segment));
            Long behind = segments.stream().map(SegmentStatus::behind).max(Long::compare).orElse(null);
            boolean inBulkRun = runs.inBulkRun(name);
            statuses.add(new ProjectionStatus(name, "streaming",
                    inBulkRun || processor != null && processor.isRunning(), inBulkRun,
                    processor instanceof StreamingEventProcessor streaming && streaming.isReplaying(), head, segments,
                    segments.stream().filter(SegmentStatus::claimedHere).toList(), behind, letters[0], letters[1]));
        }
        return statuses;
    }

    /**
     * The lowest position any segment of the given processors has reached: a segment this node processes (by its
     * processor or a bulk run) by where it stands now, any other by the token table (stored after each batch, and at
     * each claim renewal while idle); -1 when one has not started.
     */
    public long lowestPosition(Set<String> processors) {
        if (processors.isEmpty()) {
            return Long.MAX_VALUE;
        }
        return jdbc.sql("select processor_name, segment, token, token_type, owner, timestamp from token_entry "
                        + "where processor_name = any(?)")
                .param(processors.toArray(String[]::new))
                .query((rs, n) -> new TokenRow(rs.getString("processor_name"), rs.getInt("segment"),
                        rs.getBytes("token"), rs.getString("token_type"), rs.getString("owner"), null))
                .list().stream()
                .mapToLong(row -> {
                    EventTrackerStatus local = processing.eventProcessor(row.processor())
                            .filter(StreamingEventProcessor.class::isInstance)
                            .map(processor -> ((StreamingEventProcessor) processor).processingStatus()
                                    .get(row.segment()))
                            .orElse(null);
                    TrackingToken token = local != null && local.getTrackingToken() != null
                            ? local.getTrackingToken() : token(row);
                    long stored = position(token).orElse(-1);
                    return runs.segmentsHeld(row.processor()).contains(row.segment())
                            ? Math.max(stored, runs.position(row.processor()).orElse(-1)) : stored;
                })
                .min().orElse(-1);
    }

    /** The streaming processors this node runs. */
    public Set<String> streamingProcessorsHere() {
        return processing.eventProcessors().entrySet().stream()
                .filter(entry -> entry.getValue() instanceof StreamingEventProcessor)
                .map(Map.Entry::getKey).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }

    /**
     * @param held whether a bulk run on this node holds the segment
     * @param bulk where that run has brought the segment, which its stored token may not show yet
     */
    private SegmentStatus segment(TokenRow row, long head, Instant now, EventTrackerStatus local, boolean held,
                                  OptionalLong bulk, SegmentError failure) {
        TrackingToken token = local != null && local.getTrackingToken() != null ? local.getTrackingToken() : token(row);
        OptionalLong at = position(token);
        Long position = at.isPresent() ? at.getAsLong() : null;
        if (held && bulk.isPresent() && (position == null || bulk.getAsLong() > position)) {
            position = bulk.getAsLong();
        }
        boolean claimed = row.owner() != null && row.timestamp().isAfter(now.minus(claimTimeout));
        boolean erroring = failure != null && (failure.position() == null || position == null
                || failure.position() > position);
        return new SegmentStatus(row.segment(), position, Math.max(0, head - (position == null ? 0 : position)),
                row.owner(), claimed, local != null || held && claimed,
                claimed ? null : Duration.between(row.timestamp(), now),
                local != null ? local.isCaughtUp() : position != null && position >= head,
                local != null && local.isReplaying(), erroring,
                failure == null ? null : failure.error(), failure == null ? null : failure.lastFailedAt(),
                erroring ? Duration.between(failure.firstFailedAt(), now) : null);
    }

    private TrackingToken token(TokenRow row) {
        if (row.token() == null || row.tokenType() == null) {
            return null;
        }
        return axon.serializer().deserialize(new SimpleSerializedObject<>(row.token(), byte[].class,
                row.tokenType(), null));
    }

    /** Parked sequences and events per processing group, in one query. */
    private Map<String, long[]> parked() {
        Map<String, long[]> parked = new TreeMap<>();
        jdbc.sql("select processing_group, count(distinct sequence_identifier) as sequences, count(*) as events "
                        + "from dead_letter_entry group by processing_group")
                .query((rs, n) -> parked.put(rs.getString("processing_group"),
                        new long[]{rs.getLong("sequences"), rs.getLong("events")}))
                .list();
        return parked;
    }

    static OptionalLong position(TrackingToken token) {
        return token == null ? OptionalLong.empty() : token.position();
    }
}
