package org.quanli.platformtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quanli.platform.integrity.Checkpoint;
import org.quanli.platform.integrity.Discrepancy;
import org.quanli.platform.integrity.Discrepancy.Kind;
import org.quanli.platform.integrity.FileCheckpointSink;
import org.quanli.platform.integrity.LedgerKeys;
import org.quanli.platform.integrity.LedgerVerification;
import org.quanli.platform.integrity.LedgerVerifier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.dao.DataAccessException;

/**
 * Someone with the database's owner rights alters the store in SQL (past the append-only triggers, which only such a
 * role can switch off); the verifier names exactly what was done and nothing else. Each alteration runs in a
 * transaction the verifier reads and the test then rolls back, so every test starts from the same sealed store.
 */
class LedgerTamperingTest extends LedgerTestBase {

    @Autowired
    LedgerVerification verification;

    @TempDir
    Path exportDir;

    private long a;
    private long b;

    @BeforeEach
    void aSealedStoreWithCheckpoints() throws Exception {
        a = LedgerTestSupport.appendEvent(dataSource, "decision 德府发〔2013〕24号");
        for (int i = 0; i < 5; i++) {
            LedgerTestSupport.appendEvent(dataSource, "event " + i);
        }
        b = LedgerTestSupport.appendEvent(dataSource, "decision 德府发〔2014〕5号");
        sealer.sealAvailable();
        assertThat(tree.horizon()).isEqualTo(b);
        assertThat(tree.checkpointCount()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aCleanStoreVerifiesWithNothingReported() throws Exception {
        LedgerVerifier.Report report = tampered(sql -> {
        });
        assertThat(report.discrepancies()).isEmpty();
        assertThat(report.sealedLeaves()).isEqualTo(tree.size());
        assertThat(report.checkpointsVerified()).isEqualTo((int) tree.checkpointCount());
    }

    @Test
    void oneChangedPayloadByteIsNamedChangedAtItsPosition() throws Exception {
        assertThat(found(sql -> sql.execute(
                "update domain_event_entry set payload = set_byte(payload, 3, get_byte(payload, 3) # 1) "
                        + "where global_index = " + a)))
                .containsExactly(tuple(Kind.CHANGED, a));
    }

    @Test
    void aDeletedEventIsNamedDeleted() throws Exception {
        assertThat(found(sql -> sql.execute("delete from domain_event_entry where global_index = " + b)))
                .containsExactly(tuple(Kind.DELETED, b));
    }

    @Test
    void twoSwappedEventsAreEachNamedMoved() throws Exception {
        assertThat(found(sql -> {
            sql.execute("update domain_event_entry set global_index = -1 where global_index = " + a);
            sql.execute("update domain_event_entry set global_index = " + a + " where global_index = " + b);
            sql.execute("update domain_event_entry set global_index = " + b + " where global_index = -1");
        })).containsExactly(tuple(Kind.MOVED, a), tuple(Kind.MOVED, b));
    }

    @Test
    void aForgedEventAmongTheSealedOnesIsNamedInserted() throws Exception {
        assertThat(found(sql -> sql.execute("""
                insert into domain_event_entry (global_index, aggregate_identifier, sequence_number, type,
                    event_identifier, time_stamp, payload_type, payload, meta_data)
                select 0, 'forged', 0, type, 'forged-event', time_stamp, payload_type, payload, meta_data
                from domain_event_entry where global_index = %d""".formatted(a))))
                .containsExactly(tuple(Kind.INSERTED, 0L));
    }

    @Test
    void aCheckpointReplacedByOneSignedForAnotherTreeIsACheckpointMismatch() throws Exception {
        Checkpoint first = tree.checkpointsAfter(0, 1).get(0);
        // Signed with the ledger's own key, as someone holding it could: the signature is good, the root is not.
        Checkpoint forged = keys.checkpoint(first.treeSize(), new byte[32], Instant.now());
        assertThat(found(sql -> replace(sql, forged)))
                .containsExactly(tuple(Kind.CHECKPOINT_MISMATCH, first.treeSize()));
    }

    @Test
    void aCheckpointReSignedWithAnotherKeyHasABadSignature() throws Exception {
        Checkpoint latest = tree.latestCheckpoint().orElseThrow();
        LedgerKeys other = LedgerKeys.generate();
        Checkpoint resigned = new Checkpoint(latest.treeSize(), latest.rootHash(), latest.issuedAt(), keys.keyId(),
                other.sign(latest.signedBytes()));
        assertThat(found(sql -> replace(sql, resigned)))
                .containsExactly(tuple(Kind.BAD_SIGNATURE, latest.treeSize()));
        Checkpoint underOtherId = other.checkpoint(latest.treeSize(), latest.rootHash(), latest.issuedAt());
        assertThat(found(sql -> replace(sql, underOtherId)))
                .containsExactly(tuple(Kind.BAD_SIGNATURE, latest.treeSize()));
    }

    @Test
    void aCheckpointRemovedFromTheDatabaseIsFoundMissingAgainstItsExportedCopy() throws Exception {
        Path export = exportDir.resolve("checkpoints.jsonl");
        new FileCheckpointSink(export).append(tree.checkpointsAfter(0, 1000));
        Checkpoint first = tree.checkpointsAfter(0, 1).get(0);
        List<Checkpoint> exported = LedgerVerification.exportedCheckpoints(export);

        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement sql = connection.createStatement()) {
                sql.execute("set local session_replication_role = replica");
                assertThat(new LedgerVerifier(List.of(keys.publicKey())).verify(connection, exported).discrepancies())
                        .isEmpty();
                sql.execute("delete from ledger_checkpoint where tree_size = " + first.treeSize());
                assertThat(new LedgerVerifier(List.of(keys.publicKey())).verify(connection, exported).discrepancies())
                        .extracting(Discrepancy::kind, Discrepancy::position)
                        .containsExactly(tuple(Kind.CHECKPOINT_MISMATCH, first.treeSize()));
            } finally {
                connection.rollback();
            }
        }
    }

    @Test
    void theApplicationCannotChangeOrRemoveAnEventOrASealedLeaf() {
        assertThatThrownBy(() -> jdbc.update("update domain_event_entry set payload = payload where global_index = ?", a))
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from domain_event_entry where global_index = ?", a))
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("truncate domain_event_entry cascade"))
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from ledger_leaf where global_index = ?", a))
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("update ledger_checkpoint set root_hash = root_hash"))
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("append-only");
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where global_index = ?", Long.class, a))
                .isOne();
    }

    @Test
    void theScheduledVerificationPutsItsOutcomeInTheHealth() throws Exception {
        verification.verifyNow();
        assertThat(verification.health().getStatus()).isEqualTo(Status.UP);
        assertThat(verification.health().getDetails()).containsEntry("discrepancies", 0);

        byte[] original = jdbc.queryForObject("select payload from domain_event_entry where global_index = ?",
                byte[].class, a);
        try {
            alterCommitted("update domain_event_entry set payload = set_byte(payload, 2, 65) where global_index = " + a);
            verification.verifyNow();
            assertThat(verification.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(verification.latest().orElseThrow().report()).singleElement().asString()
                    .startsWith("CHANGED position " + a);
        } finally {
            try (Connection connection = dataSource.getConnection();
                 var restore = connection.prepareStatement("update domain_event_entry set payload = ? where global_index = ?")) {
                connection.setAutoCommit(false);
                connection.createStatement().execute("set local session_replication_role = replica");
                restore.setBytes(1, original);
                restore.setLong(2, a);
                restore.executeUpdate();
                connection.commit();
            }
        }
        verification.verifyNow();
        assertThat(verification.health().getStatus()).isEqualTo(Status.UP);
    }

    private void alterCommitted(String statement) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement sql = connection.createStatement()) {
                sql.execute("set local session_replication_role = replica");
                sql.execute(statement);
            }
            connection.commit();
        }
    }

    private static void replace(Statement sql, Checkpoint checkpoint) throws Exception {
        try (var update = sql.getConnection().prepareStatement(
                "update ledger_checkpoint set root_hash = ?, issued_at = ?, key_id = ?, signature = ? where tree_size = ?")) {
            update.setBytes(1, checkpoint.rootHash());
            update.setTimestamp(2, java.sql.Timestamp.from(checkpoint.issuedAt()));
            update.setString(3, checkpoint.keyId());
            update.setBytes(4, checkpoint.signature());
            update.setLong(5, checkpoint.treeSize());
            assertThat(update.executeUpdate()).isOne();
        }
    }

    private List<org.assertj.core.groups.Tuple> found(Alteration alteration) throws Exception {
        return tampered(alteration).discrepancies().stream().map(d -> tuple(d.kind(), d.position())).toList();
    }

    /** Runs the verifier inside a transaction that applies the alteration (triggers off, as the owner can), then undoes it. */
    private LedgerVerifier.Report tampered(Alteration alteration) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement sql = connection.createStatement()) {
                sql.execute("set local session_replication_role = replica");
                alteration.apply(sql);
                return new LedgerVerifier(List.of(keys.publicKey())).verify(connection, List.of());
            } finally {
                connection.rollback();
            }
        }
    }

    @FunctionalInterface
    interface Alteration {
        void apply(Statement sql) throws Exception;
    }
}
