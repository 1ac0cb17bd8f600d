package org.quanli.command.cases;

import java.nio.file.Path;

import org.quanli.kernel.calendar.WorkingDayCalendar;
import org.quanli.kernel.cases.CaseClock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The working-day calendar (bundled years plus the operator's directory {@code quanli.calendar.directory}) and the
 * clock and policy the case aggregate is given.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CasePolicy.class, SupervisionSchedule.class, EvaluationPolicy.class})
class CasesConfiguration {

    @Bean
    WorkingDayCalendar workingDayCalendar(@Value("${quanli.calendar.directory:}") String directory) {
        return WorkingDayCalendar.load(directory.isBlank() ? null : Path.of(directory));
    }

    @Bean
    CaseClock caseClock(WorkingDayCalendar calendar) {
        return new CaseClock(calendar);
    }
}
