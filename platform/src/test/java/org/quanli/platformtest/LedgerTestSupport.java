package org.quanli.platformtest;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

/** Events written the way the event store writes them, on a connection the test controls (to hold or roll back). */
final class LedgerTestSupport {

    private LedgerTestSupport() {
    }

    /** Appends an event on {@code connection} (its transaction, if one is open) and answers its store position. */
    static long appendEvent(Connection connection, String payload) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into domain_event_entry (global_index, aggregate_identifier, sequence_number, type,
                    event_identifier, time_stamp, payload_type, payload_revision, payload, meta_data)
                values (nextval('domain_event_entry_seq'), ?, 0, 'Test', ?, ?, 'java.lang.String', null, ?, ?)
                returning global_index""")) {
            insert.setString(1, "ledger-test-" + UUID.randomUUID());
            insert.setString(2, UUID.randomUUID().toString());
            insert.setString(3, Instant.now().toString());
            insert.setBytes(4, ("\"" + payload + "\"").getBytes(StandardCharsets.UTF_8));
            insert.setBytes(5, "{\"actorUserId\":\"ledger-test\"}".getBytes(StandardCharsets.UTF_8));
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static long appendEvent(DataSource dataSource, String payload) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return appendEvent(connection, payload);
        }
    }
}
