package org.quanli.command.powerlist;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * The process that passes a merged body's items on runs as a pooled streaming processor with its token in the
 * store, on one segment: mergers are then handled in the order they were recorded, so when a body's successor is
 * itself merged later, the items reach the first successor before its own merger passes them further.
 * <p>
 * It starts from the first event with a plain token: Axon's default first token on a store that already holds
 * events is a ReplayToken, which Axon 4.13 writes but cannot read back with the Jackson 3 serializer
 * (AxonFramework#4160, #4218). Running through history is harmless here: items already passed are skipped.
 */
@Configuration(proxyBeanMethods = false)
public class ItemSuccessionConfiguration {

    @Autowired
    void itemSuccessionProcess(EventProcessingConfigurer processing) {
        processing.registerPooledStreamingEventProcessor(ItemSuccession.PROCESSING_GROUP)
                .registerPooledStreamingEventProcessorConfiguration(ItemSuccession.PROCESSING_GROUP,
                        (configuration, builder) -> builder.initialSegmentCount(1).maxClaimedSegments(1).batchSize(1)
                                .initialToken(StreamableMessageSource::createTailToken));
    }
}
