package org.quanli.platformtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the ledger leaves its embedded PostgreSQL running on the data directory; the next start stops
 * that orphan and starts cleanly, the first time, with every committed row kept.
 */
class OrphanedPostmasterTest {

    @TempDir
    Path dir;

    private final List<Process> children = new ArrayList<>();
    private final List<Long> postmasters = new ArrayList<>();

    private Path dataDir() {
        return dir.resolve("postgres");
    }

    private Process launch(Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx192m", "-cp", System.getProperty("java.class.path"),
                EmbeddedDatabaseMain.class.getName(),
                "--quanli.embedded-db.data-dir=" + dataDir(), "--quanli.embedded-db.durable=true",
                "--logging.level.root=WARN")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        children.add(process);
        return process;
    }

    private static void awaitReady(Path log, Process process, long starts) {
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            String output = Files.readString(log);
            assertThat(process.isAlive()).as(output).isTrue();
            assertThat(output).contains("READY " + starts + " ");
        });
    }

    private long postmasterPid() throws IOException {
        long pid = Long.parseLong(Files.readAllLines(dataDir().resolve("postmaster.pid")).get(0).strip());
        postmasters.add(pid);
        return pid;
    }

    /** Running, not a zombie: a stopped postmaster whose parent was killed waits for whoever adopted it to reap it. */
    private static boolean alive(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException gone) {
            return false;
        }
    }

    @Test
    void afterTheLedgerIsKilledTheNextStartStopsTheOrphanedPostmasterAndStartsFirstTime() throws Exception {
        Path firstLog = dir.resolve("first.log");
        Process first = launch(firstLog);
        awaitReady(firstLog, first, 1);
        long orphan = postmasterPid();

        first.destroyForcibly();   // SIGKILL: no shutdown hook runs
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(alive(orphan)).as("the killed ledger's postmaster keeps running").isTrue();

        Path secondLog = dir.resolve("second.log");
        Process second = launch(secondLog);
        awaitReady(secondLog, second, 2);
        assertThat(alive(orphan)).isFalse();
        long current = postmasterPid();
        assertThat(current).isNotEqualTo(orphan);
        assertThat(Files.readString(secondLog)).doesNotContain("postmaster.pid\" already exists");

        second.destroy();   // SIGTERM: an orderly stop that takes the database down with it
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> !alive(current));
        assertThat(dataDir().resolve("postmaster.pid")).doesNotExist();
    }

    @AfterEach
    void leaveNoProcessBehind() {
        children.forEach(Process::destroyForcibly);
        postmasters.stream().map(ProcessHandle::of).flatMap(Optional::stream).forEach(ProcessHandle::destroy);
    }
}
