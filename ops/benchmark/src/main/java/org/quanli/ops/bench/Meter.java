package org.quanli.ops.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import com.sun.management.OperatingSystemMXBean;

/**
 * Runs one command path at a number of clients and prints it next to raw PostgreSQL's insert rate at the same
 * number, measured just before: the ratio, and what does not depend on the machine's load — statements and round
 * trips per command on the command path and in the whole application, and CPU milliseconds per command (the threads
 * that handle the commands, the whole JVM with its projections, and PostgreSQL).
 */
final class Meter {

    static final String HEADER = "| path | clients | ledger cmd/s | raw insert TPS | ratio | statements / round trips "
            + "per command (command path) | statements per command (all threads) | CPU ms per command: command "
            + "threads / JVM / PostgreSQL | latency p50 / p99 ms |";
    static final String RULE = "|---|---|---|---|---|---|---|---|---|";

    interface Work {
        long run(int i) throws Exception;
    }

    private final CountingDataSource counting;
    private final RawInsertAnchor raw;
    private final PostgresCpu postgresCpu;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final OperatingSystemMXBean os =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    Meter(CountingDataSource counting, RawInsertAnchor raw, PostgresCpu postgresCpu) {
        this.counting = counting;
        this.raw = raw;
        this.postgresCpu = postgresCpu;
    }

    /**
     * Measures raw inserts at {@code clients}, then {@code units} units of {@code work} (each {@code commandsPerUnit}
     * commands, returning its mean command latency) on as many client threads; returns the table row. With
     * {@code breakdown} given, the statements of the command path per command, by text, are added to it.
     */
    String measure(String what, int clients, int units, int commandsPerUnit, Work work, List<String> breakdown)
            throws Exception {
        double rawTps = raw.transactionsPerSecond(clients);
        counting.commandStatementsByText.clear();
        long statements = counting.commandStatements.sum();
        long roundTrips = counting.commandRoundTrips.sum();
        long allStatements = counting.allStatements.sum();
        long commandThreadCpu = commandPathCpuNanos();
        long processCpu = os.getProcessCpuTime();
        long databaseCpu = postgresCpu.millis();

        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients,
                runnable -> new Thread(runnable, "bench-client-" + threadNumber.incrementAndGet()));
        long started = System.nanoTime();
        List<Future<Long>> futures = new ArrayList<>(units);
        for (int i = 0; i < units; i++) {
            int n = i;
            futures.add(pool.submit(() -> work.run(n)));
        }
        long[] latencies = new long[units];
        for (int i = 0; i < units; i++) {
            latencies[i] = futures.get(i).get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        // Measured while the client threads still exist: their CPU time is lost once they end.
        long commandThreadCpuUsed = commandPathCpuNanos() - commandThreadCpu;
        pool.shutdown();
        double processCpuUsed = (os.getProcessCpuTime() - processCpu) / 1e6;
        long databaseCpuUsed = postgresCpu.millis() - databaseCpu;

        double commands = (double) units * commandsPerUnit;
        double rate = commands / seconds;
        Arrays.sort(latencies);
        String row = String.format(Locale.ROOT,
                "| %s | %d | %.0f | %.0f | %.2f | %.1f / %.1f | %.1f | %.2f / %.2f / %.2f | %.2f / %.2f |",
                what, clients, rate, rawTps, rate / rawTps,
                (counting.commandStatements.sum() - statements) / commands,
                (counting.commandRoundTrips.sum() - roundTrips) / commands,
                (counting.allStatements.sum() - allStatements) / commands,
                commandThreadCpuUsed / 1e6 / commands, processCpuUsed / commands, databaseCpuUsed / commands,
                latencies[units / 2] / 1e6, latencies[Math.min(units - 1, (int) (units * 0.99))] / 1e6);
        if (breakdown != null) {
            breakdown.add("Statements per command of \"" + what + "\" on the command path, " + clients + " client(s):");
            counting.commandStatementsByText.entrySet().stream()
                    .sorted(Comparator.comparingLong((Map.Entry<String, LongAdder> e) -> e.getValue().sum()).reversed())
                    .forEach(e -> breakdown.add(String.format(Locale.ROOT, "  %6.2f  %s", e.getValue().sum() / commands,
                            e.getKey())));
            breakdown.add("");
        }
        return row;
    }

    /** CPU time of the threads living now that are on the command path (clients, HTTP request threads). */
    private long commandPathCpuNanos() {
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && CountingDataSource.COMMAND_PATH.test(info.getThreadName())) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                total += Math.max(cpu, 0);
            }
        }
        return total;
    }
}
