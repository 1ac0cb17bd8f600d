package org.quanli.platform.projections;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.quanli.platform.projections.ProjectionStatuses.ProjectionStatus;
import org.quanli.platform.projections.ProjectionStatuses.SegmentStatus;
import org.quanli.platform.storage.AxonStorageConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Has this node's projections follow the store in bulk ({@link BulkRebuild#follow}) rather than each processor
 * event by event: one read of the store for all of them, each event decoded once, a chunk of whatever was appended
 * since the last look projected in one transaction with every token. Its first chunks are the catch-up of a node that
 * was down. The pooled processors stay what a projection falls back on: a projection that cannot take a chunk the
 * others take, or whose parked sequence the chunk goes on, is handed to its processor, which goes on event by event
 * and parks what it cannot handle, while the run goes on with the others; the follower takes the projection back once
 * its processor has passed the head as it stood then. A chunk none of them can take ends the run the same way for
 * all of them.
 *
 * <p>It takes a projection only where no other node holds one of its segments: with several nodes, each projection
 * is followed by the node that held it first, and another node's processors wait for its claims as they wait for any
 * other node's. Nodes started together can split a projection's segments between their processors, and then neither
 * could follow it: the node that does not hold the lowest claimed segment stops its processor ({@link #yieldSplit}),
 * the other's processor claims the rest and its follower takes the projection. Should that node go, the segments fall
 * free after the claim timeout and this node's follower takes them. An operator's replay or rebuild, and anything
 * else that must have a projection's processor to itself, takes it from the follower through {@link BulkRuns}.
 */
@Component
public class BulkFollower implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BulkFollower.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(2);

    private final BulkRebuild bulk;
    private final EventProcessingConfiguration processing;
    private final BulkRuns runs;
    private final ProjectionStatuses statuses;
    private final boolean enabled;
    private final Duration poll;
    private final Duration recheck;

    /** The projections of the run under way; guarded by this. */
    private List<String> following = List.of();
    /** Whether a projection may have become free to follow since the last look; guarded by this. */
    private boolean freed;
    private volatile boolean open;
    private Thread thread;

    public BulkFollower(BulkRebuild bulk, EventProcessingConfiguration processing, BulkRuns runs,
                        ProjectionStatuses statuses,
                        @Value("${quanli.projections.follow-in-bulk:true}") boolean enabled,
                        @Value("${quanli.projections.follow-poll:PT0.05S}") Duration poll,
                        @Value("${quanli.projections.follow-recheck:PT5S}") Duration recheck) {
        this.bulk = bulk;
        this.processing = processing;
        this.runs = runs;
        this.statuses = statuses;
        this.enabled = enabled;
        this.poll = poll;
        this.recheck = recheck;
        runs.whenFreed(this::freed);
    }

    private synchronized void freed() {
        freed = true;
        notifyAll();
    }

    @EventListener(ApplicationReadyEvent.class)
    synchronized void atStart() {
        if (!enabled || !open || thread != null
                || statuses.streamingProcessorsHere().stream().noneMatch(bulk::supports)) {
            return;
        }
        thread = new Thread(this::loop, "projection-bulk-follower");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void start() {
        open = true;
    }

    /** Ends the run under way after its chunk, releasing its claims; the processors stay stopped. */
    @Override
    public void stop() {
        Thread running;
        synchronized (this) {
            open = false;
            notifyAll();
            running = thread;
            thread = null;
        }
        if (running != null) {
            try {
                // A chunk still running after this rolls back with its tokens when the node's database connections
                // close; a run blocked on a database going down with the node is left to its claims' timeout (the
                // thread is a daemon).
                running.join(STOP_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return open;
    }

    /** The projections this node follows in bulk now: their processors stopped, their segments claimed. */
    public List<String> following() {
        List<String> names;
        synchronized (this) {
            names = following;
        }
        return names.stream().filter(name -> !runs.segmentsHeld(name).isEmpty()).toList();
    }

    private void loop() {
        while (open) {
            try {
                List<ProjectionStatus> all = statuses.all();
                yieldSplit(all);
                List<String> names = adoptable(all);
                if (names.isEmpty()) {
                    pause(recheck);
                    continue;
                }
                synchronized (this) {
                    following = names;
                }
                BulkRebuild.Outcome outcome;
                try {
                    outcome = bulk.follow(names, new Rechecked(names));
                } finally {
                    synchronized (this) {
                        following = List.of();
                        notifyAll();
                    }
                }
                if (outcome.stoppedBy() != null && open) {
                    long head = statuses.head();
                    log.warn("Following {} in bulk stopped at position {}: {}; their processors go on event by event"
                            + " to position {} at least", names, outcome.position(), outcome.stoppedBy(), head);
                    while (open && statuses.lowestPosition(Set.copyOf(names)) < head) {
                        pause(recheck);
                    }
                }
            } catch (RuntimeException e) {
                log.warn("Following projections in bulk failed, their processors follow event by event: {}",
                        e.toString());
                pause(recheck);
            }
        }
    }

    /**
     * The projections this node can follow in bulk: those it can rebuild in bulk whose every segment is claimed by
     * this node or by none, neither in another bulk run here nor wanted by anything else ({@link BulkRuns#free}).
     * Claimed by this node means by its owner name: a processor just started or let go may hold a claim it does not
     * report yet or any more, and taking the projection from it then would end the run for every projection.
     */
    private List<String> adoptable(List<ProjectionStatus> all) {
        List<String> current;
        synchronized (this) {
            current = following;
        }
        return all.stream()
                .filter(status -> !status.segments().isEmpty())
                .filter(status -> status.segments().stream().allMatch(segment -> segment.claimedHere()
                        || !segment.claimed() || AxonStorageConfiguration.NODE_ID.equals(segment.owner())))
                .map(ProjectionStatus::name)
                .filter(name -> bulk.supports(name) && (current.contains(name) || runs.free(name)))
                .toList();
    }

    /**
     * Stops this node's processor of every projection it could follow whose segments it shares with another node that
     * holds the lowest claimed one: that node's processor then claims them all, and its follower takes the projection.
     * One rule on every node, so two nodes never both give way.
     */
    private void yieldSplit(List<ProjectionStatus> all) {
        for (ProjectionStatus status : all) {
            SegmentStatus lowest = status.segments().stream().filter(SegmentStatus::claimed).findFirst().orElse(null);
            // By owner, not by what this node's processor reports: a segment it has just claimed, or is letting go,
            // may not be among its work yet, or any more.
            if (lowest == null || AxonStorageConfiguration.NODE_ID.equals(lowest.owner())
                    || status.segmentsClaimedHere().isEmpty() || status.inBulkRun() || !bulk.supports(status.name())) {
                continue;
            }
            processing.eventProcessor(status.name(), StreamingEventProcessor.class).ifPresent(processor -> {
                log.info("{}: segment {} is claimed by {}, segments {} here; stopping the processor here so that one"
                                + " node follows it in bulk", status.name(), lowest.segment(), lowest.owner(),
                        status.segmentsClaimedHere().stream().map(SegmentStatus::segment).toList());
                processor.shutDown();
            });
        }
    }

    private synchronized void pause(Duration duration) {
        try {
            if (open && !freed) {
                wait(duration.toMillis());
            }
            freed = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            open = false;
        }
    }

    /**
     * Keeps a run going while the node is open and the projections this node can follow are still the run's (looked
     * at again every {@code recheck}); the run itself ends when one of them is wanted elsewhere.
     */
    private final class Rechecked implements BulkRebuild.Following {

        private final List<String> names;
        /** The projections the run went on without, with the head of the store when it did. */
        private final Map<String, Long> handedBack = new HashMap<>();
        private long checked = System.nanoTime();

        Rechecked(List<String> names) {
            this.names = names;
        }

        @Override
        public boolean handsBack() {
            return open;
        }

        @Override
        public void handedBack(String projection) {
            handedBack.put(projection, statuses.head());
        }

        /** Whether a projection the run went on without has been brought past the head by its processor. */
        private boolean takeBack() {
            return handedBack.entrySet().stream()
                    .anyMatch(left -> statuses.lowestPosition(Set.of(left.getKey())) >= left.getValue());
        }

        @Override
        public boolean goOn(boolean atHead) throws InterruptedException {
            boolean look;
            synchronized (BulkFollower.this) {
                if (atHead && open && !freed) {
                    BulkFollower.this.wait(poll.toMillis());
                }
                if (!open) {
                    return false;
                }
                look = freed;
                freed = false;
            }
            if (!look && System.nanoTime() - checked < recheck.toNanos()) {
                return true;
            }
            checked = System.nanoTime();
            List<ProjectionStatus> all = statuses.all();
            yieldSplit(all);
            // A run that went on without a projection ends once its processor has passed the head as it stood then;
            // the next run takes it back.
            return adoptable(all).equals(names) && !takeBack();
        }
    }
}
