package org.quanli.platform.integrity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends every stored event to the tree, in store order, behind the command path: nothing a command does waits for
 * it. Store order and commit order differ — a transaction can commit position 7 after another committed 8 — so the
 * sealer stops at a missing position until no transaction that could still write it is open (PostgreSQL's
 * {@code pg_stat_activity}: none began before the gap was first seen). Then the position is closed as a gap for good,
 * and an event that appears there later is tampering, which verification names.
 *
 * <p>Every round is one transaction that first takes a transaction-scoped advisory lock: with several nodes, one
 * seals at a time and a crashed node's claim ends with its connection. Everything it needs (size, right edge of the
 * tree, last checkpoint) is read again from the tables each round, so a restart or another node carries on exactly.
 */
public class LedgerSealer {

    private static final Logger log = LoggerFactory.getLogger(LedgerSealer.class);
    /** The advisory lock key of the sealing claim: "LEDGERSL" as a 64-bit number. */
    static final long SEALING_LOCK = 0x4c45444745525344L;
    /** Sessions of the verifier read for minutes but never write events; the gap check leaves them out. */
    public static final String VERIFIER_APPLICATION_NAME = "quanli-ledger-verifier";

    private final JdbcTemplate jdbc;
    private final TreeStore tree;
    private final LedgerKeys keys;
    private final List<CheckpointSink> sinks;
    private final TransactionTemplate transactions;
    private final LedgerProperties properties;
    private final Clock clock;

    private volatile Gap waitingAt;
    private volatile String refusal;

    public LedgerSealer(JdbcTemplate jdbc, TreeStore tree, LedgerKeys keys, List<CheckpointSink> sinks,
                        TransactionTemplate transactions, LedgerProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.tree = tree;
        this.keys = keys;
        this.sinks = sinks;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /** A missing store position the sealer waits at, and when (database time) it first saw it. */
    public record Gap(long fromIndex, long toIndex, Instant firstSeen) {
    }

    /** One round: how many events it sealed, the tree size after it, and whether it stopped at an open gap. */
    public record Round(boolean claimed, int sealed, long treeSize, Gap waitingAt, Checkpoint checkpoint) {
    }

    /** Seals what can be sealed now, a batch per transaction, until it has caught up or meets an open gap. */
    public Round sealAvailable() {
        Round round;
        int total = 0;
        Checkpoint checkpoint = null;
        do {
            round = transactions.execute(tx -> sealBatch());
            total += round.sealed();
            checkpoint = round.checkpoint() != null ? round.checkpoint() : checkpoint;
        } while (round.claimed() && round.sealed() == properties.batchSize());
        if (round.claimed()) {
            export();
        }
        return new Round(round.claimed(), total, round.treeSize(), round.waitingAt(), checkpoint);
    }

    /** The gap the sealer is waiting at, if any. */
    public Gap waitingAt() {
        return waitingAt;
    }

    /** Why this node does not seal, if it does not (its key is not the one in use). */
    public String refusal() {
        return refusal;
    }

    private Round sealBatch() {
        if (!Boolean.TRUE.equals(jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class, SEALING_LOCK))) {
            return new Round(false, 0, -1, waitingAt, null);
        }
        String keyInUse = tree.keyInUse(keys);
        if (!keyInUse.equals(keys.keyId())) {
            String reason = "签名密钥 " + keys.keyId() + " 不是账本正在使用的密钥 " + keyInUse + ":本节点不封存";
            if (!reason.equals(refusal)) {
                log.error("Ledger sealing refused on this node: its signing key {} is not the key in use {}",
                        keys.keyId(), keyInUse);
            }
            refusal = reason;
            return new Round(false, 0, -1, waitingAt, null);
        }
        refusal = null;
        long size = tree.size();
        long horizon = tree.horizon();
        List<StoredEventRow> rows = jdbc.query("select " + StoredEventRow.COLUMNS
                        + " from domain_event_entry where global_index > ? order by global_index limit ?",
                (rs, i) -> StoredEventRow.from(rs), horizon, properties.batchSize());
        CompactTree compact = tree.compactTree(size);
        List<TreeStore.SealedLeaf> leaves = new ArrayList<>();
        List<CompactTree.Node> inner = new ArrayList<>();
        long expected = horizon + 1;
        Gap stoppedAt = null;
        Checkpoint latest = tree.latestCheckpoint().orElse(null);
        List<Checkpoint> checkpoints = new ArrayList<>();
        for (StoredEventRow row : rows) {
            if (row.globalIndex() != expected) {
                Gap gap = new Gap(expected, row.globalIndex() - 1, null);
                if (!closed(gap)) {
                    stoppedAt = waitingAt;
                    break;
                }
                tree.closeGap(gap.fromIndex(), gap.toIndex());
                log.info("Ledger: store positions {}–{} were never used (rolled back); closed as a gap",
                        gap.fromIndex(), gap.toIndex());
            }
            byte[] leafHash = row.leafHash();
            for (CompactTree.Node node : compact.append(leafHash)) {
                if (node.level() == 0) {
                    leaves.add(new TreeStore.SealedLeaf(node.index(), row.globalIndex(), row.eventId(), leafHash));
                } else {
                    inner.add(node);
                }
            }
            expected = row.globalIndex() + 1;
            if (latest == null || compact.size() - latest.treeSize() >= properties.checkpointEvents()) {
                latest = keys.checkpoint(compact.size(), compact.root(), clock.instant());
                checkpoints.add(latest);
            }
        }
        if (stoppedAt == null) {
            waitingAt = null;
        }
        if (latest != null && compact.size() > latest.treeSize()
                && Duration.between(latest.issuedAt(), clock.instant()).compareTo(properties.checkpointInterval()) >= 0) {
            latest = keys.checkpoint(compact.size(), compact.root(), clock.instant());
            checkpoints.add(latest);
        }
        tree.append(leaves, inner);
        checkpoints.forEach(tree::storeCheckpoint);
        return new Round(true, leaves.size(), compact.size(), stoppedAt,
                checkpoints.isEmpty() ? null : checkpoints.get(checkpoints.size() - 1));
    }

    /**
     * Whether a missing range can no longer be filled: it was seen before, and every transaction open then has ended
     * since. The range's positions were handed out before the later event's, which was committed when the gap was
     * first seen, so only a transaction already open at that moment can still write them.
     */
    private boolean closed(Gap gap) {
        Gap known = waitingAt;
        if (known == null || known.fromIndex() != gap.fromIndex()) {
            Instant now = jdbc.queryForObject("select clock_timestamp()", Timestamp.class).toInstant();
            waitingAt = new Gap(gap.fromIndex(), gap.toIndex(), now);
            return false;
        }
        Integer older = jdbc.queryForObject("""
                select count(*) from pg_stat_activity
                where xact_start < ? and pid <> pg_backend_pid() and datname = current_database()
                  and backend_type = 'client backend' and coalesce(application_name, '') <> ?""", Integer.class,
                Timestamp.from(known.firstSeen()), VERIFIER_APPLICATION_NAME);
        if (older != null && older > 0) {
            return false;
        }
        // Committed meanwhile: seal it in order next round instead.
        Integer filled = jdbc.queryForObject("select count(*) from domain_event_entry where global_index between ? and ?",
                Integer.class, gap.fromIndex(), gap.toIndex());
        return filled != null && filled == 0;
    }

    /** Offers every sink the checkpoints it has not kept yet, under the same claim, in order. */
    private void export() {
        for (CheckpointSink sink : sinks) {
            try {
                transactions.executeWithoutResult(tx -> {
                    if (!Boolean.TRUE.equals(jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class,
                            SEALING_LOCK))) {
                        return;
                    }
                    List<Checkpoint> pending;
                    while (!(pending = tree.checkpointsAfter(tree.exportedSize(sink.name()), 500)).isEmpty()) {
                        try {
                            sink.append(pending);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        tree.exported(sink.name(), pending.get(pending.size() - 1).treeSize());
                    }
                });
            } catch (RuntimeException e) {
                log.error("Ledger: checkpoints could not be written to {}; offered again next round", sink.name(), e);
            }
        }
    }
}
