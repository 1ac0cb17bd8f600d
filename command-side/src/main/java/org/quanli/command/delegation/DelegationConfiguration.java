package org.quanli.command.delegation;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.quanli.kernel.delegation.DelegationEvent;
import org.quanli.kernel.delegation.PowerItemDelegationEvent;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * The delegation process streams events with its own token, shared among command-side nodes by segment claims; the
 * delegation lookup behind the acceptance check is subscribing, current in the appending transaction. The process
 * takes the events of one delegation in store order, whichever aggregate recorded them, so that carrying a decision
 * out and recalling it never run side by side. Being a process it handles one event per batch (see
 * {@code StreamingProcess}), whatever batch size the projections of the same application use.
 */
@Configuration(proxyBeanMethods = false)
class DelegationConfiguration {

    @Autowired
    void delegationProcess(EventProcessingConfigurer processing) {
        processing.registerPooledStreamingEventProcessor(DelegationProcess.PROCESSING_GROUP)
                .registerPooledStreamingEventProcessorConfiguration(DelegationProcess.PROCESSING_GROUP,
                        (configuration, builder) -> builder.batchSize(1));
        processing.registerSequencingPolicy(DelegationProcess.PROCESSING_GROUP,
                configuration -> DelegationConfiguration::sequenceOf);
        processing.registerSubscribingEventProcessor(JdbcAcceptanceAuthority.PROCESSING_GROUP);
    }

    /** A delegation's own events and its items' delegation events in one sequence; anything else by aggregate. */
    static Object sequenceOf(EventMessage<?> event) {
        Object payload = event.getPayload();
        if (payload instanceof PowerItemDelegationEvent delegationEvent) {
            return delegationEvent.delegationId();
        }
        if (payload instanceof DelegationEvent delegationEvent) {
            return delegationEvent.delegationId();
        }
        return SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
    }
}
