package org.quanli.query.powerlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.quanli.platform.projections.BulkRuns;
import org.quanli.platform.storage.EventStoreHeadFollower;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The event store's shared reader stays at the tail while no processor follows it, so that a processor following
 * the tail again does not make it read, and hold, everything appended meanwhile in one pass.
 */
class EventStoreHeadFollowerTest extends ProjectionTestSupport {

    @Autowired
    EventStoreHeadFollower follower;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    BulkRuns runs;

    @Test
    void theTailIsFollowedWhileEveryProcessorIsStopped() {
        List<StreamingEventProcessor> processors = processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast).toList();
        assertThat(processors).isNotEmpty();
        // Taken from the bulk follower, which would otherwise follow the projections itself.
        runs.without(processors.stream().map(StreamingEventProcessor::getName).toList(), () -> {
            processors.forEach(processor -> processor.shutDown());
            try {
                events.jurisdiction("什邡市");
                events.jurisdiction("绵竹市");
                long head = jdbc.sql("select max(global_index) from domain_event_entry").query(Long.class).single();

                await().atMost(Duration.ofSeconds(30)).until(() -> follower.position() >= head);
                assertThat(follower.position()).isEqualTo(head);
            } finally {
                processors.forEach(StreamingEventProcessor::start);
            }
            return null;
        });
    }
}
