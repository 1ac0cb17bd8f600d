package org.quanli.platform.integrity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Merkle tree hashes, inclusion proofs and consistency proofs exactly as RFC 6962 section 2.1 defines them (and RFC
 * 9162 section 2.1 verifies them), over a {@link NodeSource} of complete subtrees. Proofs list their hashes from the
 * leaf's side upwards.
 */
public final class MerkleProofs {

    private MerkleProofs() {
    }

    /** MTH(D[start:start+size]); {@code start} is a multiple of the largest power of two below {@code size}. */
    public static byte[] subtreeHash(NodeSource nodes, long start, long size) {
        if (size == 0) {
            return MerkleHashes.emptyRoot();
        }
        if (Long.bitCount(size) == 1) {
            return nodes.node(Long.numberOfTrailingZeros(size), start / size);
        }
        long k = largestPowerOfTwoBelow(size);
        return MerkleHashes.nodeHash(subtreeHash(nodes, start, k), subtreeHash(nodes, start + k, size - k));
    }

    public static byte[] root(NodeSource nodes, long treeSize) {
        return subtreeHash(nodes, 0, treeSize);
    }

    /** PATH(m, D[n]) of RFC 6962 2.1.1: the audit path of leaf {@code index} in the tree of {@code treeSize} leaves. */
    public static List<byte[]> inclusion(NodeSource nodes, long index, long treeSize) {
        if (index < 0 || index >= treeSize) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + treeSize);
        }
        List<byte[]> path = new ArrayList<>();
        path(nodes, index, 0, treeSize, path);
        return path;
    }

    private static void path(NodeSource nodes, long m, long start, long n, List<byte[]> out) {
        if (n <= 1) {
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m < k) {
            path(nodes, m, start, k, out);
            out.add(subtreeHash(nodes, start + k, n - k));
        } else {
            path(nodes, m - k, start + k, n - k, out);
            out.add(subtreeHash(nodes, start, k));
        }
    }

    /** PROOF(m, D[n]) of RFC 6962 2.1.2; empty when m = n. */
    public static List<byte[]> consistency(NodeSource nodes, long first, long second) {
        if (first <= 0 || first > second) {
            throw new IllegalArgumentException("no consistency proof from " + first + " to " + second);
        }
        List<byte[]> proof = new ArrayList<>();
        if (first < second) {
            subproof(nodes, first, 0, second, true, proof);
        }
        return proof;
    }

    private static void subproof(NodeSource nodes, long m, long start, long n, boolean complete, List<byte[]> out) {
        if (m == n) {
            if (!complete) {
                out.add(subtreeHash(nodes, start, n));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(nodes, m, start, k, complete, out);
            out.add(subtreeHash(nodes, start + k, n - k));
        } else {
            subproof(nodes, m - k, start + k, n - k, false, out);
            out.add(subtreeHash(nodes, start, k));
        }
    }

    /** RFC 9162 2.1.3.2: does {@code proof} take {@code leafHash} at {@code index} to {@code root}? */
    public static boolean verifyInclusion(long index, long treeSize, byte[] leafHash, List<byte[]> proof, byte[] root) {
        if (index < 0 || index >= treeSize) {
            return false;
        }
        long fn = index;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleHashes.nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = MerkleHashes.nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    /** RFC 9162 2.1.4.2: is the tree of {@code second} leaves an append-only extension of the tree of {@code first}? */
    public static boolean verifyConsistency(long first, long second, byte[] firstRoot, byte[] secondRoot,
                                            List<byte[]> proof) {
        if (first <= 0 || first > second) {
            return false;
        }
        if (first == second) {
            return proof.isEmpty() && Arrays.equals(firstRoot, secondRoot);
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(first) == 1) {
            path.add(0, firstRoot);
        }
        long fn = first - 1;
        long sn = second - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = MerkleHashes.nodeHash(c, fr);
                sr = MerkleHashes.nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = MerkleHashes.nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(fr, firstRoot) && Arrays.equals(sr, secondRoot);
    }

    /**
     * Runs a proof computation twice: first to learn which nodes it reads, then, after one fetch of all of them, for
     * real. The computation's course depends only on positions, never on hash values, so the two runs read the same
     * nodes; a stored tree answers a proof with one query.
     */
    public static <T> T batched(Function<NodeSource, T> computation, Function<Set<Coordinates>, Map<Coordinates, byte[]>> fetch) {
        Set<Coordinates> wanted = new LinkedHashSet<>();
        byte[] placeholder = new byte[MerkleHashes.HASH_LENGTH];
        computation.apply((level, index) -> {
            wanted.add(new Coordinates(level, index));
            return placeholder;
        });
        Map<Coordinates, byte[]> fetched = fetch.apply(wanted);
        return computation.apply((level, index) -> {
            byte[] hash = fetched.get(new Coordinates(level, index));
            if (hash == null) {
                throw new IllegalStateException("tree node " + level + "/" + index + " is missing");
            }
            return hash;
        });
    }

    /** A complete subtree's place: its level (0 = leaves) and its index within the level. */
    public record Coordinates(int level, long index) {
    }

    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }
}
