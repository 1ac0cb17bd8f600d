package org.quanli.platform.integrity;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs a task on its own thread with a fixed delay between runs, from the application's start until it stops (before
 * the datasource closes). A failed run is logged and the next one comes as planned.
 */
class PeriodicTask implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

    private final String name;
    private final Duration initialDelay;
    private final Duration delay;
    private final Runnable task;
    private ScheduledExecutorService executor;

    PeriodicTask(String name, Duration initialDelay, Duration delay, Runnable task) {
        this.name = name;
        this.initialDelay = initialDelay;
        this.delay = delay;
        this.task = task;
    }

    private void runOnce() {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.error("{} failed; it runs again in {}", name, delay, e);
        }
    }

    @Override
    public synchronized void start() {
        if (executor == null && delay.toMillis() > 0) {
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, name);
                thread.setDaemon(true);
                return thread;
            });
            executor.scheduleWithFixedDelay(this::runOnce, initialDelay.toMillis(), delay.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    @Override
    public int getPhase() {
        // Starts after Axon and the datasource, stops before them.
        return Integer.MAX_VALUE - 10;
    }
}
