package org.quanli.ops.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.quanli.platform.db.SchemaMigrations;
import org.quanli.platform.integrity.Checkpoint;
import org.quanli.platform.integrity.LedgerKeys;
import org.quanli.platform.integrity.LedgerProperties;
import org.quanli.platform.integrity.LedgerSealer;
import org.quanli.platform.integrity.LedgerVerifier;
import org.quanli.platform.integrity.MerkleProofs;
import org.quanli.platform.integrity.TreeStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Measures the verifiable ledger alone: sealing rate, verification of the whole store, and proof size and latency.
 * A fresh embedded PostgreSQL with fsync on gets the event store's schema and {@code bench.events} synthetic events
 * (payload and metadata of the size real ones have) written by one SQL statement, then the sealer, the verifier and
 * the proofs run over them as they do in the application. Nothing is asserted; figures go into ops/BENCHMARKS.md.
 *
 * <p>Knobs: bench.events (default 1000000), bench.batch (sealer batch, 1000), bench.proofs (1000).
 */
public final class IntegrityBenchmark {

    private IntegrityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = Integer.getInteger("bench.events", 1_000_000);
        int batch = Integer.getInteger("bench.batch", 1000);
        int proofs = Integer.getInteger("bench.proofs", 1000);
        List<String> report = new ArrayList<>();
        report.add(String.format(Locale.ROOT, "events=%d batch=%d proofs=%d; %d cores, max heap %d MiB, java %s",
                events, batch, proofs, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version")));
        Path dataDir = ScratchDirectory.create("quanli-integrity-bench");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir)
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on").start()) {
            var dataSource = postgres.getPostgresDatabase();
            SchemaMigrations.of(dataSource, "axon").afterPropertiesSet();
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);

            long written = System.nanoTime();
            jdbc.update("""
                    insert into domain_event_entry (global_index, aggregate_identifier, sequence_number, type,
                        event_identifier, time_stamp, payload_type, payload_revision, payload, meta_data)
                    select nextval('domain_event_entry_seq'), 'item-' || (i / 8), i % 8, 'PowerItem',
                           md5(i::text)::uuid::text, '2026-12-04T20:00:00.000Z',
                           'org.quanli.kernel.powerlist.PowerListMessages$PowerItemDrafted', null,
                           convert_to(repeat('{"name":"食品经营许可","legalBases":[' || i || ']}', 8), 'UTF8'),
                           convert_to('{"actorUserId":"clerk","actorName":"张敏","actorRole":"BODY_CLERK",'
                               || '"actorBody":"11510600008654321B","correlationId":"' || md5(i::text) || '"}', 'UTF8')
                    from generate_series(1, ?) as i""", events);
            report.add(row("store " + events + " synthetic events (one SQL statement)", ms(written) + " ms"));
            report.add(row("average stored payload + metadata", jdbc.queryForObject(
                    "select avg(length(payload) + length(meta_data))::int from domain_event_entry", Integer.class)
                    + " bytes"));

            LedgerKeys keys = LedgerKeys.generate();
            TreeStore tree = new TreeStore(jdbc);
            LedgerProperties properties = new LedgerProperties("", "", false, null, batch, 1000, null, null, null);
            LedgerSealer sealer = new LedgerSealer(jdbc, tree, keys, List.of(),
                    new TransactionTemplate(new DataSourceTransactionManager(dataSource)), properties,
                    java.time.Clock.systemUTC());
            long sealing = System.nanoTime();
            sealer.sealAvailable();
            long sealMs = ms(sealing);
            report.add(row("seal " + tree.size() + " events (" + tree.checkpointCount() + " checkpoints)",
                    sealMs + " ms (" + rate(tree.size(), sealMs) + " events/s)"));

            long verifying = System.nanoTime();
            LedgerVerifier.Report verified;
            try (Connection connection = dataSource.getConnection()) {
                verified = new LedgerVerifier(List.of(keys.publicKey())).verify(connection, List.of());
            }
            long verifyMs = ms(verifying);
            report.add(row("verify " + verified.eventsRead() + " events against " + verified.checkpointsVerified()
                    + " checkpoints (" + verified.discrepancies().size() + " discrepancies)",
                    verifyMs + " ms (" + rate(verified.eventsRead(), verifyMs) + " events/s)"));

            Checkpoint latest = tree.latestCheckpoint().orElseThrow();
            Random random = new Random(13);
            double[] inclusion = new double[proofs];
            int hashes = 0;
            for (int i = 0; i < proofs; i++) {
                long leaf = (long) (random.nextDouble() * latest.treeSize());
                long started = System.nanoTime();
                hashes = MerkleProofs.batched(nodes -> MerkleProofs.inclusion(nodes, leaf, latest.treeSize()),
                        tree::nodes).size();
                inclusion[i] = (System.nanoTime() - started) / 1e6;
            }
            report.add(row("inclusion proof, random leaf of " + latest.treeSize(), percentiles(inclusion)
                    + "; " + hashes + " hashes, about " + (hashes * 46 + 600) + " bytes of JSON with its checkpoint"));
            double[] consistency = new double[proofs];
            List<Long> sizes = jdbc.queryForList("select tree_size from ledger_checkpoint", Long.class);
            for (int i = 0; i < proofs; i++) {
                long from = sizes.get(random.nextInt(sizes.size()));
                long started = System.nanoTime();
                hashes = MerkleProofs.batched(nodes -> MerkleProofs.consistency(nodes, from, latest.treeSize()),
                        tree::nodes).size();
                consistency[i] = (System.nanoTime() - started) / 1e6;
            }
            report.add(row("consistency proof, random checkpoint to the latest", percentiles(consistency)
                    + "; up to " + hashes + " hashes"));
            report.add(row("tree tables (leaves, nodes, checkpoints)", jdbc.queryForObject(
                    "select pg_size_pretty(pg_total_relation_size('ledger_leaf') + pg_total_relation_size('ledger_node')"
                            + " + pg_total_relation_size('ledger_checkpoint'))", String.class)));
        }
        report.forEach(System.out::println);
    }

    private static String row(String what, String figure) {
        return String.format(Locale.ROOT, "| %-70s | %s |", what, figure);
    }

    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static long rate(long count, long ms) {
        return ms == 0 ? count : count * 1000 / ms;
    }

    private static String percentiles(double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms, max %.2f ms", sorted[sorted.length / 2],
                sorted[(int) (sorted.length * 0.99)], sorted[sorted.length - 1]);
    }
}
