package org.quanli.ops.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

/**
 * What PostgreSQL alone does on the ledger's own database, as {@code pgbench} would measure it: each client holds one
 * connection and inserts one event-shaped row per transaction (autocommit, so one round trip and one fsync'd commit
 * each) into a copy of the event table (same columns, keys and unique constraints, no triggers) for a fixed time.
 * The ledger's figures are read against this one, measured just before them.
 */
final class RawInsertAnchor {

    private static final byte[] PAYLOAD = ("{\"itemId\":\"6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e\",\"bodyId\":\"11510600008654321B\",\"content\":{\"name\":"
            + "\"食品经营许可\",\"type\":\"LICENCE\",\"legalBases\":[{\"kind\":\"LAW\",\"title\":\"《中华人民共和国食品安全法》\","
            + "\"article\":\"第三十五条\"}],\"legalLimitDays\":20,\"promisedLimitDays\":10}}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final byte[] META_DATA = ("{\"actorUserId\":\"bench-clerk\",\"actorName\":\"基准测试\",\"actorRole\":"
            + "\"BODY_CLERK\",\"actorBody\":\"11510600008654321B\",\"correlationId\":\"0b7b0f8e-2c1d-4f7a-9a51-3f0c1d2e4b6a\","
            + "\"causationId\":\"0b7b0f8e-2c1d-4f7a-9a51-3f0c1d2e4b6a\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final DataSource dataSource;
    private final long millis;

    RawInsertAnchor(DataSource dataSource, long millis) throws SQLException {
        this.dataSource = dataSource;
        this.millis = millis;
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("create table if not exists bench_raw_event (like domain_event_entry including all)");
            statement.execute("create sequence if not exists bench_raw_event_seq");
        }
    }

    /** Inserts for the configured time on {@code clients} connections; returns transactions per second. */
    double transactionsPerSecond(int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicLong done = new AtomicLong();
        long started = System.nanoTime();
        long until = started + millis * 1_000_000;
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                try (Connection connection = dataSource.getConnection();
                     PreparedStatement insert = connection.prepareStatement("""
                             insert into bench_raw_event (global_index, aggregate_identifier, sequence_number, type,
                                 event_identifier, time_stamp, payload_type, payload_revision, payload, meta_data)
                             values (nextval('bench_raw_event_seq'), ?, 0, 'PowerItem', ?, ?,
                                 'org.quanli.kernel.powerlist.PowerListMessages$PowerItemDrafted', null, ?, ?)""")) {
                    connection.setAutoCommit(true);
                    while (System.nanoTime() < until) {
                        String id = UUID.randomUUID().toString();
                        insert.setString(1, id);
                        insert.setString(2, UUID.randomUUID().toString());
                        insert.setString(3, java.time.Instant.now().toString());
                        insert.setBytes(4, PAYLOAD);
                        insert.setBytes(5, META_DATA);
                        insert.executeUpdate();
                        done.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        return done.get() / ((System.nanoTime() - started) / 1e9);
    }
}
