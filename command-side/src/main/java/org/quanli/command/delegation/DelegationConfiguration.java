package org.quanli.command.delegation;

import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * The delegation process streams events with its own token, shared among command-side nodes by segment claims; the
 * delegation lookup behind the acceptance check is subscribing, current in the appending transaction.
 */
@Configuration(proxyBeanMethods = false)
class DelegationConfiguration {

    @Autowired
    void delegationProcess(EventProcessingConfigurer processing) {
        processing.registerPooledStreamingEventProcessor(DelegationProcess.PROCESSING_GROUP);
        processing.registerSubscribingEventProcessor(JdbcAcceptanceAuthority.PROCESSING_GROUP);
    }
}
