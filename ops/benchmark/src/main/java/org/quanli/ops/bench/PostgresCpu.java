package org.quanli.ops.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of the embedded PostgreSQL, read from Linux's {@code /proc}: the postmaster found by its data directory,
 * every process it started (backends, WAL writer, checkpointer) and the children it has already reaped. Zero where
 * there is no {@code /proc}. Clock ticks are taken as 10 ms ({@code getconf CLK_TCK} = 100 on Linux).
 */
final class PostgresCpu {

    private static final Path PROC = Path.of("/proc");
    private static final long MILLIS_PER_TICK = 10;

    private final String dataDirectory;

    PostgresCpu(Path dataDirectory) {
        this.dataDirectory = dataDirectory.toAbsolutePath().toString();
    }

    /** CPU milliseconds (user and system) used by the cluster so far. */
    long millis() {
        return millisByKind().values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * CPU milliseconds used so far by kind of process: the backends serving connections, each background process by
     * its title ({@code checkpointer}, {@code walwriter}, …), and the postmaster with the children it has reaped
     * (autovacuum workers, which come and go, among them).
     */
    Map<String, Long> millisByKind() {
        Map<String, Long> millis = new TreeMap<>();
        if (!Files.isDirectory(PROC)) {
            return millis;
        }
        long postmaster = postmaster();
        if (postmaster < 0) {
            return millis;
        }
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path process : processes) {
                String[] stat = stat(process);
                if (stat == null) {
                    continue;
                }
                long pid = Long.parseLong(process.getFileName().toString());
                if (pid == postmaster) {
                    // utime, stime, cutime, cstime: its own and its reaped children's.
                    millis.merge("postmaster and reaped children", MILLIS_PER_TICK * (Long.parseLong(stat[11])
                            + Long.parseLong(stat[12]) + Long.parseLong(stat[13]) + Long.parseLong(stat[14])),
                            Long::sum);
                } else if (Long.parseLong(stat[1]) == postmaster) {
                    millis.merge(kind(process), MILLIS_PER_TICK * (Long.parseLong(stat[11])
                            + Long.parseLong(stat[12])), Long::sum);
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return millis;
    }

    /** A child's kind from its process title, "postgres: checkpointer" or "postgres: user db host(port) idle". */
    private static String kind(Path process) {
        try {
            String title = new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ').trim();
            String what = title.startsWith("postgres: ") ? title.substring("postgres: ".length()) : title;
            for (String background : List.of("checkpointer", "background writer", "walwriter", "autovacuum launcher",
                    "autovacuum worker", "logical replication launcher")) {
                if (what.startsWith(background)) {
                    return background;
                }
            }
            return "backends";
        } catch (IOException e) {
            return "backends";
        }
    }

    private long postmaster() {
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path process : processes) {
                try {
                    String commandLine = new String(Files.readAllBytes(process.resolve("cmdline")),
                            StandardCharsets.UTF_8);
                    if (commandLine.contains("postgres") && commandLine.contains(dataDirectory)) {
                        return Long.parseLong(process.getFileName().toString());
                    }
                } catch (IOException e) {
                    // the process ended while the directory was read
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** The fields of /proc/pid/stat after the command name: [0] state, [1] ppid, … [11] utime, [12] stime. */
    private static String[] stat(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
