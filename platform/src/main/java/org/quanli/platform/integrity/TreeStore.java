package org.quanli.platform.integrity;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The sealed tree in PostgreSQL: leaves ({@code ledger_leaf}), the complete subtrees above them ({@code ledger_node}),
 * closed gaps and signed checkpoints. Proofs read only the O(log n) nodes they need, in one query per level kind.
 */
public class TreeStore {

    private static final RowMapper<Checkpoint> CHECKPOINT = (rs, i) -> new Checkpoint(rs.getLong("tree_size"),
            rs.getBytes("root_hash"), rs.getTimestamp("issued_at").toInstant(), rs.getString("key_id"),
            rs.getBytes("signature"));
    private static final String CHECKPOINT_COLUMNS = "tree_size, root_hash, issued_at, key_id, signature";

    private final JdbcTemplate jdbc;

    public TreeStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A sealed event: its leaf's place, the event's position in the store and its id. */
    public record SealedLeaf(long leafIndex, long globalIndex, String eventId, byte[] leafHash) {
    }

    public long size() {
        return jdbc.queryForObject("select coalesce(max(leaf_index) + 1, 0) from ledger_leaf", Long.class);
    }

    /** The highest store position settled: sealed, or a gap no event can fill any more. 0 before the first. */
    public long horizon() {
        return jdbc.queryForObject("""
                select greatest((select coalesce(max(global_index), 0) from ledger_leaf),
                                (select coalesce(max(to_index), 0) from ledger_gap))""", Long.class);
    }

    public CompactTree compactTree(long size) {
        var edge = CompactTree.edgeOf(size);
        Map<MerkleProofs.Coordinates, byte[]> nodes = nodes(Set.copyOf(edge));
        return new CompactTree(size, edge.stream().map(nodes::get).toList());
    }

    public Map<MerkleProofs.Coordinates, byte[]> nodes(Set<MerkleProofs.Coordinates> wanted) {
        Map<MerkleProofs.Coordinates, byte[]> found = new HashMap<>();
        List<Long> leaves = new ArrayList<>();
        List<Short> levels = new ArrayList<>();
        List<Long> indices = new ArrayList<>();
        for (MerkleProofs.Coordinates c : wanted) {
            if (c.level() == 0) {
                leaves.add(c.index());
            } else {
                levels.add((short) c.level());
                indices.add(c.index());
            }
        }
        // One primary-key lookup per wanted node, whatever the planner makes of an array parameter.
        if (!leaves.isEmpty()) {
            jdbc.query("""
                    select w.leaf_index, l.leaf_hash from unnest(?::bigint[]) as w(leaf_index)
                    cross join lateral (select leaf_hash from ledger_leaf where leaf_index = w.leaf_index) l""",
                    rs -> {
                        found.put(new MerkleProofs.Coordinates(0, rs.getLong(1)), rs.getBytes(2));
                    }, (Object) leaves.toArray(Long[]::new));
        }
        if (!levels.isEmpty()) {
            jdbc.query("""
                    select w.level, w.node_index, n.hash
                    from unnest(?::smallint[], ?::bigint[]) as w(level, node_index)
                    cross join lateral (select hash from ledger_node
                                        where level = w.level and node_index = w.node_index) n""",
                    rs -> {
                        found.put(new MerkleProofs.Coordinates(rs.getInt(1), rs.getLong(2)), rs.getBytes(3));
                    }, levels.toArray(Short[]::new), indices.toArray(Long[]::new));
        }
        return found;
    }

    public void append(List<SealedLeaf> leaves, List<CompactTree.Node> innerNodes) {
        jdbc.batchUpdate("insert into ledger_leaf (leaf_index, global_index, event_identifier, leaf_hash) values (?, ?, ?, ?)",
                leaves, 500, (ps, leaf) -> {
                    ps.setLong(1, leaf.leafIndex());
                    ps.setLong(2, leaf.globalIndex());
                    ps.setString(3, leaf.eventId());
                    ps.setBytes(4, leaf.leafHash());
                });
        jdbc.batchUpdate("insert into ledger_node (level, node_index, hash) values (?, ?, ?)", innerNodes, 500,
                (ps, node) -> {
                    ps.setShort(1, (short) node.level());
                    ps.setLong(2, node.index());
                    ps.setBytes(3, node.hash());
                });
    }

    public void closeGap(long from, long to) {
        jdbc.update("insert into ledger_gap (from_index, to_index, closed_at) values (?, ?, now())", from, to);
    }

    public Optional<SealedLeaf> leafOf(String eventId) {
        return jdbc.query("select leaf_index, global_index, event_identifier, leaf_hash from ledger_leaf "
                        + "where event_identifier = ?", (rs, i) -> new SealedLeaf(rs.getLong(1), rs.getLong(2),
                        rs.getString(3), rs.getBytes(4)), eventId).stream().findFirst();
    }

    public void storeCheckpoint(Checkpoint checkpoint) {
        jdbc.update("insert into ledger_checkpoint (" + CHECKPOINT_COLUMNS + ") values (?, ?, ?, ?, ?)",
                checkpoint.treeSize(), checkpoint.rootHash(), Timestamp.from(checkpoint.issuedAt()),
                checkpoint.keyId(), checkpoint.signature());
    }

    public Optional<Checkpoint> latestCheckpoint() {
        return jdbc.query("select " + CHECKPOINT_COLUMNS + " from ledger_checkpoint order by tree_size desc limit 1",
                CHECKPOINT).stream().findFirst();
    }

    public Optional<Checkpoint> checkpoint(long treeSize) {
        return jdbc.query("select " + CHECKPOINT_COLUMNS + " from ledger_checkpoint where tree_size = ?", CHECKPOINT,
                treeSize).stream().findFirst();
    }

    /** Checkpoints after {@code afterSize}, oldest first, at most {@code limit}. */
    public List<Checkpoint> checkpointsAfter(long afterSize, int limit) {
        return jdbc.query("select " + CHECKPOINT_COLUMNS + " from ledger_checkpoint where tree_size > ? "
                + "order by tree_size limit ?", CHECKPOINT, afterSize, limit);
    }

    /** Checkpoints newest first, a page at a time. */
    public List<Checkpoint> checkpointsNewestFirst(int page, int size) {
        return jdbc.query("select " + CHECKPOINT_COLUMNS + " from ledger_checkpoint order by tree_size desc "
                + "limit ? offset ?", CHECKPOINT, size, (long) page * size);
    }

    public long checkpointCount() {
        return jdbc.queryForObject("select count(*) from ledger_checkpoint", Long.class);
    }

    public long headPosition() {
        return jdbc.queryForObject("select coalesce(max(global_index), 0) from domain_event_entry", Long.class);
    }

    /** The public keys checkpoints have been signed with, by key id. */
    public Map<String, String> publicKeys() {
        Map<String, String> keys = new java.util.LinkedHashMap<>();
        jdbc.query("select key_id, public_key from ledger_signing_key order by first_used",
                rs -> {
                    keys.put(rs.getString(1), rs.getString(2));
                });
        return keys;
    }

    /** The key in use, registering {@code keys} as that when none is. */
    public String keyInUse(LedgerKeys keys) {
        List<String> inUse = jdbc.queryForList("select key_id from ledger_signing_key where retired_at is null",
                String.class);
        if (!inUse.isEmpty()) {
            return inUse.get(0);
        }
        jdbc.update("insert into ledger_signing_key (key_id, public_key, first_used) values (?, ?, now()) "
                + "on conflict (key_id) do update set retired_at = null", keys.keyId(), keys.publicKeyPem());
        return keys.keyId();
    }

    public long exportedSize(String sink) {
        return jdbc.queryForList("select exported_size from ledger_export where sink = ?", Long.class, sink)
                .stream().findFirst().orElse(0L);
    }

    public void exported(String sink, long size) {
        jdbc.update("insert into ledger_export (sink, exported_size) values (?, ?) "
                + "on conflict (sink) do update set exported_size = excluded.exported_size", sink, size);
    }
}
