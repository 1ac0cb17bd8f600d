import java.io.StringReader;
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
 * Case-trail-shaped rows written three ways in chunks of 5,000, one transaction per chunk: bound inserts sent as a
 * JDBC batch (the driver rewrites them into multi-row inserts, as the projections' writes are), the same without the
 * conflict check, and text COPY. Run by trail-writes.sh; args: rows, JDBC URL.
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
                for (String way : List.of("batch with conflict check", "batch", "copy")) {
                    c.createStatement().execute("truncate case_trail");
                    c.commit();
                    long start = System.nanoTime();
                    for (int from = 0; from < rows; from += CHUNK) {
                        if (way.equals("copy")) {
                            copy(c, from);
                        } else {
                            batch(c, from, way.contains("conflict"));
                        }
                        c.commit();
                    }
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    System.out.printf("round %d, %s: %d rows in %d ms, %.0f rows/s%n", round, way, rows, ms,
                            rows * 1000.0 / ms);
                }
            }
        }
    }

    private static String id(int i) {
        return new UUID(0x5eedL, i).toString();
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
