package org.quanli.platform.observability;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessorMessageMonitorTest {

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final ProcessorMessageMonitor monitor = new ProcessorMessageMonitor("case-view", registry);

    private static EventMessage<String> recordedAt(Instant time) {
        return new GenericEventMessage<>(UUID.randomUUID().toString(), "事件", Map.of(), time);
    }

    private double latency() {
        return registry.get("eventProcessor.latency").tag("processorName", "case-view").gauge().value();
    }

    @Test
    void theLatencyIsTheTimeFromTheLastEventsRecordingToItsTakingInInSeconds() {
        assertThat(latency()).isZero();
        Instant now = Instant.ofEpochMilli(clock.wallTime());

        monitor.onMessageIngested(recordedAt(now.minusMillis(2_500))).reportSuccess();
        assertThat(latency()).isEqualTo(2.5);

        monitor.onMessageIngested(recordedAt(now.minusMillis(300))).reportIgnored();
        assertThat(latency()).isEqualTo(0.3);

        // Read at the scrape, it stays what it was when the event was taken in.
        clock.add(Duration.ofSeconds(60));
        assertThat(latency()).isEqualTo(0.3);
        assertThat(registry.get("eventProcessor.latency").gauge().getId().getBaseUnit()).isEqualTo("seconds");
    }

    @Test
    void eachEventIsCountedByHowItEndedAndOnlyThoseHandledAreTimed() {
        Instant now = Instant.ofEpochMilli(clock.wallTime());
        monitor.onMessageIngested(recordedAt(now)).reportSuccess();
        monitor.onMessageIngested(recordedAt(now)).reportSuccess();
        monitor.onMessageIngested(recordedAt(now)).reportFailure(new IllegalStateException("坏"));
        monitor.onMessageIngested(recordedAt(now)).reportIgnored();

        assertThat(registry.get("eventProcessor.successCounter").counter().count()).isEqualTo(2);
        assertThat(registry.get("eventProcessor.failureCounter").counter().count()).isEqualTo(1);
        assertThat(registry.get("eventProcessor.ignoredCounter").counter().count()).isEqualTo(1);
        assertThat(registry.get("eventProcessor.handlingTimer").timer().count()).isEqualTo(3);
    }
}
