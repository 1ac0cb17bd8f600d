package org.quanli.platform.db;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.quanli.platform.security.OwnerOnlyFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares the embedded cluster's data directory each time before its postmaster starts (zonky runs this after
 * {@code initdb} and after taking its own lock on the directory, so no live ledger is using it):
 * <ul>
 * <li>a postmaster left running by a ledger that was killed ({@code kill -9}) is stopped with {@code pg_ctl stop -m
 * fast}; otherwise the start fails on its {@code postmaster.pid};</li>
 * <li>the superuser gets a generated password, set in single-user mode before any connection is possible and kept
 * in {@value #PASSWORD_FILE}, readable by the owner only;</li>
 * <li>{@code pg_hba.conf} allows password (SCRAM) logins from this machine only: initdb's {@code trust} made every
 * local process superuser over the event store.</li>
 * </ul>
 */
final class ClusterGuard implements Consumer<File> {

    static final String PASSWORD_FILE = "quanli-db-password";
    static final String SUPERUSER = "postgres";

    private static final Logger log = LoggerFactory.getLogger(ClusterGuard.class);
    private static final String HBA = """
            # Written by Quanli Ledger on every start: SCRAM password logins from this machine only.
            local   all   all                  scram-sha-256
            host    all   all   127.0.0.1/32   scram-sha-256
            host    all   all   ::1/128        scram-sha-256
            """;

    private final Path workingDirectory;
    private final String password;

    /**
     * @param workingDirectory where zonky unpacks its binaries (given to it as the override, so known here)
     * @param password         the password the cluster has, or is to be given when it has none yet
     */
    ClusterGuard(Path workingDirectory, String password) {
        this.workingDirectory = workingDirectory;
        this.password = password;
    }

    /** The password kept in this data directory, or a new one when it has none yet. */
    static String passwordFor(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve(PASSWORD_FILE);
        if (Files.exists(file)) {
            return OwnerOnlyFiles.read(file).strip();
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    @Override
    public void accept(File directory) {
        Path dataDirectory = directory.toPath().toAbsolutePath();
        try {
            stopOrphanedPostmaster(dataDirectory);
            Path passwordFile = dataDirectory.resolve(PASSWORD_FILE);
            if (!Files.exists(passwordFile)) {
                // Single-user mode reads the statement from stdin: the password never shows in a process list.
                run(List.of(bin("postgres"), "--single", "-D", dataDirectory.toString(), SUPERUSER),
                        "ALTER ROLE " + SUPERUSER + " PASSWORD '" + password + "';\n");
                OwnerOnlyFiles.create(passwordFile, password + "\n");
                log.info("Embedded PostgreSQL: superuser password generated, kept in {}", passwordFile);
            }
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), HBA, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    private void stopOrphanedPostmaster(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        } catch (RuntimeException e) {
            return;   // unreadable: PostgreSQL judges its own lock file
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return;   // PostgreSQL removes a lock file whose process is gone
        }
        if (!isPostmasterOf(process.get(), dataDirectory)) {
            log.warn("Embedded PostgreSQL: {} names process {}, which is not this cluster's postmaster; removing it",
                    pidFile, pid);
            Files.delete(pidFile);
            return;
        }
        log.warn("Embedded PostgreSQL: a postmaster (pid {}) was left running on {} by a ledger that did not shut "
                + "down; stopping it", pid, dataDirectory);
        run(List.of(bin("pg_ctl"), "-D", dataDirectory.toString(), "stop", "-m", "fast", "-w", "-t", "60"), null);
    }

    /** The postmaster works in its data directory; where /proc tells, that decides, else the program's name. */
    private static boolean isPostmasterOf(ProcessHandle process, Path dataDirectory) {
        boolean postgres = process.info().command().map(c -> c.endsWith("postgres") || c.endsWith("postgres.exe"))
                .orElse(true);
        Path cwd = Path.of("/proc", Long.toString(process.pid()), "cwd");
        try {
            return postgres && Files.readSymbolicLink(cwd).equals(dataDirectory.toRealPath());
        } catch (IOException | UnsupportedOperationException e) {
            return postgres;
        }
    }

    private String bin(String program) {
        String digest = Binaries.INSTANCE.digest;
        if (digest == null) {
            throw new IllegalStateException("the embedded PostgreSQL binaries have not been unpacked");
        }
        return workingDirectory.resolve("PG-" + digest).resolve("bin").resolve(program).toString();
    }

    /** Runs a PostgreSQL program the way zonky does (in a user namespace when run as root, which PostgreSQL refuses). */
    private void run(List<String> command, String input) throws IOException {
        List<String> full = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            full.addAll(List.of("unshare", "-U"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        if (input != null) {
            process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0 || output.contains("ERROR:")) {
                process.destroyForcibly();
                throw new IOException(command.get(0) + " failed: " + output.replace(password, "******"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
    }

    /**
     * zonky's own binaries, read through here so that their digest, which names the directory they are unpacked
     * to, is known: the guard needs {@code postgres} and {@code pg_ctl} before zonky starts the postmaster.
     */
    static final class Binaries implements PgBinaryResolver {
        static final Binaries INSTANCE = new Binaries();
        private volatile String digest;

        @Override
        public InputStream getPgBinary(String system, String machineHardware) throws IOException {
            InputStream archive = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
            if (archive == null) {
                return null;
            }
            byte[] bytes;
            try (archive) {
                bytes = archive.readAllBytes();
            }
            try {
                digest = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
            } catch (NoSuchAlgorithmException e) {
                throw new IOException(e);
            }
            return new ByteArrayInputStream(bytes);
        }
    }
}
