package org.quanli.platformtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quanli.platform.integrity.Checkpoint;
import org.quanli.platform.integrity.CompactTree;
import org.quanli.platform.integrity.Discrepancy;
import org.quanli.platform.integrity.LedgerKeys;
import org.quanli.platform.integrity.LedgerProperties;
import org.quanli.platform.integrity.LedgerSealer;
import org.quanli.platform.integrity.LedgerVerifier;
import org.quanli.platform.integrity.StoredEventRow;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sealer appends every stored event to the tree in store order, never past a position a running transaction
 * can still fill, carries on exactly where it stopped (a restart, another node) and lets one node seal at a time.
 * Scheduling is off here: the tests drive the rounds.
 */
class LedgerSealingTest extends LedgerTestBase {

    @Autowired
    TransactionTemplate transactions;
    @Autowired
    LedgerProperties properties;

    @BeforeEach
    void everythingStoredSoFarIsSealed() {
        sealer.sealAvailable();
        sealer.sealAvailable();
        assertThat(tree.horizon()).isEqualTo(tree.headPosition());
    }

    @Test
    void everyEventIsALeafInStoreOrderAndTheCheckpointSignsTheRootOfThoseLeaves() throws Exception {
        for (int i = 0; i < 9; i++) {
            LedgerTestSupport.appendEvent(dataSource, "event " + i);
        }
        LedgerSealer.Round round = sealer.sealAvailable();

        assertThat(round.sealed()).isEqualTo(9);
        List<StoredEventRow> rows = jdbc.query("select " + StoredEventRow.COLUMNS
                + " from domain_event_entry order by global_index", (rs, i) -> StoredEventRow.from(rs));
        List<Long> sealedOrder = jdbc.queryForList("select global_index from ledger_leaf order by leaf_index", Long.class);
        assertThat(sealedOrder).isEqualTo(rows.stream().map(StoredEventRow::globalIndex).toList());

        Checkpoint latest = tree.latestCheckpoint().orElseThrow();
        CompactTree recomputed = new CompactTree();
        byte[] rootAtCheckpoint = null;
        for (StoredEventRow row : rows) {
            recomputed.append(row.leafHash());
            if (recomputed.size() == latest.treeSize()) {
                rootAtCheckpoint = recomputed.root();
            }
        }
        // A checkpoint at least every four events (the setting here), over exactly the leaves below its size.
        assertThat(latest.treeSize()).isGreaterThan(rows.size() - 4L);
        assertThat(latest.rootHash()).isEqualTo(rootAtCheckpoint);
        assertThat(tree.compactTree(tree.size()).root()).isEqualTo(recomputed.root());
        assertThat(latest.verifiesWith(keys.publicKey())).isTrue();
        assertThat(latest.keyId()).isEqualTo(keys.keyId());
        assertThat(verify().discrepancies()).isEmpty();
    }

    @Test
    void anEventCommittedLateBelowALaterOneIsWaitedForAndSealedInItsPlace() throws Exception {
        long before = tree.size();
        long late;
        long early;
        try (Connection slow = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            late = LedgerTestSupport.appendEvent(slow, "takes its time");
            early = LedgerTestSupport.appendEvent(dataSource, "commits first");
            assertThat(early).isGreaterThan(late);

            LedgerSealer.Round first = sealer.sealAvailable();
            assertThat(first.sealed()).isZero();
            assertThat(first.waitingAt().fromIndex()).isEqualTo(late);
            // The transaction that holds the position is still open: the sealer keeps waiting.
            assertThat(sealer.sealAvailable().sealed()).isZero();
            assertThat(tree.horizon()).isEqualTo(late - 1);

            slow.commit();
        }
        LedgerSealer.Round filled = sealer.sealAvailable();

        assertThat(filled.sealed()).isEqualTo(2);
        assertThat(filled.waitingAt()).isNull();
        assertThat(jdbc.queryForList("select global_index from ledger_leaf where leaf_index >= ? order by leaf_index",
                Long.class, before)).containsExactly(late, early);
        assertThat(jdbc.queryForObject("select count(*) from ledger_gap where ? between from_index and to_index",
                Long.class, late)).isZero();
        assertThat(verify().discrepancies()).isEmpty();
    }

    @Test
    void aPositionRolledBackIsClosedAsAGapOnceNoTransactionCanFillItAndAnEventThereLaterIsInserted() throws Exception {
        long lost;
        try (Connection abandoned = dataSource.getConnection()) {
            abandoned.setAutoCommit(false);
            lost = LedgerTestSupport.appendEvent(abandoned, "rolled back");
            long after = LedgerTestSupport.appendEvent(dataSource, "after the lost one");
            assertThat(sealer.sealAvailable().waitingAt().fromIndex()).isEqualTo(lost);
            abandoned.rollback();
            assertThat(after).isEqualTo(lost + 1);
        }
        LedgerSealer.Round closed = sealer.sealAvailable();

        assertThat(closed.sealed()).isEqualTo(1);
        assertThat(jdbc.queryForList("select from_index from ledger_gap where to_index = ?", Long.class, lost))
                .containsExactly(lost);
        assertThat(verify().discrepancies()).isEmpty();

        // Someone writes an event into the closed position afterwards: verification names exactly that.
        try (Connection forger = dataSource.getConnection()) {
            forger.setAutoCommit(false);
            String forged = jdbc.queryForObject("select gen_random_uuid()::text", String.class);
            try (var insert = forger.prepareStatement("""
                    insert into domain_event_entry (global_index, aggregate_identifier, sequence_number, type,
                        event_identifier, time_stamp, payload_type, payload, meta_data)
                    select ?, 'forged', 0, 'Test', ?, time_stamp, payload_type, payload, meta_data
                    from domain_event_entry where global_index = ?""")) {
                insert.setLong(1, lost);
                insert.setString(2, forged);
                insert.setLong(3, lost + 1);
                insert.executeUpdate();
            }
            var report = new LedgerVerifier(List.of(keys.publicKey())).verify(forger, List.of());
            forger.rollback();
            assertThat(report.discrepancies()).extracting(Discrepancy::kind, Discrepancy::position, Discrepancy::eventId)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Discrepancy.Kind.INSERTED, lost, forged));
        }
    }

    @Test
    void aRestartedOrOtherNodesSealerCarriesOnFromTheTablesAndOnlyOneSealsAtATime() throws Exception {
        long sizeBefore = tree.size();
        for (int i = 0; i < 3; i++) {
            LedgerTestSupport.appendEvent(dataSource, "before restart " + i);
        }
        sealer.sealAvailable();
        for (int i = 0; i < 5; i++) {
            LedgerTestSupport.appendEvent(dataSource, "after restart " + i);
        }
        // A new sealer, as after a restart or on another node with the same key: nothing of the first is in memory.
        LedgerSealer restarted = new LedgerSealer(jdbc, tree, keys, List.of(), transactions, properties,
                Clock.systemUTC());

        try (Connection otherNode = dataSource.getConnection()) {
            try (var lock = otherNode.createStatement().executeQuery(
                    "select pg_advisory_lock(x'4c45444745525344'::bigint)")) {
                lock.next();
            }
            LedgerSealer.Round refused = restarted.sealAvailable();
            assertThat(refused.claimed()).isFalse();
            assertThat(tree.size()).isEqualTo(sizeBefore + 3);
            otherNode.createStatement().execute("select pg_advisory_unlock_all()");
        }
        LedgerSealer.Round resumed = restarted.sealAvailable();

        assertThat(resumed.sealed()).isEqualTo(5);
        assertThat(tree.size()).isEqualTo(sizeBefore + 8);
        assertThat(jdbc.queryForObject("select count(distinct leaf_index) = count(*) and max(leaf_index) + 1 = count(*) "
                + "from ledger_leaf", Boolean.class)).isTrue();
        assertThat(verify().discrepancies()).isEmpty();
    }

    @Test
    void aNodeWithAnotherSigningKeyDoesNotSeal() throws Exception {
        LedgerTestSupport.appendEvent(dataSource, "waits for the right key");
        LedgerSealer stranger = new LedgerSealer(jdbc, tree, LedgerKeys.generate(), List.of(), transactions,
                properties, Clock.systemUTC());

        assertThat(stranger.sealAvailable().claimed()).isFalse();
        assertThat(stranger.refusal()).contains(keys.keyId());
        assertThat(tree.horizon()).isLessThan(tree.headPosition());
        assertThat(sealer.sealAvailable().sealed()).isEqualTo(1);
    }

    private LedgerVerifier.Report verify() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            return new LedgerVerifier(List.of(keys.publicKey())).verify(connection, List.of());
        }
    }
}
