package org.quanli.platform.integrity;

import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * Verifies the ledger on its own, from the database alone (or an export of its events), with nothing of the
 * application but this class: an auditor's tool and the scheduled check. Three things are checked:
 * <ol>
 * <li>every checkpoint's signature, with the keys the auditor trusts (a checkpoint that fails is named and not used
 * further); an exported copy of the checkpoints must agree with the stored ones;</li>
 * <li>the sealed leaves rebuild, at every checkpoint's size, exactly the signed root;</li>
 * <li>every event in the store, recomputed from its stored bytes, is the sealed leaf at its position — otherwise it
 * is named changed, moved, deleted or inserted.</li>
 * </ol>
 * Reads stream with a cursor; memory holds the tree's right edge and the events that do not match.
 */
public final class LedgerVerifier {

    private static final int FETCH = 2000;

    /** What verification found: nothing in {@code discrepancies} means the store is the one signed. */
    public record Report(long sealedLeaves, long eventsRead, long unsealedEvents, int checkpointsVerified,
                         List<Discrepancy> discrepancies) {

        public boolean clean() {
            return discrepancies.isEmpty();
        }
    }

    private final Collection<PublicKey> trustedKeys;

    public LedgerVerifier(Collection<PublicKey> trustedKeys) {
        this.trustedKeys = List.copyOf(trustedKeys);
    }

    /**
     * Verifies the store behind {@code connection}, against its stored checkpoints and, when given, an exported copy
     * of them. Runs in one read-only repeatable-read transaction, so that the tables are read as of one moment.
     */
    public Report verify(Connection connection, List<Checkpoint> exported) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        int isolation = connection.getTransactionIsolation();
        if (autoCommit) {
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setAutoCommit(false);
        }
        try {
            List<Checkpoint> stored = storedCheckpoints(connection);
            long horizon = horizon(connection);
            try (PreparedStatement leaves = connection.prepareStatement(
                    "select leaf_index, global_index, event_identifier, leaf_hash from ledger_leaf order by leaf_index");
                 PreparedStatement events = connection.prepareStatement(
                         "select " + StoredEventRow.COLUMNS + " from domain_event_entry order by global_index")) {
                leaves.setFetchSize(FETCH);
                events.setFetchSize(FETCH);
                try (ResultSet leafRows = leaves.executeQuery(); ResultSet eventRows = events.executeQuery()) {
                    return verify(new Rows<>(leafRows, rs -> new TreeStore.SealedLeaf(rs.getLong(1), rs.getLong(2),
                                    rs.getString(3), rs.getBytes(4))),
                            new Rows<>(eventRows, StoredEventRow::from), horizon, stored, exported);
                }
            }
        } finally {
            if (autoCommit) {
                connection.rollback();
                connection.setAutoCommit(true);
                connection.setTransactionIsolation(isolation);
            }
        }
    }

    /**
     * Verifies exported events (store order) against signed checkpoints, with no database: the tree is rebuilt from
     * the events themselves, so a difference shows as a checkpoint that does not match.
     */
    public Report verifyExport(Iterator<StoredEventRow> events, List<Checkpoint> checkpoints) {
        List<Discrepancy> found = new ArrayList<>();
        TreeMap<Long, Checkpoint> bySize = trustedBySize(checkpoints, List.of(), found);
        CompactTree tree = new CompactTree();
        long read = 0;
        while (events.hasNext()) {
            tree.append(events.next().leafHash());
            read++;
            compareAt(tree, bySize, found);
        }
        bySize.tailMap(tree.size(), false).values().forEach(c -> found.add(new Discrepancy(
                Discrepancy.Kind.CHECKPOINT_MISMATCH, c.treeSize(), null,
                "签名检查点涵盖 " + c.treeSize() + " 个事件,导出中只有 " + tree.size() + " 个")));
        return new Report(tree.size(), read, 0, bySize.size(), sorted(found));
    }

    Report verify(Iterator<TreeStore.SealedLeaf> leaves, Iterator<StoredEventRow> events, long horizon,
                  List<Checkpoint> stored, List<Checkpoint> exported) {
        List<Discrepancy> found = new ArrayList<>();
        TreeMap<Long, Checkpoint> bySize = trustedBySize(stored, exported, found);

        CompactTree tree = new CompactTree();
        List<TreeStore.SealedLeaf> unmatchedLeaves = new ArrayList<>();
        Map<String, StoredEventRow> unmatchedEvents = new LinkedHashMap<>();
        long eventsRead = 0;
        long unsealed = 0;
        TreeStore.SealedLeaf leaf = next(leaves);
        StoredEventRow event = next(events);
        while (leaf != null || event != null) {
            if (event == null || leaf != null && leaf.globalIndex() < event.globalIndex()) {
                unmatchedLeaves.add(leaf);
                leaf = sealed(leaf, tree, bySize, found, leaves);
            } else if (leaf == null || event.globalIndex() < leaf.globalIndex()) {
                eventsRead++;
                if (event.globalIndex() > horizon) {
                    unsealed++;
                }
                unmatchedEvents.put(event.eventId(), event);
                event = next(events);
            } else {
                eventsRead++;
                if (!leaf.eventId().equals(event.eventId())) {
                    unmatchedLeaves.add(leaf);
                    unmatchedEvents.put(event.eventId(), event);
                } else if (!Arrays.equals(leaf.leafHash(), event.leafHash())) {
                    found.add(new Discrepancy(Discrepancy.Kind.CHANGED, event.globalIndex(), event.eventId(),
                            "存储的内容与封存时不同"));
                }
                leaf = sealed(leaf, tree, bySize, found, leaves);
                event = next(events);
            }
        }
        bySize.tailMap(tree.size(), false).values().forEach(c -> found.add(new Discrepancy(
                Discrepancy.Kind.CHECKPOINT_MISMATCH, c.treeSize(), null,
                "签名检查点涵盖 " + c.treeSize() + " 个事件,封存的树只有 " + tree.size() + " 个")));

        for (TreeStore.SealedLeaf sealedLeaf : unmatchedLeaves) {
            StoredEventRow moved = unmatchedEvents.remove(sealedLeaf.eventId());
            if (moved == null) {
                found.add(new Discrepancy(Discrepancy.Kind.DELETED, sealedLeaf.globalIndex(), sealedLeaf.eventId(),
                        "封存的事件已不在存储中"));
                continue;
            }
            if (moved.globalIndex() > horizon) {
                unsealed--;
            }
            found.add(new Discrepancy(Discrepancy.Kind.MOVED, sealedLeaf.globalIndex(), sealedLeaf.eventId(),
                    "封存于位置 " + sealedLeaf.globalIndex() + ",现位于 " + moved.globalIndex()));
            if (!Arrays.equals(sealedLeaf.leafHash(), at(moved, sealedLeaf.globalIndex()).leafHash())) {
                found.add(new Discrepancy(Discrepancy.Kind.CHANGED, sealedLeaf.globalIndex(), sealedLeaf.eventId(),
                        "存储的内容与封存时不同"));
            }
        }
        unmatchedEvents.values().stream().filter(e -> e.globalIndex() <= horizon).forEach(e -> found.add(
                new Discrepancy(Discrepancy.Kind.INSERTED, e.globalIndex(), e.eventId(),
                        "出现在已封存的位置范围内,但未被封存")));
        return new Report(tree.size(), eventsRead, unsealed,
                bySize.size(), sorted(found));
    }

    private TreeStore.SealedLeaf sealed(TreeStore.SealedLeaf leaf, CompactTree tree, TreeMap<Long, Checkpoint> bySize,
                                        List<Discrepancy> found, Iterator<TreeStore.SealedLeaf> leaves) {
        tree.append(leaf.leafHash());
        compareAt(tree, bySize, found);
        return next(leaves);
    }

    private static void compareAt(CompactTree tree, TreeMap<Long, Checkpoint> bySize, List<Discrepancy> found) {
        Checkpoint checkpoint = bySize.get(tree.size());
        if (checkpoint != null && !Arrays.equals(checkpoint.rootHash(), tree.root())) {
            found.add(new Discrepancy(Discrepancy.Kind.CHECKPOINT_MISMATCH, checkpoint.treeSize(), null,
                    "签名的根哈希与重新计算的树不符"));
        }
    }

    /**
     * The checkpoints whose signatures verify, by tree size; the others named. An exported copy must hold the same
     * checkpoint as the database at each size, and every exported one must still be in the database.
     */
    private TreeMap<Long, Checkpoint> trustedBySize(List<Checkpoint> stored, List<Checkpoint> exported,
                                                    List<Discrepancy> found) {
        TreeMap<Long, Checkpoint> bySize = new TreeMap<>();
        Map<Long, Checkpoint> storedBySize = new HashMap<>();
        for (Checkpoint checkpoint : stored) {
            storedBySize.put(checkpoint.treeSize(), checkpoint);
            if (signed(checkpoint)) {
                bySize.put(checkpoint.treeSize(), checkpoint);
            } else {
                found.add(new Discrepancy(Discrepancy.Kind.BAD_SIGNATURE, checkpoint.treeSize(), null,
                        "签名不能用受信任的公钥验证(密钥 " + checkpoint.keyId() + ")"));
            }
        }
        for (Checkpoint copy : exported) {
            Checkpoint inStore = storedBySize.get(copy.treeSize());
            boolean same = inStore != null && Arrays.equals(inStore.rootHash(), copy.rootHash())
                    && Arrays.equals(inStore.signature(), copy.signature());
            if (!same && signed(copy)) {
                found.add(new Discrepancy(Discrepancy.Kind.CHECKPOINT_MISMATCH, copy.treeSize(), null,
                        inStore == null ? "导出副本中的检查点不在数据库中" : "数据库中的检查点与导出副本不同"));
                bySize.putIfAbsent(copy.treeSize(), copy);
            }
        }
        return bySize;
    }

    private boolean signed(Checkpoint checkpoint) {
        return trustedKeys.stream().anyMatch(key -> LedgerKeys.keyId(key).equals(checkpoint.keyId())
                && checkpoint.verifiesWith(key));
    }

    private static StoredEventRow at(StoredEventRow row, long globalIndex) {
        return new StoredEventRow(globalIndex, row.eventId(), row.aggregateId(), row.sequenceNumber(), row.type(),
                row.timeStamp(), row.payloadType(), row.payloadRevision(), row.payload(), row.metaData());
    }

    private static List<Discrepancy> sorted(List<Discrepancy> found) {
        // One finding per kind and place: a checkpoint that disagrees with the tree and its copy is one mismatch.
        Map<String, Discrepancy> distinct = new LinkedHashMap<>();
        found.forEach(d -> distinct.putIfAbsent(d.kind() + "@" + d.position() + "@" + d.eventId(), d));
        return distinct.values().stream()
                .sorted(Comparator.comparingLong(Discrepancy::position).thenComparing(Discrepancy::kind))
                .toList();
    }

    private static List<Checkpoint> storedCheckpoints(Connection connection) throws SQLException {
        List<Checkpoint> checkpoints = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "select tree_size, root_hash, issued_at, key_id, signature from ledger_checkpoint order by tree_size");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                checkpoints.add(new Checkpoint(rs.getLong(1), rs.getBytes(2), rs.getTimestamp(3).toInstant(),
                        rs.getString(4), rs.getBytes(5)));
            }
        }
        return checkpoints;
    }

    private static long horizon(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                select greatest((select coalesce(max(global_index), 0) from ledger_leaf),
                                (select coalesce(max(to_index), 0) from ledger_gap))""");
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static <T> T next(Iterator<T> iterator) {
        return iterator.hasNext() ? iterator.next() : null;
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** A result set as an iterator, read forward once. */
    private static final class Rows<T> implements Iterator<T> {

        private final ResultSet rs;
        private final RowReader<T> reader;
        private T pending;

        Rows(ResultSet rs, RowReader<T> reader) {
            this.rs = rs;
            this.reader = reader;
        }

        @Override
        public boolean hasNext() {
            if (pending == null) {
                try {
                    pending = rs.next() ? reader.read(rs) : null;
                } catch (SQLException e) {
                    throw new IllegalStateException("reading the store failed", e);
                }
            }
            return pending != null;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            T row = pending;
            pending = null;
            return row;
        }
    }
}
