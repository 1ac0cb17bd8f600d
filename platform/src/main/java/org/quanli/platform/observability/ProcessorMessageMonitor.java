package org.quanli.platform.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.monitoring.MessageMonitor;

/**
 * An event processor's counts and handling time, its meters looked up once. Axon's own timer and counting monitors
 * find their meters in the registry again for every message, tagged by payload type: on a processor that sees every
 * event of the store (most of them to ignore) that lookup was one eighth of the processor's CPU. Per processor, not
 * per payload type, is what an operator watches; the per-type view belongs to the command bus.
 */
final class ProcessorMessageMonitor implements MessageMonitor<EventMessage<?>> {

    private final Counter succeeded;
    private final Counter failed;
    private final Counter ignored;
    private final Timer handling;

    ProcessorMessageMonitor(String processorName, MeterRegistry registry) {
        Tags tags = Tags.of("processorName", processorName);
        succeeded = Counter.builder("eventProcessor.successCounter").tags(tags).register(registry);
        failed = Counter.builder("eventProcessor.failureCounter").tags(tags).register(registry);
        ignored = Counter.builder("eventProcessor.ignoredCounter").tags(tags).register(registry);
        handling = Timer.builder("eventProcessor.handlingTimer").tags(tags)
                .description("time to handle an event the processor handles (not one it ignores)")
                .register(registry);
    }

    @Override
    public MonitorCallback onMessageIngested(EventMessage<?> message) {
        long start = System.nanoTime();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                succeeded.increment();
                handling.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
            }

            @Override
            public void reportFailure(Throwable cause) {
                failed.increment();
                handling.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
            }

            @Override
            public void reportIgnored() {
                ignored.increment();
            }
        };
    }
}
