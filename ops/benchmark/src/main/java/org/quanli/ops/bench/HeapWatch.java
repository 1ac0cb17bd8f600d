package org.quanli.ops.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a phase keeps alive on the heap while it runs: every {@code period} a full collection, then the heap in use.
 * The collector's own figures after its young collections would not do: with G1 they include old garbage that only
 * a later cycle frees, and climb with any work. Memory is flat when these samples do not climb with the work done:
 * the highest stays near the first and the last. The forced collections cost time, so a phase watched this way is
 * not the one its speed is read from.
 */
final class HeapWatch implements AutoCloseable {

    private final List<Long> samples = new ArrayList<>();
    private final long periodMillis;
    private final Thread sampler;
    private volatile boolean running = true;

    HeapWatch(long periodMillis) {
        this.periodMillis = periodMillis;
        samples.add(liveHeap());
        sampler = new Thread(() -> {
            while (running) {
                try {
                    Thread.sleep(periodMillis);
                } catch (InterruptedException e) {
                    return;
                }
                long live = liveHeap();
                synchronized (samples) {
                    samples.add(live);
                }
            }
        }, "bench-heap-watch");
        sampler.setDaemon(true);
        sampler.start();
    }

    private static long liveHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Stops sampling, takes a last sample and says "n samples … first / highest / last MiB". */
    String summary() {
        close();
        long last = liveHeap();
        synchronized (samples) {
            samples.add(last);
            long highest = samples.stream().mapToLong(Long::longValue).max().orElseThrow();
            return String.format(Locale.ROOT, "heap in use after a full collection every %d ms, %d samples: "
                            + "at the start %d / highest %d / at the end %d MiB", periodMillis, samples.size(),
                    samples.get(0) >> 20, highest >> 20, last >> 20);
        }
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
