package org.quanli.platform.projections;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.ErrorContext;
import org.axonframework.eventhandling.ErrorHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records a failed batch of a streaming processor against its segment ({@code projection_segment_error}), in a
 * transaction of its own since the batch's was rolled back, and then lets the failure propagate as before (the
 * segment is released and retried). A segment whose position has not passed its recorded failure is erroring; how
 * long is counted from the first failure at that position. A failed batch of a single event parks that event.
 */
@Component
public class SegmentErrors implements ErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(SegmentErrors.class);
    private static final int MAX_MESSAGE = 2000;

    /** One segment's last failure. */
    public record SegmentError(String processorName, int segment, Long position, String error, Instant firstFailedAt,
                               Instant lastFailedAt, long failures) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final Clock clock;

    public SegmentErrors(JdbcClient jdbc, PlatformTransactionManager transactions,
                         ObjectProvider<EventProcessingConfiguration> processing, Clock clock) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.processing = processing;
    }

    @Override
    public void handleError(ErrorContext context) throws Exception {
        try {
            record(context);
            parkLoneEvent(context);
        } catch (RuntimeException e) {
            log.warn("Could not record the failure of processor {}: {}", context.eventProcessor(), e.getMessage());
        }
        PropagatingErrorHandler.instance().handleError(context);
    }

    /**
     * A batch can fail after every handler returned: a command a process sends appends its events when the batch
     * commits, and a clash on the event table's unique index then fails the whole batch. A batch of one event
     * (the processes' size) names the culprit: it is parked, and the retried batch skips it, since a process asks the
     * queue about every event ({@link org.quanli.platform.messaging.StreamingProcess}). A larger batch cannot say
     * which of its events failed; its segment stays failing, and status and health say so.
     */
    private void parkLoneEvent(ErrorContext context) {
        if (context.failedEvents().size() != 1 || !(context.failedEvents().get(0) instanceof TrackedEventMessage<?>)
                || passing(context.error())) {
            return;
        }
        EventMessage<?> event = context.failedEvents().get(0);
        EventProcessingConfiguration configuration = processing.getObject();
        configuration.deadLetterQueue(context.eventProcessor()).ifPresent(queue -> {
            Object sequence = configuration.sequencingPolicy(context.eventProcessor()).getSequenceIdentifierFor(event);
            Object sequenceId = sequence != null ? sequence : event.getIdentifier();
            queue.enqueue(sequenceId, new GenericDeadLetter<>(sequenceId, event,
                    ThrowableCause.truncated(context.error())));
            log.warn("Processor {}: event {} parked after its batch failed: {}", context.eventProcessor(),
                    event.getIdentifier(), context.error().getMessage());
        });
    }

    private void record(ErrorContext context) {
        if (context.failedEvents().isEmpty()
                || !(context.failedEvents().get(0) instanceof TrackedEventMessage<?> first)) {
            return;
        }
        String processor = context.eventProcessor();
        List<Integer> segmentIds = jdbc.sql("select segment from token_entry where processor_name = ?")
                .param(processor).query(Integer.class).list();
        if (segmentIds.isEmpty()) {
            return;
        }
        SequencingPolicy<? super EventMessage<?>> policy = processing.getObject().sequencingPolicy(processor);
        Object sequence = policy.getSequenceIdentifierFor(first);
        int hash = Objects.hashCode(sequence != null ? sequence : first.getIdentifier());
        Integer segment = null;
        for (Segment candidate : Segment.computeSegments(segmentIds.stream().mapToInt(Integer::intValue).toArray())) {
            if (candidate.matches(hash)) {
                segment = candidate.getSegmentId();
                break;
            }
        }
        if (segment == null) {
            return;
        }
        Long position = first.trackingToken() == null ? null : first.trackingToken().position().stream().boxed()
                .findFirst().orElse(null);
        String message = describe(context.error());
        Timestamp now = Timestamp.from(clock.instant());
        int segmentId = segment;
        ownTransaction.executeWithoutResult(tx -> jdbc.sql("""
                insert into projection_segment_error
                    (processor_name, segment, position, error, first_failed_at, last_failed_at, failures)
                values (:processor, :segment, :position, :error, :now, :now, 1)
                on conflict (processor_name, segment) do update set
                    first_failed_at = case when projection_segment_error.position is not distinct from excluded.position
                        then projection_segment_error.first_failed_at else excluded.first_failed_at end,
                    failures = case when projection_segment_error.position is not distinct from excluded.position
                        then projection_segment_error.failures + 1 else 1 end,
                    position = excluded.position, error = excluded.error, last_failed_at = excluded.last_failed_at""")
                .param("processor", processor).param("segment", segmentId).param("position", position)
                .param("error", message).param("now", now).update());
    }

    /** A lost claim or an unreachable database says nothing about the event: the batch is just retried. */
    private static boolean passing(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof UnableToClaimTokenException || cause instanceof TransientDataAccessException
                    || cause instanceof CannotCreateTransactionException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = error; cause != null && text.length() < MAX_MESSAGE; cause = cause.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
            if (cause.getCause() == cause) {
                break;
            }
        }
        // U+0000 in an error message (it may quote the refused value) would fail this very insert.
        String cleaned = text.toString().replace('\u0000', '?');
        return cleaned.length() > MAX_MESSAGE ? cleaned.substring(0, MAX_MESSAGE) : cleaned;
    }

    /** Every recorded failure, by processor and segment. */
    public Map<String, Map<Integer, SegmentError>> all() {
        return jdbc.sql("select * from projection_segment_error").query((rs, n) -> new SegmentError(
                        rs.getString("processor_name"), rs.getInt("segment"), (Long) rs.getObject("position"),
                        rs.getString("error"), rs.getTimestamp("first_failed_at").toInstant(),
                        rs.getTimestamp("last_failed_at").toInstant(), rs.getLong("failures")))
                .list().stream().collect(Collectors.groupingBy(SegmentError::processorName,
                        Collectors.toMap(SegmentError::segment, Function.identity())));
    }

    /** A rebuild starts over: its old failures no longer say anything. */
    public void forget(String processorName) {
        jdbc.sql("delete from projection_segment_error where processor_name = ?").param(processorName).update();
    }
}
