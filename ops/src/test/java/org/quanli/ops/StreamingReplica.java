package org.quanli.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL streaming replica of an embedded primary, made the way {@code pg_basebackup} makes one (the embedded
 * binaries do not include it): a physical replication slot, a non-exclusive backup during which the data directory is
 * copied, its backup label, {@code standby.signal} and the connection to the primary; then started on the embedded
 * binaries, in hot standby.
 */
final class StreamingReplica {

    private static final String SLOT = "quanli_replica";
    /** A running cluster's files that a copy must leave out (as pg_basebackup does). */
    private static final Set<String> LEFT_OUT = Set.of("postmaster.pid", "postmaster.opts", "epg-lock");

    private StreamingReplica() {
    }

    static EmbeddedPostgres of(EmbeddedPostgres primary, Path primaryData, Path replicaData)
            throws SQLException, IOException {
        try (Connection connection = primary.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("select pg_create_physical_replication_slot('" + SLOT + "', true)");
            statement.execute("select pg_backup_start('quanli-replica', true)");
            copy(primaryData, replicaData);
            try (ResultSet stopped = statement.executeQuery("select labelfile from pg_backup_stop(true)")) {
                stopped.next();
                Files.writeString(replicaData.resolve("backup_label"), stopped.getString(1));
            }
        }
        Files.setPosixFilePermissions(replicaData, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(replicaData.resolve("standby.signal"), "");
        Files.writeString(replicaData.resolve("postgresql.auto.conf"), "primary_conninfo = 'host=localhost port="
                + primary.getPort() + " user=postgres'\nprimary_slot_name = '" + SLOT + "'\n");
        return EmbeddedPostgres.builder().setDataDirectory(replicaData).setCleanDataDirectory(false).start();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(file -> {
                Path relative = from.relativize(file);
                Path target = to.resolve(relative.toString());
                try {
                    if (relative.startsWith("pg_replslot") && relative.getNameCount() > 1) {
                        return; // the primary's slots are not the replica's
                    }
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else if (!LEFT_OUT.contains(relative.toString()) && !relative.startsWith("pg_wal")) {
                        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (NoSuchFileException gone) {
                    // A temporary file the server removed during the copy: the WAL replay covers it.
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
