package org.quanli.platform.observability;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.monitoring.MessageMonitor;

/**
 * An event processor's counts, handling time and latency, its meters looked up once. Axon's own timer and counting
 * monitors find their meters in the registry again for every message, tagged by payload type: on a processor that
 * sees every event of the store (most of them to ignore) that lookup was one eighth of the processor's CPU. Per
 * processor, not per payload type, is what an operator watches; the per-type view belongs to the command bus.
 *
 * <p>The latency is the time from the last event's recording to the processor taking it in, in seconds. Axon's latency
 * monitor registered its gauge again and parsed the event's recorded time for every event offered to every processor
 * (each processor its own copy of the event); here the event is kept and its time read when the gauge is scraped.
 */
final class ProcessorMessageMonitor implements MessageMonitor<EventMessage<?>> {

    private final Counter succeeded;
    private final Counter failed;
    private final Counter ignored;
    private final Timer handling;
    private final Clock clock;
    private final AtomicReference<Ingested> last = new AtomicReference<>();

    /** An event taken in, and when, by the registry's clock. */
    private record Ingested(EventMessage<?> event, long atMillis) {

        double latencySeconds() {
            return (atMillis - event.getTimestamp().toEpochMilli()) / 1000.0;
        }
    }

    ProcessorMessageMonitor(String processorName, MeterRegistry registry) {
        clock = registry.config().clock();
        Tags tags = Tags.of("processorName", processorName);
        succeeded = Counter.builder("eventProcessor.successCounter").tags(tags).register(registry);
        failed = Counter.builder("eventProcessor.failureCounter").tags(tags).register(registry);
        ignored = Counter.builder("eventProcessor.ignoredCounter").tags(tags).register(registry);
        handling = Timer.builder("eventProcessor.handlingTimer").tags(tags)
                .description("time to handle an event the processor handles (not one it ignores)")
                .register(registry);
        Gauge.builder("eventProcessor.latency", last, taken -> {
                    Ingested ingested = taken.get();
                    return ingested == null ? 0 : ingested.latencySeconds();
                })
                .tags(tags).baseUnit("seconds")
                .description("time from the recording of the last event taken in to its taking in")
                .register(registry);
    }

    @Override
    public MonitorCallback onMessageIngested(EventMessage<?> message) {
        last.set(new Ingested(message, clock.wallTime()));
        long start = System.nanoTime();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                succeeded.increment();
                handling.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }

            @Override
            public void reportFailure(Throwable cause) {
                failed.increment();
                handling.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }

            @Override
            public void reportIgnored() {
                ignored.increment();
            }
        };
    }
}
