package org.quanli.platform.observability;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.micrometer.TagsUtil;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.tracing.SpanFactory;
import org.quanli.platform.projections.ProjectionStatuses;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Metrics, traces and log context (README, "Operations"). Axon's meters go to Spring Boot's registry (scraped at
 * {@code /actuator/prometheus}): Axon's own auto-configuration of them targets Spring Boot 3's class names and would
 * make a registry of its own, so it is left out (platform defaults) and wired here. Axon's spans go to Micrometer
 * Tracing ({@link MicrometerSpanFactory}); log lines carry the conversation and the user ({@link LogContext}).
 */
@Configuration(proxyBeanMethods = false)
public class ObservabilityConfiguration {

    @Bean
    GlobalMetricRegistry axonMetricRegistry(MeterRegistry registry) {
        return new GlobalMetricRegistry(registry);
    }

    /**
     * Per command and query: Axon's counts and processing time, tagged by type. Per event processor: its latency,
     * counts and handling time ({@link ProcessorMessageMonitor}), tagged by processor only, since a processor is
     * offered every event of the store.
     *
     * <p>No capacity gauges: Axon's {@code CapacityMonitor} keeps every message's measurement for ten minutes, so the
     * heap grows with the rate of messages (at a thousand events a second, about seven million entries across the
     * processors). A handler's share of busy time is the rate of its timer's sum, e.g.
     * {@code rate(eventProcessor_handlingTimer_seconds_sum[1m])}, which costs no memory per message.
     */
    @Bean
    ConfigurerModule axonMetrics(GlobalMetricRegistry axonMetricRegistry) {
        MeterRegistry registry = axonMetricRegistry.getRegistry();
        return configurer -> configurer.configureMessageMonitor(configuration -> (componentType, componentName) -> {
            if (EventProcessor.class.isAssignableFrom(componentType)) {
                return anyMessage(new ProcessorMessageMonitor(componentName, registry));
            }
            if (CommandBus.class.isAssignableFrom(componentType) || QueryBus.class.isAssignableFrom(componentType)
                    || QueryUpdateEmitter.class.isAssignableFrom(componentType)) {
                return anyMessage(new MultiMessageMonitor<>(List.of(
                        MessageTimerMonitor.buildMonitor(componentName, registry,
                                TagsUtil.PAYLOAD_TYPE_TAGGER_FUNCTION),
                        MessageCountingMonitor.buildMonitor(componentName, registry,
                                TagsUtil.PAYLOAD_TYPE_TAGGER_FUNCTION))));
            }
            return anyMessage(axonMetricRegistry.registerComponentWithDefaultTags(componentType, componentName));
        });
    }

    /** Axon asks for a monitor of any message and offers each component only the messages it handles. */
    @SuppressWarnings("unchecked")
    private static MessageMonitor<Message<?>> anyMessage(MessageMonitor<?> monitor) {
        return (MessageMonitor<Message<?>>) monitor;
    }

    @Bean
    SpanFactory axonSpanFactory(Tracer tracer, Propagator propagator) {
        return new MicrometerSpanFactory(tracer, propagator);
    }

    @Bean
    MessageLogContext<CommandMessage<?>> commandLogContext() {
        return new MessageLogContext<>();
    }

    @Bean
    MessageLogContext<EventMessage<?>> eventLogContext() {
        return new MessageLogContext<>();
    }

    /** After Spring Security's filters (order -100), which establish the user. */
    @Bean
    FilterRegistrationBean<RequestLogContext> requestLogContext() {
        FilterRegistrationBean<RequestLogContext> registration = new FilterRegistrationBean<>(new RequestLogContext());
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 100);
        return registration;
    }

    @Bean
    ProjectionMeters projectionMeters(ProjectionStatuses statuses, MeterRegistry registry, Clock clock) {
        return new ProjectionMeters(statuses, registry, clock);
    }

    /** 1 while the database answers, 0 when it does not. */
    @Bean
    MeterBinder databaseMeter(JdbcClient jdbc) {
        return registry -> Gauge.builder("quanli.database.up", jdbc, ObservabilityConfiguration::databaseUp)
                .description("1 while the database answers a query").register(registry);
    }

    private static double databaseUp(JdbcClient jdbc) {
        try {
            return jdbc.sql("select 1").query(Integer.class).single() == 1 ? 1 : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
