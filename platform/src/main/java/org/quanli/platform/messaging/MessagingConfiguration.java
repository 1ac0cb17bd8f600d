package org.quanli.platform.messaging;

import java.util.HashMap;
import java.util.Map;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.quanli.kernel.identity.Actor;
import org.quanli.platform.personal.PersonalDataModule;
import org.quanli.platform.personal.PersonalDataVault;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/**
 * What every message produced while handling another carries over: the actor who started it, the correlation id
 * of the whole conversation and the causation id (the message that directly caused this one).
 * Declaring these replaces Axon's default MessageOriginProvider, whose "correlationId" means the parent.
 */
@Configuration(proxyBeanMethods = false)
public class MessagingConfiguration {

    public static final String CORRELATION_ID = "correlationId";
    public static final String CAUSATION_ID = "causationId";

    /**
     * Axon 4.13.0's Jackson 3 serializer cannot read or write a ReplayToken (its {@code Object context} is refused by
     * Jackson 3's default polymorphic type validator: AxonFramework issue 4160, fixed after 4.13.0, which is the
     * newest version reachable here). Without this, every projection rebuild fails. Class-named types are allowed
     * for Axon's own classes only, never for arbitrary ones.
     * Personal data is encrypted here too ({@link PersonalDataModule}): Axon applies only the first customizer bean it
     * finds, so this is the only one.
     */
    @Bean
    Jackson3SerializerCustomizer axonSerialization(PersonalDataVault personalData) {
        return builder -> builder.polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder()
                        .allowIfSubType("org.axonframework.")
                        .build())
                .addModule(new PersonalDataModule(personalData));
    }

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
