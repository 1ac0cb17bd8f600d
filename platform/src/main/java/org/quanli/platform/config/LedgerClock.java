package org.quanli.platform.config;

import java.time.Clock;

import org.quanli.kernel.calendar.ChinaTime;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one source of the current time for everything the ledger decides or records by it: "today" for the rules
 * that refuse dates in the future and for default reading dates, when supervision deadlines fall, when import jobs
 * and projection segments were last seen, when tokens and checkpoints are issued. It is the system clock in Beijing
 * time; a test that must let days pass gives the application a {@code @Primary} clock of its own. Event timestamps
 * (the time an event was recorded) stay Axon's own, the real time of recording.
 */
@Configuration(proxyBeanMethods = false)
public class LedgerClock {

    @Bean
    Clock clock() {
        return Clock.system(ChinaTime.ZONE);
    }
}
