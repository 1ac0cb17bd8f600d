package org.quanli.ops.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a phase's cost went: the JVM's CPU time by thread pool, and round trips by pool and statement text, taken
 * at the phase's start and end. Two phases that wrote about the same events are compared per event, so a report
 * can name the pools and statements that make one cost more than the other.
 */
final class Breakdown {

    private final Map<String, Long> cpuNanosByPool;
    private final Map<String, Long> roundTripsByPoolAndText;

    private Breakdown(Map<String, Long> cpuNanosByPool, Map<String, Long> roundTripsByPoolAndText) {
        this.cpuNanosByPool = cpuNanosByPool;
        this.roundTripsByPoolAndText = roundTripsByPoolAndText;
    }

    private static final Pattern NUMBERED_POOL = Pattern.compile("^pool-\\d+-");
    private static final Pattern THREAD_NUMBER = Pattern.compile("[-#]?\\d+$");
    /** Asked for every statement the application runs: each name's answer is kept, not matched again. */
    private static final Map<String, String> POOLS = new ConcurrentHashMap<>();

    /** A thread's pool: its name without the trailing number that tells the pool's threads apart. */
    static String pool(String threadName) {
        return POOLS.computeIfAbsent(threadName, name -> THREAD_NUMBER.matcher(
                NUMBERED_POOL.matcher(name).replaceFirst("pool-")).replaceFirst(""));
    }

    static Breakdown now(CountingDataSource counting) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> cpu = new HashMap<>();
        long javaThreads = 0;
        for (long id : threads.getAllThreadIds()) {
            long nanos = threads.getThreadCpuTime(id);
            var info = threads.getThreadInfo(id);
            if (nanos > 0 && info != null) {
                cpu.merge(pool(info.getThreadName()), nanos, Long::sum);
                javaThreads += nanos;
            }
        }
        long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        // The collector's and the compilers' threads are the JVM's own, not Java threads: read from /proc by name.
        long jvmOwn = 0;
        for (Map.Entry<String, Long> entry : jvmOwnThreadsCpuNanos().entrySet()) {
            cpu.put(entry.getKey(), entry.getValue());
            jvmOwn += entry.getValue();
        }
        cpu.put("(threads ended since the start, and the JVM's other own threads)", process - javaThreads - jvmOwn);
        Map<String, Long> roundTrips = new HashMap<>();
        for (Map.Entry<String, LongAdder> entry : counting.roundTripsByPoolAndText.entrySet()) {
            roundTrips.put(entry.getKey(), entry.getValue().sum());
        }
        return new Breakdown(cpu, roundTrips);
    }

    /** CPU time of the garbage collector's, the JIT compilers' and the VM thread, from Linux's per-thread stat. */
    private static Map<String, Long> jvmOwnThreadsCpuNanos() {
        Map<String, Long> cpu = new HashMap<>();
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return cpu;
        }
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : threads.toList()) {
                try {
                    String name = Files.readString(thread.resolve("comm")).trim();
                    String group = name.startsWith("GC Thread") || name.startsWith("G1 ") ? "garbage collection"
                            : name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler") ? "JIT compilers"
                            : name.equals("VM Thread") ? "VM thread" : null;
                    if (group != null) {
                        String stat = Files.readString(thread.resolve("stat"));
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        // utime and stime, fields 14 and 15 of stat, in clock ticks of 10 ms
                        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                        cpu.merge(group, ticks * 10_000_000L, Long::sum);
                    }
                } catch (IOException | RuntimeException ended) {
                    // the thread ended while being read
                }
            }
        } catch (IOException e) {
            return cpu;
        }
        return cpu;
    }

    /**
     * Rows of what {@code more} (from {@code moreStart}, over {@code moreEvents}) cost per event beyond {@code less};
     * the largest {@code top} differences of CPU by pool, then of round trips by pool and statement. A thread that
     * ended during a phase loses its CPU time from the figures.
     */
    static List<String> perEventDifference(Breakdown moreStart, Breakdown moreEnd, long moreEvents,
                                           Breakdown lessStart, Breakdown lessEnd, long lessEvents, int top) {
        List<String> rows = new ArrayList<>();
        differences(moreStart.cpuNanosByPool, moreEnd.cpuNanosByPool, moreEvents, lessStart.cpuNanosByPool,
                lessEnd.cpuNanosByPool, lessEvents).stream().limit(top).forEach(d -> rows.add(String.format(
                Locale.ROOT, "|   JVM CPU of %s | %+.3f ms/event |", d.key(), d.perEvent() / 1e6)));
        differences(moreStart.roundTripsByPoolAndText, moreEnd.roundTripsByPoolAndText, moreEvents,
                lessStart.roundTripsByPoolAndText, lessEnd.roundTripsByPoolAndText, lessEvents).stream().limit(top)
                .forEach(d -> rows.add(String.format(Locale.ROOT, "|   round trips of %s | %+.3f/event |",
                        d.key(), d.perEvent())));
        return rows;
    }

    /** Rows of what a phase cost per event: the largest {@code top} of CPU by pool, then of round trips. */
    static List<String> perEvent(Breakdown start, Breakdown end, long events, int top) {
        return perEventDifference(start, end, events, end, end, 1, top);
    }

    private record Difference(String key, double perEvent) {
    }

    private static List<Difference> differences(Map<String, Long> moreStart, Map<String, Long> moreEnd,
                                                long moreEvents, Map<String, Long> lessStart,
                                                Map<String, Long> lessEnd, long lessEvents) {
        Set<String> keys = new HashSet<>(moreEnd.keySet());
        keys.addAll(lessEnd.keySet());
        List<Difference> differences = new ArrayList<>();
        for (String key : keys) {
            double more = (moreEnd.getOrDefault(key, 0L) - moreStart.getOrDefault(key, 0L)) / (double) moreEvents;
            double less = (lessEnd.getOrDefault(key, 0L) - lessStart.getOrDefault(key, 0L)) / (double) lessEvents;
            differences.add(new Difference(key, more - less));
        }
        differences.sort((a, b) -> Double.compare(Math.abs(b.perEvent()), Math.abs(a.perEvent())));
        return differences;
    }
}
