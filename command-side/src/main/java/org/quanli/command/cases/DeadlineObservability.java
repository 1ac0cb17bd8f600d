package org.quanli.command.cases;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.quanli.platform.observability.MessageLogContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The supervision deadlines as an operator sees them: how many are scheduled, how many are more than a minute past
 * their time without having fired (the scheduler polls every few seconds, so any such deadline means it is not
 * running), and each firing, counted and logged once at INFO with the case's correlation id and actor.
 */
@Configuration(proxyBeanMethods = false)
class DeadlineObservability {

    private static final Logger log = LoggerFactory.getLogger(DeadlineObservability.class);

    @Bean
    MeterBinder deadlineMeters(JdbcClient jdbc) {
        return registry -> {
            Gauge.builder("quanli.deadlines.scheduled", jdbc, db -> count(db, "select count(*) from scheduled_tasks"))
                    .description("Deadlines scheduled and not yet fired").register(registry);
            Gauge.builder("quanli.deadlines.overdue", jdbc, db -> count(db, "select count(*) from scheduled_tasks "
                            + "where execution_time < now() - interval '1 minute'"))
                    .description("Deadlines more than a minute past their time, not fired").register(registry);
        };
    }

    @Bean
    InitializingBean deadlineHandling(DeadlineManager deadlines, MeterRegistry meters) {
        MessageHandlerInterceptor<DeadlineMessage<?>> fired = (unitOfWork, chain) -> {
            String name = unitOfWork.getMessage().getDeadlineName();
            log.info("deadline {} fired (due {})", name, unitOfWork.getMessage().getTimestamp());
            Counter.builder("quanli.deadlines.fired").tag("deadline", name).description("Deadlines fired")
                    .register(meters).increment();
            return chain.proceed();
        };
        return () -> {
            deadlines.registerHandlerInterceptor(new MessageLogContext<>());
            deadlines.registerHandlerInterceptor(fired);
        };
    }

    private static double count(JdbcClient jdbc, String sql) {
        try {
            return jdbc.sql(sql).query(Long.class).single();
        } catch (RuntimeException e) {
            // No database: quanli_database_up says so.
            return Double.NaN;
        }
    }
}
