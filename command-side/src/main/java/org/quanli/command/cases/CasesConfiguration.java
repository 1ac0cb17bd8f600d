package org.quanli.command.cases;

import java.nio.file.Path;
import java.time.Clock;

import org.quanli.kernel.calendar.WorkingDayCalendar;
import org.quanli.kernel.cases.CaseClock;
import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The working-day calendar (bundled years plus the operator's directory {@code quanli.calendar.directory}) and the
 * clock and policy the case aggregate is given. The joint-approval process streams events with its own token (shared
 * among command-side nodes by segment claims, failures parked as dead letters); the joint-approval part lookup is
 * subscribing, current in the appending transaction.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CasePolicy.class, SupervisionSchedule.Settings.class, EvaluationPolicy.class})
class CasesConfiguration {

    @Bean
    WorkingDayCalendar workingDayCalendar(@Value("${quanli.calendar.directory:}") String directory) {
        return WorkingDayCalendar.load(directory.isBlank() ? null : Path.of(directory));
    }

    @Autowired
    void jointApprovalProcessing(EventProcessingConfigurer processing) {
        // A process: one event per batch (see StreamingProcess), whatever the projections of the same application use.
        processing.registerPooledStreamingEventProcessor(JointApprovalProcess.PROCESSING_GROUP)
                .registerPooledStreamingEventProcessorConfiguration(JointApprovalProcess.PROCESSING_GROUP,
                        (configuration, builder) -> builder.batchSize(1));
        processing.registerSubscribingEventProcessor(JdbcJointApprovalParts.PROCESSING_GROUP);
    }

    @Bean
    SupervisionSchedule supervisionSchedule(SupervisionSchedule.Settings settings, Clock clock) {
        return new SupervisionSchedule(settings, clock);
    }

    @Bean
    CaseClock caseClock(WorkingDayCalendar calendar) {
        return new CaseClock(calendar);
    }
}
