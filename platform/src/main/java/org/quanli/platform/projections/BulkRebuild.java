package org.quanli.platform.projections;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.messaging.GenericResultMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.annotation.ClasspathHandlerDefinition;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.quanli.platform.messaging.StoredEvents;
import org.quanli.platform.messaging.StreamingProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Rebuilds projections from the first event in large chunks instead of event by event: the projections' processors
 * stop, their reset handlers empty their tables, and the store is read once ({@link StoreChunks}), only the events of
 * the payload types their handlers take, each decoded once for all of them, the next chunk read and decoded on a
 * second thread while the current one is projected. The same way, without emptying anything, it brings projections
 * far behind up from where their tokens stand ({@link #catchUp}), and has them follow the tail ({@link #follow};
 * {@link BulkFollower}).
 *
 * <p>A chunk's events go straight to the projections' handlers (no dead-letter check per event: a chunk holding an
 * event of a parked sequence is not projected, see below; no span or timed task per event: a chunk is the unit of
 * work), their writes go out as set-based JDBC batches ({@link BatchedWrites}; rows only ever appended, with
 * {@code COPY}), and every segment's token moves to the chunk's last event in the same transaction: an interrupted
 * run leaves each projection consistent with its token. At the head of the store the processors start again and
 * follow the tail.
 *
 * <p>Nothing silent: a chunk that fails rolls back, the run stops there, and the processors go on from the last
 * chunk written, event by event, parking what they cannot handle like any other failure. It also stops before the
 * chunk that holds an event of a sequence that is parked (read once, at the start), so that such a sequence keeps its
 * order in the dead-letter queue exactly as the processor would keep it. A run following the tail stops only for the
 * projections concerned: the chunk is projected again for each projection alone, and those that cannot take it, or
 * whose parked sequence it goes on, are handed to their processors while the others go on ({@link
 * Following#handedBack}).
 *
 * <p>A rebuild's chunk tells PostgreSQL it is one ({@code quanli.bulk_rebuild} on), so that what triggers keep
 * from the projections' tables can wait for the rebuild's end ({@link DeferredByBulkRebuild}); the indexes only
 * readers use are dropped before the first chunk and built once at the end ({@link IndexedAfterBulkRebuild}). A
 * catch-up writes into tables in use and does neither.
 */
@Component
public class BulkRebuild {

    private static final Logger log = LoggerFactory.getLogger(BulkRebuild.class);
    /** How long a run following the tail may leave the stored token of a projection behind where it stands. */
    private static final Duration TOKENS_LAG = Duration.ofSeconds(1);

    /** @param stoppedBy why the rebuild stopped before the head of the store (the processors went on from there) */
    public record Outcome(List<String> projections, long events, Long position, String stoppedBy) {
    }

    private final EventProcessingConfiguration processing;
    private final Configuration configuration;
    private final TokenStore tokenStore;
    private final TransactionManager transactions;
    private final PlatformTransactionManager platformTransactions;
    private final SegmentErrors errors;
    private final JdbcClient jdbc;
    private final ListableBeanFactory beans;
    private final ObjectProvider<DeferredByBulkRebuild> deferred;
    private final RebuildIndexes indexes;
    private final int chunkSize;
    private final Duration claimTimeout;
    private final BulkRuns runs;

    public BulkRebuild(EventProcessingConfiguration processing, Configuration configuration, TokenStore tokenStore,
                       TransactionManager transactions, PlatformTransactionManager platformTransactions,
                       SegmentErrors errors, JdbcClient jdbc,
                       ListableBeanFactory beans, ObjectProvider<DeferredByBulkRebuild> deferred,
                       RebuildIndexes indexes, BulkRuns runs,
                       @Value("${quanli.projections.rebuild-chunk:5000}") int chunkSize,
                       @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout) {
        this.processing = processing;
        this.configuration = configuration;
        this.tokenStore = tokenStore;
        this.transactions = transactions;
        this.platformTransactions = platformTransactions;
        this.errors = errors;
        this.jdbc = jdbc;
        this.beans = beans;
        this.deferred = deferred;
        this.indexes = indexes;
        this.runs = runs;
        this.chunkSize = chunkSize;
        this.claimTimeout = claimTimeout;
    }

    /** The sequences a group has parked, and how it tells an event's sequence. */
    private record Parked(SequencingPolicy<? super EventMessage<?>> policy, Set<String> sequences) {

        boolean holds(EventMessage<?> event) {
            Object sequence = policy.getSequenceIdentifierFor(event);
            return sequence != null && sequences.contains(sequence.toString());
        }
    }

    /**
     * Whether the named processor can be rebuilt this way, or replayed: a pooled streaming one that supports a reset
     * and is a projection, not a process ({@link StreamingProcess}), whose handlers would send their commands again.
     */
    public boolean supports(String name) {
        return processing.eventProcessor(name).orElse(null) instanceof PooledStreamingEventProcessor processor
                && processor.supportsReset() && !isProcess(processor.eventHandlerInvoker());
    }

    private static boolean isProcess(EventHandlerInvoker invoker) {
        if (invoker instanceof MultiEventHandlerInvoker multi) {
            return multi.delegates().stream().anyMatch(BulkRebuild::isProcess);
        }
        return invoker instanceof SimpleEventHandlerInvoker simple && simple.eventHandlers().stream().anyMatch(
                handler -> handler instanceof AnnotationEventHandlerAdapter adapter
                        && AnnotationUtils.findAnnotation(adapter.getTargetType(), StreamingProcess.class) != null);
    }

    /**
     * Rebuilds the named projections together, in the calling thread.
     *
     * @throws org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException if another node holds one of
     *                                                                                 their segments
     */
    public Outcome rebuild(List<String> names) {
        Map<String, PooledStreamingEventProcessor> processors = processors(names, false);
        processors.values().forEach(StreamingEventProcessor::shutDown);
        try {
            for (var processor : processors.entrySet()) {
                processor.getValue().resetTokens();
                errors.forget(processor.getKey());
            }
        } catch (RuntimeException e) {
            processors.forEach((name, processor) ->
                    letGo(name, processor, Arrays.stream(tokenStore.fetchSegments(name)).boxed().toList()));
            throw e;
        }
        List<Part> parts = new ArrayList<>();
        processors.forEach((name, processor) -> parts.add(part(name, processor, fromStart(name))));
        return run(names, parts, true, null);
    }

    /**
     * Brings the named projections from where their tokens stand up to the head of the store the way a rebuild goes,
     * without emptying anything: one read of the store from the lowest of their tokens, in chunks, and an event goes
     * to a processor only where the token of the segment it belongs to does not cover it yet. For a node that was
     * down, or a processor far behind, this costs what a rebuild costs per event rather than the processors'
     * machinery per event and processor. This node claims every segment of them while it runs: a processor one of
     * whose segments another node holds is left out and follows as before.
     */
    public Outcome catchUp(List<String> names) {
        return catchUp(names, null);
    }

    /**
     * Catches the named projections up as {@link #catchUp(List)} does, then goes on following the tail of the store
     * the same way, in chunks of whatever has been appended since the last one, for as long as {@code following}
     * says so; the segments' claims are renewed while nothing comes. The processors start again when it ends, and
     * when a chunk fails.
     */
    public Outcome follow(List<String> names, Following following) {
        return catchUp(names, Objects.requireNonNull(following));
    }

    /** What keeps a bulk run following the tail ({@link #follow}). */
    public interface Following {

        /**
         * Whether the run goes on; asked after every chunk, and at the head of the store, where it first waits for
         * the next look at the head.
         *
         * @param atHead whether the last read found nothing new
         */
        boolean goOn(boolean atHead) throws InterruptedException;

        /**
         * Whether the processors take the projections over when the run ends; not while the node shuts down, when
         * they would start after the application stopped them.
         */
        boolean handsBack();

        /**
         * The run goes on without the named projection, which its processor has taken over: it could not take a
         * chunk the others took, or the chunk held an event of a sequence it has parked.
         */
        void handedBack(String projection);
    }

    private Outcome catchUp(List<String> names, Following following) {
        Map<String, PooledStreamingEventProcessor> processors = processors(names, following != null);
        processors.values().forEach(StreamingEventProcessor::shutDown);
        List<Part> parts = new ArrayList<>();
        try {
            for (var processor : processors.entrySet()) {
                Map<Integer, TrackingToken> tokens = claim(processor.getKey());
                if (tokens == null) {
                    letGo(processor.getKey(), processor.getValue(), List.of());
                } else {
                    parts.add(part(processor.getKey(), processor.getValue(), tokens));
                }
            }
        } catch (RuntimeException e) {
            processors.forEach((name, processor) -> letGo(name, processor, parts.stream()
                    .filter(part -> part.name().equals(name)).flatMap(part -> part.tokens().keySet().stream())
                    .toList()));
            throw e;
        }
        return run(parts.stream().map(Part::name).toList(), parts, false, following);
    }

    /**
     * The named processors, marked as in a bulk run on this node until {@link #run} ends or they are let go.
     *
     * @param following whether the run follows the tail: then only those {@link BulkRuns#free} are taken
     */
    private Map<String, PooledStreamingEventProcessor> processors(List<String> names, boolean following) {
        Map<String, PooledStreamingEventProcessor> processors = new LinkedHashMap<>();
        for (String name : names) {
            if (!supports(name)) {
                throw new IllegalArgumentException("projection " + name + " cannot be rebuilt in bulk");
            }
            processors.put(name, processing.eventProcessor(name, PooledStreamingEventProcessor.class).orElseThrow());
        }
        processors.keySet().retainAll(runs.hold(names, following));
        return processors;
    }

    /** Lets processors of a bulk run go: released from their claims here and started. */
    private void letGo(String name, PooledStreamingEventProcessor processor, Collection<Integer> segments) {
        release(name, segments);
        processor.start();
        runs.release(name);
    }

    /** Every segment of the processor without a token: a rebuild hands it every event. */
    private Map<Integer, TrackingToken> fromStart(String name) {
        Map<Integer, TrackingToken> tokens = new TreeMap<>();
        for (int segment : tokenStore.fetchSegments(name)) {
            tokens.put(segment, null);
        }
        return tokens;
    }

    /**
     * Claims every segment of the processor for this node, with its token; null, and nothing claimed, when another
     * node holds one or a token is not a position in the store.
     */
    private Map<Integer, TrackingToken> claim(String name) {
        Map<Integer, TrackingToken> tokens = new TreeMap<>();
        try {
            for (int segment : tokenStore.fetchSegments(name)) {
                TrackingToken token = replayed(
                        transactions.fetchInTransaction(() -> tokenStore.fetchToken(name, segment)));
                tokens.put(segment, token);
                if (token != null && !(token instanceof GapAwareTrackingToken)) {
                    log.info("Not catching up {} in bulk: segment {} stands at {}", name, segment, token);
                    release(name, tokens.keySet());
                    return null;
                }
            }
        } catch (UnableToClaimTokenException e) {
            log.info("Not catching up {} in bulk: {}", name, e.getMessage());
            release(name, tokens.keySet());
            return null;
        }
        return tokens;
    }

    /**
     * The position a segment stands at, a replay's included: a rebuild's handlers take a replayed event as any
     * other (none asks whether it is one), so a replay under way goes on from where it is like a catch-up.
     */
    private static TrackingToken replayed(TrackingToken token) {
        return token instanceof ReplayToken replay ? replay.getCurrentToken() : token;
    }

    /** Stores the part's tokens as they stand, which renews this node's claims on its segments. */
    private void storeTokens(Part part) {
        part.tokens().forEach((segment, token) -> tokenStore.storeToken(token, part.name(), segment));
    }

    private void release(String name, Collection<Integer> segments) {
        for (int segment : segments) {
            transactions.executeInTransaction(() -> tokenStore.releaseClaim(name, segment));
        }
    }

    /**
     * Projects the store's events from the parts' tokens to its head in chunks, then releases the parts' segments
     * and starts their processors.
     *
     * @param rebuild   whether the parts' tables were emptied for it: then the triggers may defer their work
     *                  ({@link DeferredByBulkRebuild}) and what was set aside is restored at the end
     * @param following null to end at the head of the store
     */
    private Outcome run(List<String> names, List<Part> parts, boolean rebuild, Following following) {
        long read = 0;
        TrackingToken reached = null;
        String stoppedBy = null;
        ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bulk-rebuild-reader");
            thread.setDaemon(true);
            return thread;
        });
        try {
            if (parts.isEmpty()) {
                return new Outcome(List.of(), 0, null, null);
            }
            if (rebuild) {
                List<IndexedAfterBulkRebuild> indexedAfter = indexedAfter(parts);
                indexes.setAside(indexedAfter.stream().flatMap(p -> p.indexedAfterBulkRebuild().stream()).toList(),
                        indexedAfter.stream().flatMap(p -> p.keysAfterBulkRebuild().stream()).toList());
            }
            Map<Part, List<Parked>> parked = new IdentityHashMap<>();
            parts.forEach(part -> parked.put(part, parked(part.name(), part.processor().eventHandlerInvoker())));
            List<EventMessageHandler> handlers = parts.stream()
                    .flatMap(part -> part.handlers().stream()).toList();
            GapAwareTrackingToken readFrom = lowest(parts);
            if (readFrom != null) {
                runs.reached(names, readFrom.getIndex());
            }
            Predicate<String> wanted = wantedType(handlers);
            StoreChunks store = new StoreChunks(jdbc, platformTransactions, configuration.eventSerializer(),
                    configuration.upcasterChain(),
                    jdbc.sql("select distinct payload_type from domain_event_entry").query(String.class).list()
                            .stream().filter(wanted.negate()).toList(),
                    wanted, chunkSize, readFrom);
            // A run following the tail stores the tokens of a projection that handled nothing in a chunk at most
            // every TOKENS_LAG (every projection's, renewing every claim), not with every chunk: at the head a chunk
            // is the few events of a pause, and most projections take none of them.
            Set<Part> unstored = Collections.newSetFromMap(new IdentityHashMap<>());
            long tokensStored = System.nanoTime();
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
                    if (following == null) {
                        break;
                    }
                    long sinceStored = System.nanoTime() - tokensStored;
                    if (!unstored.isEmpty() && sinceStored > TOKENS_LAG.toNanos()
                            || sinceStored > claimTimeout.toNanos() / 3) {
                        transactions.executeInTransaction(() -> parts.forEach(this::storeTokens));
                        unstored.clear();
                        tokensStored = System.nanoTime();
                    }
                    if (!following.goOn(true) || runs.wanted(parts.stream().map(Part::name).toList())) {
                        break;
                    }
                    ahead = reader.submit(store::next);
                    continue;
                }
                // Following, a chunk that reached the head is followed by a pause before the next look.
                boolean lingering = following != null && !chunk.more();
                if (!lingering) {
                    ahead = reader.submit(store::next);
                }
                Map<Part, Boolean> filtering = new IdentityHashMap<>();
                for (Part part : parts) {
                    filtering.put(part, part.filtering(readFrom));
                }
                // A chunk holding an event of a parked sequence, for a segment that has not passed it, is left to
                // the processor, which keeps the sequence's order in the dead-letter queue: the token stays where
                // the last chunk left it.
                Map<Part, TrackedEventMessage<?>> holding = new IdentityHashMap<>();
                for (Part part : parts) {
                    chunk.events().stream().filter(event -> parked.get(part).stream().anyMatch(p -> p.holds(event))
                                    && (!filtering.get(part) || !part.passed(event)))
                            .findFirst().ifPresent(event -> holding.put(part, event));
                }
                if (following == null || !holding.isEmpty() && holding.size() == parts.size()) {
                    TrackedEventMessage<?> held = holding.values().stream().findFirst().orElse(null);
                    if (held != null) {
                        stoppedBy = "event " + held.getIdentifier() + " belongs to a parked sequence";
                        break;
                    }
                }
                holding.forEach((part, event) -> handBack(List.of(part), parts, unstored, following,
                        "event " + event.getIdentifier() + " belongs to a sequence it has parked"));
                List<TrackedEventMessage<?>> events = chunk.events();
                GapAwareTrackingToken last = chunk.reached();
                Map<Part, Map<Integer, TrackingToken>> next = new IdentityHashMap<>();
                parts.forEach(part -> next.put(part, part.advancedTo(last)));
                boolean everyToken = following == null || System.nanoTime() - tokensStored > TOKENS_LAG.toNanos();
                Set<Part> handled = Collections.newSetFromMap(new IdentityHashMap<>());
                ResultMessage<?> result = project(events, parts, next, filtering, rebuild, everyToken, handled);
                if (result.isExceptional()) {
                    List<Part> failing = following == null || parts.size() == 1 ? List.copyOf(parts)
                            : projectOneByOne(events, parts, next, filtering, handled);
                    if (failing.size() == parts.size()) {
                        stoppedBy = result.exceptionResult().toString();
                        break;
                    }
                    handBack(failing, parts, unstored, following, "it could not take the chunk the others took: "
                            + result.exceptionResult());
                    handled.addAll(parts);
                }
                next.keySet().retainAll(parts);
                next.forEach((part, tokens) -> part.tokens().putAll(tokens));
                if (everyToken) {
                    unstored.clear();
                    tokensStored = System.nanoTime();
                } else {
                    parts.stream().filter(part -> !handled.contains(part)).forEach(unstored::add);
                    unstored.removeAll(handled);
                }
                runs.reached(parts.stream().map(Part::name).toList(), last.getIndex());
                read += events.size();
                reached = last;
                readFrom = last;
                if (following != null) {
                    if (!following.goOn(lingering) || runs.wanted(parts.stream().map(Part::name).toList())) {
                        break;
                    }
                    if (lingering) {
                        ahead = reader.submit(store::next);
                    }
                }
            }
            if (!unstored.isEmpty()) {
                // Where the run left them: every chunk before is written.
                try {
                    transactions.executeInTransaction(() -> unstored.forEach(this::storeTokens));
                } catch (RuntimeException e) {
                    log.warn("The tokens of {} could not be stored at the run's end; their processors read again from"
                            + " the last stored: {}", names, e.toString());
                }
            }
            if (stoppedBy != null) {
                log.warn("Bulk {} of {} stopped after {} events: {}; the processors go on from there",
                        rebuild ? "rebuild" : following == null ? "catch-up" : "following", names, read, stoppedBy);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stoppedBy = "interrupted";
        } finally {
            reader.shutdownNow();
            if (rebuild) {
                String failed = finish();
                if (stoppedBy == null) {
                    stoppedBy = failed;
                }
            }
            boolean handBack = following == null || following.handsBack();
            for (Part part : parts) {
                if (handBack) {
                    letGo(part.name(), part.processor(), part.tokens().keySet());
                } else {
                    try {
                        release(part.name(), part.tokens().keySet());
                    } catch (RuntimeException e) {
                        // The node is going down: its claims lapse after the claim timeout.
                        log.debug("claims of {} not released: {}", part.name(), e.toString());
                    }
                    runs.release(part.name());
                }
            }
        }
        Long position = reached == null ? null : reached.position().stream().boxed().findFirst().orElse(null);
        return new Outcome(List.copyOf(names), read, position, stoppedBy);
    }

    /**
     * Projects a chunk that failed for the parts together once for each part, each in its own transaction with its
     * tokens: which of them cannot take it.
     *
     * @param handled collects the parts that handled one of its events
     * @return the parts whose chunk failed
     */
    private List<Part> projectOneByOne(List<TrackedEventMessage<?>> events, List<Part> parts,
                                       Map<Part, Map<Integer, TrackingToken>> next, Map<Part, Boolean> filtering,
                                       Set<Part> handled) {
        List<Part> failing = new ArrayList<>();
        for (Part part : parts) {
            Map<Part, Map<Integer, TrackingToken>> tokens = new IdentityHashMap<>();
            tokens.put(part, next.get(part));
            if (project(events, List.of(part), tokens, filtering, false, true, handled).isExceptional()) {
                failing.add(part);
            }
        }
        return failing;
    }

    /**
     * Hands parts of a run following the tail to their processors, the tokens they reached stored first; the run goes
     * on with the others.
     */
    private void handBack(List<Part> leaving, List<Part> parts, Set<Part> unstored, Following following, String why) {
        for (Part part : leaving) {
            log.warn("Following {} in bulk: its processor takes over, {}", part.name(), why);
            parts.remove(part);
            unstored.remove(part);
            try {
                transactions.executeInTransaction(() -> storeTokens(part));
            } catch (RuntimeException e) {
                log.warn("The tokens of {} could not be stored; its processor reads again from the last stored: {}",
                        part.name(), e.toString());
            }
            letGo(part.name(), part.processor(), part.tokens().keySet());
            following.handedBack(part.name());
        }
    }

    /**
     * Where the read of the store starts: the lowest position of the parts' tokens, with the gaps below it that any
     * of them still waits for; null, from the first event, when a segment has no token.
     */
    private static GapAwareTrackingToken lowest(List<Part> parts) {
        List<GapAwareTrackingToken> tokens = new ArrayList<>();
        for (Part part : parts) {
            for (TrackingToken token : part.tokens().values()) {
                if (token == null) {
                    return null;
                }
                tokens.add((GapAwareTrackingToken) token);
            }
        }
        long lowest = tokens.stream().mapToLong(GapAwareTrackingToken::getIndex).min().orElseThrow();
        Set<Long> gaps = new TreeSet<>();
        tokens.forEach(token -> token.getGaps().stream().filter(gap -> gap <= lowest).forEach(gaps::add));
        return GapAwareTrackingToken.newInstance(lowest, gaps);
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
    private List<IndexedAfterBulkRebuild> indexedAfter(List<Part> parts) {
        List<IndexedAfterBulkRebuild> projections = new ArrayList<>();
        for (EventMessageHandler handler : parts.stream()
                .flatMap(part -> part.handlers().stream()).toList()) {
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
     * Whether some handler of the run handles events of a stored payload type, or the type names no class known here
     * (an upcaster may make it one that is handled); remembered per type. The events of any other type are not read.
     */
    private Predicate<String> wantedType(List<EventMessageHandler> handlers) {
        Serializer serializer = configuration.eventSerializer();
        Map<String, Boolean> known = new ConcurrentHashMap<>();
        return type -> known.computeIfAbsent(type, stored -> {
            Class<?> payload = serializer.classForType(new SimpleSerializedType(stored, null));
            return UnknownSerializedType.class.equals(payload)
                    || handlers.stream().anyMatch(handler -> handler.canHandleType(payload));
        });
    }

    /**
     * @param everyToken whether every part's tokens are stored with the chunk, or only those of the parts that
     *                   handled one of its events
     * @param handled    collects the parts that handled one of its events
     */
    private ResultMessage<?> project(List<TrackedEventMessage<?>> chunk, List<Part> parts,
                                     Map<Part, Map<Integer, TrackingToken>> tokens, Map<Part, Boolean> filtering,
                                     boolean rebuild, boolean everyToken, Set<Part> handled) {
        Runnable storeTokens = () -> tokens.forEach((part, segments) -> {
            if (everyToken || handled.contains(part)) {
                segments.forEach((segment, token) -> tokenStore.storeToken(token, part.name(), segment));
            }
        });
        if (chunk.isEmpty()) {
            // Positions passed with nothing to hand over: only the tokens move.
            if (everyToken) {
                transactions.executeInTransaction(storeTokens);
            }
            return GenericResultMessage.asResultMessage((Object) null);
        }
        BatchingUnitOfWork<TrackedEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(chunk);
        unitOfWork.attachTransaction(transactions);
        BatchedWrites.bulkRebuildChunk(unitOfWork);
        StoredEvents.tokensExact(unitOfWork);
        unitOfWork.onPrepareCommit(u -> storeTokens.run());
        return unitOfWork.executeWithResult(() -> {
            TrackedEventMessage<?> event = (TrackedEventMessage<?>) CurrentUnitOfWork.get().getMessage();
            if (rebuild && event == chunk.get(0)) {
                // For the triggers, which can leave their work to the rebuild's end (DeferredByBulkRebuild).
                jdbc.sql("select set_config('quanli.bulk_rebuild', 'on', true)").query().singleValue();
            }
            for (Part part : parts) {
                if (parts.size() > 1) {
                    BatchedWrites.writingFor(unitOfWork, part.name());
                }
                if (part.handle(event, filtering.get(part))) {
                    handled.add(part);
                }
            }
            return null;
        });
    }

    /**
     * A processor's part of a bulk run: its handlers, grouped as its invoker groups them (each group with the
     * sequencing policy that assigns an event to a segment), and the token of each of its segments, moved on with
     * every chunk written.
     */
    private record Part(String name, PooledStreamingEventProcessor processor, List<Delegate> delegates,
                        Map<Integer, TrackingToken> tokens) {

        /** Every handler of the processor, as the rebuild calls it. */
        List<EventMessageHandler> handlers() {
            return delegates.stream().flatMap(delegate -> delegate.handlers().stream()).toList();
        }

        /**
         * Whether the next chunk's events must be told apart by segment: not while every segment stands where the
         * read stands (a rebuild's every chunk), since the read hands over only what lies beyond that.
         */
        boolean filtering(GapAwareTrackingToken readFrom) {
            return tokens.values().stream().anyMatch(token -> !Objects.equals(token, readFrom));
        }

        /** Whether every segment the event belongs to has passed it already. */
        boolean passed(TrackedEventMessage<?> event) {
            return delegates.stream().allMatch(delegate -> delegate.handled(event, tokens));
        }

        /**
         * @param filtering whether to leave out what the event's segment has handled already
         * @return whether a handler took the event
         */
        boolean handle(TrackedEventMessage<?> event, boolean filtering) throws Exception {
            boolean handled = false;
            for (Delegate delegate : delegates) {
                if (!filtering || !delegate.handled(event, tokens)) {
                    for (EventMessageHandler handler : delegate.handlers()) {
                        if (handler.canHandle(event)) {
                            handler.handle(event);
                            handled = true;
                        }
                    }
                }
            }
            return handled;
        }

        /** Each segment's token once a chunk reaching the given token is written. */
        Map<Integer, TrackingToken> advancedTo(GapAwareTrackingToken reached) {
            Map<Integer, TrackingToken> advanced = new TreeMap<>();
            tokens.forEach((segment, token) -> advanced.put(segment, BulkRebuild.advanced(token, reached)));
            return advanced;
        }
    }

    /** One group of a processor's handlers and the segments its sequencing policy divides the events into. */
    private record Delegate(SimpleEventHandlerInvoker invoker, List<EventMessageHandler> handlers,
                            Map<Integer, Segment> segments) {

        /** Whether the token of the segment the event belongs to covers it already. */
        boolean handled(TrackedEventMessage<?> event, Map<Integer, TrackingToken> tokens) {
            for (var segment : segments.entrySet()) {
                if (invoker.canHandle(event, segment.getValue())) {
                    return passed(tokens.get(segment.getKey()), event.trackingToken().position().orElseThrow());
                }
            }
            return true;
        }
    }

    /**
     * A segment's token once a chunk reaching {@code reached} is written: every position up to the chunk's end is
     * passed but the gaps still open there, and what the segment had passed beyond the chunk's end stays passed.
     */
    static TrackingToken advanced(TrackingToken from, GapAwareTrackingToken reached) {
        if (!(from instanceof GapAwareTrackingToken token)) {
            return reached;
        }
        Set<Long> gaps = new TreeSet<>();
        reached.getGaps().stream().filter(gap -> !passed(token, gap)).forEach(gaps::add);
        token.getGaps().stream().filter(gap -> gap > reached.getIndex()).forEach(gaps::add);
        return GapAwareTrackingToken.newInstance(Math.max(token.getIndex(), reached.getIndex()), gaps);
    }

    /**
     * Whether the token has passed the position: at or below its index and not one of its gaps. (Axon's
     * {@code covers} asks more of a token: that it hold every gap of the other below its index.)
     */
    static boolean passed(TrackingToken token, long position) {
        return token instanceof GapAwareTrackingToken gapAware
                && position <= gapAware.getIndex() && !gapAware.getGaps().contains(position);
    }

    private Part part(String name, PooledStreamingEventProcessor processor, Map<Integer, TrackingToken> tokens) {
        runs.holding(name, tokens.keySet());
        int[] ids = tokens.keySet().stream().mapToInt(Integer::intValue).toArray();
        Map<Integer, Segment> segments = new TreeMap<>();
        for (int id : ids) {
            segments.put(id, Segment.computeSegment(id, ids));
        }
        List<Delegate> delegates = new ArrayList<>();
        collect(processor.eventHandlerInvoker(), segments, delegates);
        return new Part(name, processor, delegates, new TreeMap<>(tokens));
    }

    private void collect(EventHandlerInvoker invoker, Map<Integer, Segment> segments, List<Delegate> delegates) {
        if (invoker instanceof MultiEventHandlerInvoker multi) {
            multi.delegates().forEach(delegate -> collect(delegate, segments, delegates));
        } else if (invoker instanceof SimpleEventHandlerInvoker simple) {
            delegates.add(new Delegate(simple, simple.eventHandlers().stream().map(this::plain).toList(), segments));
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
