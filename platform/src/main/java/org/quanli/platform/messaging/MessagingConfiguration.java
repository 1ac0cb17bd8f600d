package org.quanli.platform.messaging;

import java.util.HashMap;
import java.util.Map;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.quanli.kernel.identity.Actor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What every message produced while handling another carries over: the actor who started it, the correlation id
 * of the whole conversation and the causation id (the message that directly caused this one).
 * Declaring these replaces Axon's default MessageOriginProvider, whose "correlationId" means the parent.
 */
@Configuration(proxyBeanMethods = false)
public class MessagingConfiguration {

    public static final String CORRELATION_ID = "correlationId";
    public static final String CAUSATION_ID = "causationId";

    @Bean
    CorrelationDataProvider actorCorrelation() {
        return new SimpleCorrelationDataProvider(Actor.USER_ID, Actor.NAME, Actor.ROLE, Actor.BODY);
    }

    @Bean
    CorrelationDataProvider causationCorrelation() {
        return MessagingConfiguration::correlationOf;
    }

    static Map<String, ?> correlationOf(Message<?> parent) {
        Map<String, Object> data = new HashMap<>();
        Object correlation = parent.getMetaData().get(CORRELATION_ID);
        data.put(CORRELATION_ID, correlation != null ? correlation : parent.getIdentifier());
        data.put(CAUSATION_ID, parent.getIdentifier());
        return data;
    }
}
