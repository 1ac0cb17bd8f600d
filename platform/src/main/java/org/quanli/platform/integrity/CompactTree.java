package org.quanli.platform.integrity;

import java.util.ArrayList;
import java.util.List;

/**
 * A Merkle tree that only grows, kept as its right edge: the roots of the complete subtrees that make up its size
 * (one per set bit of the size, largest first). Appending a leaf yields the complete nodes it finishes, which is what
 * the sealer stores; the root at the current size is folded from the edge. Memory is O(log n).
 */
public final class CompactTree {

    private final List<byte[]> edge;
    private long size;

    public CompactTree() {
        this(0, List.of());
    }

    /** Resumes a tree of {@code size} leaves from the roots of its complete subtrees, largest first. */
    public CompactTree(long size, List<byte[]> edge) {
        if (edge.size() != Long.bitCount(size)) {
            throw new IllegalArgumentException("a tree of " + size + " leaves has " + Long.bitCount(size)
                    + " edge nodes, not " + edge.size());
        }
        this.size = size;
        this.edge = new ArrayList<>(edge);
    }

    /** The coordinates of the edge nodes of a tree of {@code size} leaves, largest first. */
    public static List<MerkleProofs.Coordinates> edgeOf(long size) {
        List<MerkleProofs.Coordinates> nodes = new ArrayList<>();
        long start = 0;
        for (int level = 63; level >= 0; level--) {
            if ((size >> level & 1) == 1) {
                nodes.add(new MerkleProofs.Coordinates(level, start >> level));
                start += 1L << level;
            }
        }
        return nodes;
    }

    public long size() {
        return size;
    }

    /** Appends a leaf hash and answers every complete node it finishes, the leaf itself first. */
    public List<Node> append(byte[] leafHash) {
        List<Node> finished = new ArrayList<>();
        long index = size;
        finished.add(new Node(0, index, leafHash));
        byte[] hash = leafHash;
        int level = 0;
        while ((index >> level & 1) == 1) {
            byte[] left = edge.remove(edge.size() - 1);
            hash = MerkleHashes.nodeHash(left, hash);
            level++;
            finished.add(new Node(level, index >> level, hash));
        }
        edge.add(hash);
        size++;
        return finished;
    }

    public byte[] root() {
        if (edge.isEmpty()) {
            return MerkleHashes.emptyRoot();
        }
        byte[] root = edge.get(edge.size() - 1);
        for (int i = edge.size() - 2; i >= 0; i--) {
            root = MerkleHashes.nodeHash(edge.get(i), root);
        }
        return root;
    }

    /** A complete subtree's hash at its place. */
    public record Node(int level, long index, byte[] hash) {
    }
}
