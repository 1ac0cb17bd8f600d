package org.quanli.platform.projections;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.GenericResultMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.annotation.ClasspathHandlerDefinition;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.quanli.platform.messaging.StoredEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Rebuilds projections from the first event in large chunks instead of event by event: the projections' processors
 * stop, their reset handlers empty their tables, and the store is read once ({@link StoreChunks}), only the events of
 * the payload types their handlers take, each decoded once for all of them, the next chunk read and decoded on a
 * second thread while the current one is projected.
 * A chunk's events go straight to the projections' handlers (no dead-letter check per event: the queue is emptied by
 * the reset; no span or timed task per event: a chunk is the rebuild's unit of work), their writes go out as set-based JDBC batches ({@link BatchedWrites}; rows only ever
 * appended, with {@code COPY}), and every segment's token moves
 * to the chunk's last event in the same transaction: an interrupted rebuild leaves each projection consistent with
 * its token. At the head of the store the processors start again and follow the tail.
 *
 * <p>Nothing silent: a chunk that fails rolls back, the rebuild stops there, and the processors go on from the last
 * chunk written, event by event, parking what they cannot handle like any other failure. It also stops before the
 * chunk that holds an event of a sequence that is parked (read once, at the start), so that such a sequence keeps its
 * order in the dead-letter queue exactly as the processor would keep it.
 *
 * <p>A chunk's transaction tells PostgreSQL it is one ({@code quanli.bulk_rebuild} on), so that what triggers keep
 * from the projections' tables can wait for the rebuild's end ({@link DeferredByBulkRebuild}); the indexes only
 * readers use are dropped before the first chunk and built once at the end ({@link IndexedAfterBulkRebuild}).
 */
@Component
public class BulkRebuild {

    private static final Logger log = LoggerFactory.getLogger(BulkRebuild.class);

    /** @param stoppedBy why the rebuild stopped before the head of the store (the processors went on from there) */
    public record Outcome(List<String> projections, long events, Long position, String stoppedBy) {
    }

    private final EventProcessingConfiguration processing;
    private final Configuration configuration;
    private final TokenStore tokenStore;
    private final TransactionManager transactions;
    private final SegmentErrors errors;
    private final JdbcClient jdbc;
    private final ListableBeanFactory beans;
    private final ObjectProvider<DeferredByBulkRebuild> deferred;
    private final RebuildIndexes indexes;
    private final int chunkSize;

    public BulkRebuild(EventProcessingConfiguration processing, Configuration configuration, TokenStore tokenStore,
                       TransactionManager transactions, SegmentErrors errors, JdbcClient jdbc,
                       ListableBeanFactory beans, ObjectProvider<DeferredByBulkRebuild> deferred,
                       RebuildIndexes indexes, @Value("${quanli.projections.rebuild-chunk:5000}") int chunkSize) {
        this.processing = processing;
        this.configuration = configuration;
        this.tokenStore = tokenStore;
        this.transactions = transactions;
        this.errors = errors;
        this.jdbc = jdbc;
        this.beans = beans;
        this.deferred = deferred;
        this.indexes = indexes;
        this.chunkSize = chunkSize;
    }

    /** The sequences a group has parked, and how it tells an event's sequence. */
    private record Parked(SequencingPolicy<? super EventMessage<?>> policy, Set<String> sequences) {

        boolean holds(EventMessage<?> event) {
            Object sequence = policy.getSequenceIdentifierFor(event);
            return sequence != null && sequences.contains(sequence.toString());
        }
    }

    /** Whether the named processor can be rebuilt this way: a pooled streaming one that supports a reset. */
    public boolean supports(String name) {
        return processing.eventProcessor(name).orElse(null) instanceof PooledStreamingEventProcessor processor
                && processor.supportsReset();
    }

    /**
     * Rebuilds the named projections together, in the calling thread.
     *
     * @throws org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException if another node holds one of
     *                                                                                 their segments
     */
    public Outcome rebuild(List<String> names) {
        Map<String, PooledStreamingEventProcessor> processors = new LinkedHashMap<>();
        List<EventMessageHandler> handlers = new ArrayList<>();
        for (String name : names) {
            if (!supports(name)) {
                throw new IllegalArgumentException("projection " + name + " cannot be rebuilt in bulk");
            }
            PooledStreamingEventProcessor processor = processing.eventProcessor(name,
                    PooledStreamingEventProcessor.class).orElseThrow();
            processors.put(name, processor);
            collect(processor.eventHandlerInvoker(), handlers);
        }
        List<Parked> parked = new ArrayList<>();
        processors.values().forEach(StreamingEventProcessor::shutDown);
        long read = 0;
        TrackingToken reached = null;
        String stoppedBy = null;
        ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bulk-rebuild-reader");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (var processor : processors.entrySet()) {
                processor.getValue().resetTokens();
                errors.forget(processor.getKey());
            }
            List<IndexedAfterBulkRebuild> indexedAfter = indexedAfter(handlers);
            indexes.setAside(indexedAfter.stream().flatMap(p -> p.indexedAfterBulkRebuild().stream()).toList(),
                    indexedAfter.stream().flatMap(p -> p.keysAfterBulkRebuild().stream()).toList());
            Map<String, int[]> segments = new LinkedHashMap<>();
            processors.keySet().forEach(name -> segments.put(name, tokenStore.fetchSegments(name)));
            processors.forEach((name, processor) -> parked.addAll(parked(name, processor.eventHandlerInvoker())));
            StoreChunks store = new StoreChunks(jdbc, configuration.eventSerializer(), configuration.upcasterChain(),
                    wantedTypes(handlers), chunkSize);
            // The next chunk is read and decoded on another thread while this one projects the current chunk.
            Future<StoreChunks.Chunk> ahead = reader.submit(store::next);
            while (stoppedBy == null) {
                StoreChunks.Chunk chunk;
                try {
                    chunk = ahead.get();
                } catch (ExecutionException e) {
                    stoppedBy = "reading the store failed: " + e.getCause();
                    break;
                }
                if (chunk == null) {
                    break;
                }
                ahead = reader.submit(store::next);
                // A chunk holding an event of a parked sequence is left to the processor, which keeps the
                // sequence's order in the dead-letter queue: the token stays where the last chunk left it.
                TrackedEventMessage<?> held = chunk.events().stream()
                        .filter(event -> parked.stream().anyMatch(p -> p.holds(event))).findFirst().orElse(null);
                if (held != null) {
                    stoppedBy = "event " + held.getIdentifier() + " belongs to a parked sequence";
                    break;
                }
                List<TrackedEventMessage<?>> events = chunk.events();
                TrackingToken last = chunk.reached();
                ResultMessage<?> result = project(events, handlers, segments, last);
                if (result.isExceptional()) {
                    stoppedBy = result.exceptionResult().toString();
                    break;
                }
                read += events.size();
                reached = last;
            }
            if (stoppedBy != null) {
                log.warn("Bulk rebuild of {} stopped after {} events: {}; the processors go on from there",
                        names, read, stoppedBy);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stoppedBy = "interrupted";
        } finally {
            reader.shutdownNow();
            String failed = finish();
            if (stoppedBy == null) {
                stoppedBy = failed;
            }
            processors.forEach((name, processor) -> {
                for (int segment : tokenStore.fetchSegments(name)) {
                    transactions.executeInTransaction(() -> tokenStore.releaseClaim(name, segment));
                }
                processor.start();
            });
        }
        Long position = reached == null ? null : reached.position().stream().boxed().findFirst().orElse(null);
        return new Outcome(List.copyOf(names), read, position, stoppedBy);
    }

    /**
     * Has what the chunks deferred catch up, each in its own transaction, then builds the indexes set aside again.
     *
     * @return what failed, or null (what failed stays behind until the next rebuild or start)
     */
    private String finish() {
        String failed = null;
        for (DeferredByBulkRebuild work : deferred.orderedStream().toList()) {
            try {
                transactions.executeInTransaction(work::catchUp);
            } catch (RuntimeException e) {
                log.error("{} could not catch up after a bulk rebuild", work, e);
                failed = "catching up after the rebuild failed: " + e;
            }
        }
        try {
            indexes.restore();
        } catch (RuntimeException e) {
            log.error("the indexes set aside for a bulk rebuild could not be built again", e);
            failed = "building the indexes again after the rebuild failed: " + e;
        }
        return failed;
    }

    /** At start, what a rebuild interrupted with its node left behind catches up, and its indexes are built. */
    @EventListener(ApplicationReadyEvent.class)
    public void catchUpAtStart() {
        finish();
    }

    /** The rebuilt projections whose indexes wait for the rebuild's end. */
    private List<IndexedAfterBulkRebuild> indexedAfter(List<EventMessageHandler> handlers) {
        List<IndexedAfterBulkRebuild> projections = new ArrayList<>();
        for (EventMessageHandler handler : handlers) {
            if (handler instanceof AnnotationEventHandlerAdapter adapter
                    && beans.getBeanProvider(adapter.getTargetType()).getIfUnique()
                    instanceof IndexedAfterBulkRebuild projection && !projections.contains(projection)) {
                projections.add(projection);
            }
        }
        return projections;
    }

    private List<Parked> parked(String group, EventHandlerInvoker invoker) {
        Set<String> sequences = new HashSet<>(jdbc.sql(
                        "select distinct sequence_identifier from dead_letter_entry where processing_group = ?")
                .param(group).query(String.class).list());
        if (sequences.isEmpty()) {
            return List.of();
        }
        List<Parked> parked = new ArrayList<>();
        if (invoker instanceof MultiEventHandlerInvoker multi) {
            multi.delegates().forEach(delegate -> parked.addAll(parked(group, delegate)));
        } else if (invoker instanceof SimpleEventHandlerInvoker simple) {
            parked.add(new Parked(simple.getSequencingPolicy(), sequences));
        }
        return parked;
    }

    /**
     * The stored payload types some handler of the rebuild handles, and every stored type that names no class known
     * here (an upcaster may make it one that is handled): the events of any other type are not read at all.
     */
    private List<String> wantedTypes(List<EventMessageHandler> handlers) {
        Serializer serializer = configuration.eventSerializer();
        return jdbc.sql("select distinct payload_type from domain_event_entry").query(String.class).list().stream()
                .filter(type -> {
                    Class<?> payload = serializer.classForType(new SimpleSerializedType(type, null));
                    return UnknownSerializedType.class.equals(payload)
                            || handlers.stream().anyMatch(handler -> handler.canHandleType(payload));
                })
                .toList();
    }

    private ResultMessage<?> project(List<TrackedEventMessage<?>> chunk, List<EventMessageHandler> handlers,
                                     Map<String, int[]> segments, TrackingToken last) {
        if (chunk.isEmpty()) {
            // Positions passed with nothing to hand over: only the tokens move.
            transactions.executeInTransaction(() -> segments.forEach((name, ids) -> {
                for (int segment : ids) {
                    tokenStore.storeToken(last, name, segment);
                }
            }));
            return GenericResultMessage.asResultMessage((Object) null);
        }
        BatchingUnitOfWork<TrackedEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(chunk);
        unitOfWork.attachTransaction(transactions);
        BatchedWrites.bulkRebuildChunk(unitOfWork);
        StoredEvents.tokensExact(unitOfWork);
        unitOfWork.onPrepareCommit(u -> segments.forEach((name, ids) -> {
            for (int segment : ids) {
                tokenStore.storeToken(last, name, segment);
            }
        }));
        return unitOfWork.executeWithResult(() -> {
            EventMessage<?> event = (EventMessage<?>) CurrentUnitOfWork.get().getMessage();
            if (event == chunk.get(0)) {
                // For the triggers, which can leave their work to the rebuild's end (DeferredByBulkRebuild).
                jdbc.sql("select set_config('quanli.bulk_rebuild', 'on', true)").query().singleValue();
            }
            for (EventMessageHandler handler : handlers) {
                if (handler.canHandle(event)) {
                    handler.handle(event);
                }
            }
            return null;
        });
    }

    private void collect(EventHandlerInvoker invoker, List<EventMessageHandler> handlers) {
        if (invoker instanceof MultiEventHandlerInvoker multi) {
            multi.delegates().forEach(delegate -> collect(delegate, handlers));
        } else if (invoker instanceof SimpleEventHandlerInvoker simple) {
            simple.eventHandlers().forEach(handler -> handlers.add(plain(handler)));
        }
    }

    /**
     * The projection's handlers without what the application wraps around each call (a span, a timed task with its
     * stack trace, a check of the transaction): in a rebuild they would cost more than the handlers themselves, for
     * each of millions of events. A chunk is one transaction; whatever fails in it fails the chunk and stops the
     * rebuild there. Handlers of a kind this does not know stay as the processor has them.
     */
    private EventMessageHandler plain(EventMessageHandler handler) {
        if (!(handler instanceof AnnotationEventHandlerAdapter adapter)) {
            return handler;
        }
        Object projection = beans.getBeanProvider(adapter.getTargetType()).getIfUnique();
        if (projection == null) {
            return handler;
        }
        return new AnnotationEventHandlerAdapter(projection, configuration.parameterResolverFactory(),
                ClasspathHandlerDefinition.forClass(adapter.getTargetType()));
    }
}
