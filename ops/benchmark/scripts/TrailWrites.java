import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.postgresql.PGConnection;

/**
 * Case-trail-shaped rows written four ways in chunks of 5,000, one transaction per chunk: bound inserts sent as a
 * JDBC batch (the driver rewrites them into multi-row inserts, as the projections' writes are), the same without the
 * conflict check, text COPY, and text COPY with the key on the event id dropped first and added at the end (as a bulk
 * rebuild does). Event and case ids are random, as the store's are: ids in order would keep every index insert at
 * the right edge of its index. Each way prints the server process's CPU per row, read from /proc. Run by
 * trail-writes.sh; args: rows, JDBC URL.
 */
public class TrailWrites {

    private static final int CHUNK = 5000;
    private static final String COLUMNS = "event_id, case_id, sequence_number, position, event_type, label, "
            + "about_date, recorded_at, actor_user_id, actor_name, actor_role, actor_body, item_version, time_as_of, "
            + "promised_days, extension_days, suspended_days, working_days, deadline, remaining_days, overdue, facts";
    private static final String FACTS = "{\"capacity\":\"OWN\",\"caseType\":\"PROMISED\",\"legalLimitDays\":20}";

    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(args[0]);
        try (Connection c = DriverManager.getConnection(args[1])) {
            c.setAutoCommit(false);
            for (int round = 1; round <= 2; round++) {
                for (String way : List.of("batch with conflict check", "batch", "copy",
                        "copy, the key added at the end")) {
                    c.createStatement().execute("truncate case_trail");
                    boolean keyAtTheEnd = way.endsWith("at the end");
                    if (keyAtTheEnd) {
                        c.createStatement().execute("alter table case_trail drop constraint case_trail_pkey");
                    }
                    c.commit();
                    long start = System.nanoTime();
                    long serverStart = serverCpuMillis(c);
                    for (int from = 0; from < rows; from += CHUNK) {
                        if (way.startsWith("copy")) {
                            copy(c, from);
                        } else {
                            batch(c, from, way.contains("conflict"));
                        }
                        c.commit();
                    }
                    if (keyAtTheEnd) {
                        // In the one server process measured, as RebuildIndexes adds it in its transaction.
                        c.createStatement().execute("set max_parallel_maintenance_workers = 0");
                        c.createStatement().execute("alter table case_trail add primary key (event_id)");
                        c.commit();
                    }
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    System.out.printf("round %d, %s: %d rows in %d ms, %.0f rows/s, server %.4f ms CPU per row%n",
                            round, way, rows, ms, rows * 1000.0 / ms, (serverCpuMillis(c) - serverStart) / (double) rows);
                }
            }
        }
    }

    /** A random-looking id, the same for the same number in every way. */
    private static String id(int i) {
        long bits = i * 0x9E3779B97F4A7C15L;
        bits = (bits ^ (bits >>> 29)) * 0xBF58476D1CE4E5B9L;
        bits ^= bits >>> 32;
        return new UUID(bits, bits * 31 + 7).toString();
    }

    /** The CPU milliseconds of the connection's server process so far (user and system, 10 ms ticks). */
    private static long serverCpuMillis(Connection c) throws Exception {
        int pid;
        try (var result = c.createStatement().executeQuery("select pg_backend_pid()")) {
            result.next();
            pid = result.getInt(1);
        }
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    private static void batch(Connection c, int from, boolean conflictCheck) throws SQLException {
        String sql = "insert into case_trail (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + "?, ?, ?, ?, ?, ?, ?::jsonb)" + (conflictCheck ? " on conflict (event_id) do nothing" : "");
        try (PreparedStatement insert = c.prepareStatement(sql)) {
            for (int i = from; i < from + CHUNK; i++) {
                Object[] values = {id(i), id(i / 6 + 10_000_000), (long) (i % 6), (long) i, "CaseAccepted", "受理",
                        LocalDate.of(2019, 9, 30), OffsetDateTime.now(), "window-1", "王窗口", "WINDOW_OFFICER",
                        "115169556023579339", 1, LocalDate.of(2019, 9, 30), 10, 0, 0, 3, LocalDate.of(2019, 10, 18),
                        7, false, FACTS};
                for (int k = 0; k < values.length; k++) {
                    insert.setObject(k + 1, values[k]);
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void copy(Connection c, int from) throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < from + CHUNK; i++) {
            text.append(String.join("\t", id(i), id(i / 6 + 10_000_000), String.valueOf(i % 6), String.valueOf(i),
                    "CaseAccepted", "受理", "2019-09-30", OffsetDateTime.now().toString(), "window-1", "王窗口",
                    "WINDOW_OFFICER", "115169556023579339", "1", "2019-09-30", "10", "0", "0", "3", "2019-10-18", "7",
                    "f", FACTS)).append('\n');
        }
        c.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("copy case_trail (" + COLUMNS + ") from stdin", new StringReader(text.toString()));
    }
}
