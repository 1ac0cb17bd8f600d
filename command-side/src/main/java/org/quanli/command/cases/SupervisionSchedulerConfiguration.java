package org.quanli.command.cases;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The db-scheduler instance behind Axon's {@code DbSchedulerDeadlineManager} (AxonDbSchedulerAutoConfiguration
 * supplies the deadline manager and its task once a {@link Scheduler} bean exists): deadlines are rows of
 * {@code scheduled_tasks} in the command side's PostgreSQL, so they survive a restart and are shared by command-side
 * nodes. The scheduler starts when the application is ready (Axon's handlers are up by then) and stops before the
 * data source closes. It reads the time from the ledger's clock, as the deadlines it runs were scheduled by it.
 */
@Configuration(proxyBeanMethods = false)
class SupervisionSchedulerConfiguration {

    /**
     * A due deadline is run by whichever node polls first ({@code polling-interval}); the node marks its row picked,
     * and renews the mark every {@code heartbeat-interval} while it runs it. A row whose mark has gone stale for
     * {@code missed-heartbeats} intervals belongs to a node that died running it, and another node runs it again
     * (the case's deadline handlers check their own state, so a second run adds nothing).
     */
    @Bean
    Scheduler dbScheduler(DataSource dataSource, List<Task<?>> tasks,
                          @Value("${quanli.supervision.polling-interval:PT10S}") Duration pollingInterval,
                          @Value("${quanli.supervision.heartbeat-interval:PT30S}") Duration heartbeatInterval,
                          @Value("${quanli.supervision.missed-heartbeats:4}") int missedHeartbeats,
                          Clock clock) {
        return Scheduler.create(dataSource, tasks)
                .tableName("scheduled_tasks")
                // What is due, and when a node's heartbeat is stale, by the ledger's clock.
                .clock(clock::instant)
                .pollingInterval(pollingInterval)
                .heartbeatInterval(heartbeatInterval)
                .missedHeartbeatsLimit(missedHeartbeats)
                .threads(2)
                .build();
    }

    @Bean
    SchedulerRunner dbSchedulerRunner(Scheduler scheduler) {
        return new SchedulerRunner(scheduler);
    }

    /** Starts the scheduler on readiness; as a lifecycle, stops it first when the context closes. */
    static final class SchedulerRunner implements ApplicationListener<ApplicationReadyEvent>, SmartLifecycle {

        private final Scheduler scheduler;
        private volatile boolean running;

        SchedulerRunner(Scheduler scheduler) {
            this.scheduler = scheduler;
        }

        @Override
        public void onApplicationEvent(ApplicationReadyEvent event) {
            synchronized (this) {
                if (!running) {
                    scheduler.start();
                    running = true;
                }
            }
        }

        @Override
        public boolean isAutoStartup() {
            return false;
        }

        @Override
        public void start() {
            // Started on readiness instead: deadlines must not fire before the handlers are there.
        }

        @Override
        public synchronized void stop() {
            if (running) {
                scheduler.stop();
                running = false;
            }
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public int getPhase() {
            return Integer.MAX_VALUE;
        }
    }
}
