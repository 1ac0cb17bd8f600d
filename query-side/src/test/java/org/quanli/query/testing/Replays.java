package org.quanli.query.testing;

import java.util.List;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.quanli.platform.projections.BulkRuns;
import org.springframework.beans.factory.ListableBeanFactory;

/**
 * Replays projections as an operator's replay does: taken from the run following them in bulk, their tokens reset
 * (their reset handlers empty their tables), their processors started; the follower takes them back afterwards.
 */
public final class Replays {

    private Replays() {
    }

    public static void replay(ListableBeanFactory beans, List<String> groups) {
        replay(beans, groups, () -> {
        });
    }

    /** @param afterReset runs once the tables are emptied, before any event is projected into them again */
    public static void replay(ListableBeanFactory beans, List<String> groups, Runnable afterReset) {
        EventProcessingConfiguration processing = beans.getBean(EventProcessingConfiguration.class);
        beans.getBean(BulkRuns.class).without(groups, () -> {
            List<StreamingEventProcessor> processors = groups.stream()
                    .map(group -> processing.eventProcessor(group, StreamingEventProcessor.class).orElseThrow())
                    .toList();
            processors.forEach(StreamingEventProcessor::shutDown);
            processors.forEach(StreamingEventProcessor::resetTokens);
            afterReset.run();
            processors.forEach(StreamingEventProcessor::start);
            return null;
        });
    }
}
