package org.quanli.platform.storage;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps the event store's shared reader at the tail. Axon's embedded event store reads the newest events once for
 * every processor that follows the tail, but only while one does. When none does (every processor stopped for a bulk
 * rebuild, or each on a stream of its own while it catches up), the reader stays where it was, and the first
 * processor to follow the tail again makes it read everything appended meanwhile in one pass, which it keeps in
 * memory until the pass ends: a million events appended meanwhile filled a heap of 1 GiB (ops/BENCHMARKS.md,
 * "a store of province size"). This follower is always at the tail and reads nothing but positions, so the reader
 * never has more to catch up than one poll finds. It runs where there is a streaming processor to serve.
 */
@Component
public class EventStoreHeadFollower implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventStoreHeadFollower.class);
    private static final Duration RETRY = Duration.ofSeconds(5);

    private final EventStore eventStore;
    private final EventProcessingConfiguration processing;
    private volatile boolean running;
    private volatile Thread thread;
    private volatile long position = -1;

    public EventStoreHeadFollower(EventStore eventStore, EventProcessingConfiguration processing) {
        this.eventStore = eventStore;
        this.processing = processing;
    }

    /** The position of the last event followed; -1 before the first. */
    public long position() {
        return position;
    }

    @Override
    public void start() {
        running = true;
        if (!(eventStore instanceof EmbeddedEventStore) || processing.eventProcessors().values().stream()
                .noneMatch(StreamingEventProcessor.class::isInstance)) {
            return;
        }
        thread = new Thread(this::follow, "event-store-head-follower");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow() {
        while (running) {
            try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(eventStore.createHeadToken())) {
                while (running) {
                    if (stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                        stream.nextAvailable().trackingToken().position().ifPresent(p -> position = p);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Following the tail of the event store failed; trying again in {}", RETRY, e);
                try {
                    Thread.sleep(RETRY.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        Thread following = thread;
        if (following != null) {
            following.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
