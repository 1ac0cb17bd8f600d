package org.quanli.testing;

import java.time.Clock;
import java.time.Instant;

import org.quanli.kernel.calendar.ChinaTime;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * "Now" for an application a test starts: a clock standing at one instant, given to the application as its primary
 * {@link Clock} bean in place of the system clock. Everything the ledger does by the time (today's date, when a
 * deadline is due, what db-scheduler finds due) then follows it; event timestamps stay the real time of recording.
 */
public final class FixedClock {

    private FixedClock() {
    }

    public static ApplicationContextInitializer<ConfigurableApplicationContext> at(Instant now) {
        Clock clock = Clock.fixed(now, ChinaTime.ZONE);
        return context -> ((BeanDefinitionRegistry) context.getBeanFactory()).registerBeanDefinition("fixedClock",
                BeanDefinitionBuilder.genericBeanDefinition(Clock.class, () -> clock).setPrimary(true)
                        .getBeanDefinition());
    }
}
