package org.quanli.platform.integrity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies the whole ledger on a schedule (one node at a time, by an advisory lock), with the node's own public key,
 * the configured earlier keys and the exported checkpoint file, and records each outcome in
 * {@code ledger_verification}. The latest outcome, whichever node produced it, is this node's {@code ledger} health:
 * DOWN while it names a discrepancy.
 */
public class LedgerVerification {

    private static final Logger log = LoggerFactory.getLogger(LedgerVerification.class);
    /** "LEDGERVF": the advisory lock key of the verification claim. */
    private static final long VERIFICATION_LOCK = 0x4c45444745525646L;
    private static final int REPORTED = 100;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DataSource dataSource;
    private final LedgerKeys keys;
    private final LedgerProperties properties;
    private final Path exportFile;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public LedgerVerification(DataSource dataSource, LedgerKeys keys, LedgerProperties properties, Path exportFile,
                              JdbcTemplate jdbc, Clock clock) {
        this.dataSource = dataSource;
        this.keys = keys;
        this.properties = properties;
        this.exportFile = exportFile;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One recorded verification. */
    public record Outcome(Instant startedAt, Instant finishedAt, long sealedLeaves, int checkpoints,
                          int discrepancies, List<String> report) {
    }

    /** Verifies now, records and answers the outcome; empty when another node is verifying. */
    public Optional<Outcome> verifyNow() {
        Instant started = clock.instant();
        try (Connection connection = dataSource.getConnection()) {
            String applicationName = connection.getClientInfo("ApplicationName");
            try (Statement statement = connection.createStatement()) {
                statement.execute("set application_name = '" + LedgerSealer.VERIFIER_APPLICATION_NAME + "'");
                try (var lock = statement.executeQuery("select pg_try_advisory_lock(" + VERIFICATION_LOCK + ")")) {
                    lock.next();
                    if (!lock.getBoolean(1)) {
                        return Optional.empty();
                    }
                }
                try {
                    LedgerVerifier.Report report = new LedgerVerifier(trustedKeys())
                            .verify(connection, exportedCheckpoints(exportFile));
                    Outcome outcome = new Outcome(started, clock.instant(), report.sealedLeaves(),
                            report.checkpointsVerified(), report.discrepancies().size(),
                            report.discrepancies().stream().limit(REPORTED).map(Discrepancy::toString).toList());
                    record(outcome);
                    if (!report.clean()) {
                        log.error("Ledger verification found {} discrepancies: {}", outcome.discrepancies(),
                                outcome.report());
                    }
                    return Optional.of(outcome);
                } finally {
                    statement.execute("select pg_advisory_unlock(" + VERIFICATION_LOCK + ")");
                    statement.execute("set application_name = '" + (applicationName == null ? ""
                            : applicationName.replace("'", "''")) + "'");
                }
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("ledger verification could not run", e);
        }
    }

    /** The newest recorded outcome, from any node. */
    public Optional<Outcome> latest() {
        return jdbc.query("""
                select started_at, finished_at, sealed_leaves, checkpoints, discrepancies, report
                from ledger_verification order by id desc limit 1""", (rs, i) -> new Outcome(
                rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant(), rs.getLong(3), rs.getInt(4),
                rs.getInt(5), List.of(JSON.readValue(rs.getString(6), String[].class)))).stream().findFirst();
    }

    /** The {@code ledger} health: the newest outcome; DOWN while it names a discrepancy, UNKNOWN before the first. */
    public Health health() {
        Optional<Outcome> latest = latest();
        if (latest.isEmpty()) {
            return Health.unknown().withDetail("verification", "尚未运行").build();
        }
        Outcome outcome = latest.get();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("verifiedAt", outcome.finishedAt().toString());
        details.put("sealedLeaves", outcome.sealedLeaves());
        details.put("checkpoints", outcome.checkpoints());
        details.put("discrepancies", outcome.discrepancies());
        if (outcome.discrepancies() > 0) {
            details.put("report", outcome.report());
            return Health.down().withDetails(details).build();
        }
        return Health.up().withDetails(details).build();
    }

    private void record(Outcome outcome) {
        jdbc.update("""
                insert into ledger_verification (started_at, finished_at, sealed_leaves, checkpoints, discrepancies, report)
                values (?, ?, ?, ?, ?, ?)""", Timestamp.from(outcome.startedAt()), Timestamp.from(outcome.finishedAt()),
                outcome.sealedLeaves(), outcome.checkpoints(), outcome.discrepancies(),
                JSON.writeValueAsString(outcome.report()));
    }

    private List<PublicKey> trustedKeys() throws IOException {
        List<PublicKey> trusted = new ArrayList<>();
        trusted.add(keys.publicKey());
        for (String file : properties.trustedPublicKeys()) {
            trusted.add(LedgerKeys.readPublicKey(Files.readString(Path.of(file), StandardCharsets.US_ASCII)));
        }
        return trusted;
    }

    /** The checkpoints of an export file (one JSON line each); none when there is no file yet. */
    public static List<Checkpoint> exportedCheckpoints(Path file) throws IOException {
        if (file == null || !Files.exists(file)) {
            return List.of();
        }
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.filter(line -> !line.isBlank())
                    .map(line -> CheckpointJson.fromJson(JSON.readTree(line)))
                    .collect(Collectors.toMap(Checkpoint::treeSize, c -> c, (first, again) -> first,
                            LinkedHashMap::new))
                    .values().stream().toList();
        }
    }
}
