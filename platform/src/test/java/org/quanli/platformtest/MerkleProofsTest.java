package org.quanli.platformtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.quanli.platform.integrity.CompactTree;
import org.quanli.platform.integrity.MerkleHashes;
import org.quanli.platform.integrity.MerkleProofs;
import org.quanli.platform.integrity.NodeSource;

/**
 * Known answers of RFC 6962 hashing, tree heads, inclusion and consistency proofs: the eight-leaf test tree of the
 * Certificate Transparency implementations (transparency-dev/merkle {@code testonly} and {@code cmd/proofgen}, the
 * vectors Google's CT code has used since 2013). Proof indices there count leaves from 1; here from 0.
 */
class MerkleProofsTest {

    private static final List<byte[]> LEAVES = List.of(hex(""), hex("00"), hex("10"), hex("2021"), hex("3031"),
            hex("40414243"), hex("5051525354555657"), hex("606162636465666768696a6b6c6d6e6f"));

    private static final List<String> ROOTS = List.of(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    @Test
    void leafAndNodeHashesArePrefixedAsRfc6962Says() {
        assertThat(hex(MerkleHashes.emptyRoot()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(hex(MerkleHashes.leafHash(new byte[0])))
                .isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
        assertThat(hex(MerkleHashes.leafHash("L123456".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56");
        assertThat(hex(MerkleHashes.nodeHash("N123".getBytes(StandardCharsets.US_ASCII),
                "N456".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb");
    }

    @Test
    void treeHeadsOfEveryPrefixOfTheTestTreeAreTheKnownRoots() {
        CompactTree tree = new CompactTree();
        assertThat(hex(tree.root())).isEqualTo(ROOTS.get(0));
        for (int size = 1; size <= 8; size++) {
            tree.append(MerkleHashes.leafHash(LEAVES.get(size - 1)));
            assertThat(hex(tree.root())).as("root of %d leaves", size).isEqualTo(ROOTS.get(size));
            assertThat(hex(MerkleProofs.root(nodes(), size))).as("stored-node root of %d", size).isEqualTo(ROOTS.get(size));
        }
    }

    @Test
    void appendingLeavesYieldsTheKnownCompleteSubtrees() {
        CompactTree tree = new CompactTree();
        List<CompactTree.Node> finished = new ArrayList<>();
        LEAVES.forEach(leaf -> finished.addAll(tree.append(MerkleHashes.leafHash(leaf))));
        Map<String, String> byPlace = finished.stream()
                .collect(Collectors.toMap(n -> n.level() + "/" + n.index(), n -> hex(n.hash())));
        assertThat(byPlace).hasSize(15)
                .containsEntry("0/1", "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7")
                .containsEntry("1/2", "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a")
                .containsEntry("1/3", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0")
                .containsEntry("2/1", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")
                .containsEntry("3/0", ROOTS.get(8));
    }

    @Test
    void inclusionProofsAreTheKnownOnesAndVerify() {
        assertInclusion(0, 1);
        assertInclusion(0, 8, "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        assertInclusion(5, 8, "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        assertInclusion(2, 3, "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125");
        assertInclusion(1, 5, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
    }

    @Test
    void everyInclusionProofOfTheTestTreeVerifiesAndNoAlteredOneDoes() {
        for (int size = 1; size <= 8; size++) {
            byte[] root = hex(ROOTS.get(size));
            for (int index = 0; index < size; index++) {
                List<byte[]> proof = MerkleProofs.inclusion(nodes(), index, size);
                byte[] leaf = MerkleHashes.leafHash(LEAVES.get(index));
                assertThat(MerkleProofs.verifyInclusion(index, size, leaf, proof, root)).isTrue();
                assertThat(MerkleProofs.verifyInclusion(index, size, MerkleHashes.leafHash(hex("ff")), proof, root))
                        .isFalse();
                if (size > 1) {
                    assertThat(MerkleProofs.verifyInclusion(index ^ 1, size, leaf, proof, root)).isFalse();
                    assertThat(MerkleProofs.verifyInclusion(index, size, leaf, proof.subList(1, proof.size()), root))
                            .isFalse();
                    List<byte[]> flipped = new ArrayList<>(proof);
                    byte[] first = flipped.get(0).clone();
                    first[3] ^= 1;
                    flipped.set(0, first);
                    assertThat(MerkleProofs.verifyInclusion(index, size, leaf, flipped, root)).isFalse();
                }
                assertThat(MerkleProofs.verifyInclusion(index, size, leaf, proof, hex(ROOTS.get(size - 1)))).isFalse();
            }
        }
    }

    @Test
    void consistencyProofsAreTheKnownOnesAndVerify() {
        assertConsistency(1, 1);
        assertConsistency(1, 8, "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        assertConsistency(6, 8, "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        assertConsistency(2, 5, "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
        assertConsistency(6, 7, "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
    }

    @Test
    void everyConsistencyProofOfTheTestTreeVerifiesAndNoneAgainstAWrongRoot() {
        for (int second = 1; second <= 8; second++) {
            for (int first = 1; first <= second; first++) {
                List<byte[]> proof = MerkleProofs.consistency(nodes(), first, second);
                byte[] firstRoot = hex(ROOTS.get(first));
                byte[] secondRoot = hex(ROOTS.get(second));
                assertThat(MerkleProofs.verifyConsistency(first, second, firstRoot, secondRoot, proof))
                        .as("%d → %d", first, second).isTrue();
                if (first < second) {
                    assertThat(MerkleProofs.verifyConsistency(first, second, secondRoot, firstRoot, proof)).isFalse();
                    assertThat(MerkleProofs.verifyConsistency(first, second, hex(ROOTS.get(first - 1)), secondRoot,
                            proof)).isFalse();
                    assertThat(MerkleProofs.verifyConsistency(first, second, firstRoot, secondRoot, List.of()))
                            .isFalse();
                }
            }
        }
    }

    @Test
    void aBatchedProofReadsEachNodeOnceAndEqualsTheDirectOne() {
        List<MerkleProofs.Coordinates> asked = new ArrayList<>();
        List<byte[]> proof = MerkleProofs.batched(source -> MerkleProofs.inclusion(source, 5, 7), wanted -> {
            asked.addAll(wanted);
            return wanted.stream().collect(Collectors.toMap(c -> c, c -> nodes().node(c.level(), c.index())));
        });
        assertThat(proof).extracting(MerkleProofsTest::hex)
                .containsExactlyElementsOf(MerkleProofs.inclusion(nodes(), 5, 7).stream().map(MerkleProofsTest::hex).toList());
        assertThat(asked).doesNotHaveDuplicates().hasSize(3);
    }

    private static void assertInclusion(int index, int size, String... expected) {
        List<byte[]> proof = MerkleProofs.inclusion(nodes(), index, size);
        assertThat(proof).extracting(MerkleProofsTest::hex).containsExactly(expected);
        assertThat(MerkleProofs.verifyInclusion(index, size, MerkleHashes.leafHash(LEAVES.get(index)), proof,
                hex(ROOTS.get(size)))).isTrue();
    }

    private static void assertConsistency(int first, int second, String... expected) {
        List<byte[]> proof = MerkleProofs.consistency(nodes(), first, second);
        assertThat(proof).extracting(MerkleProofsTest::hex).containsExactly(expected);
        assertThat(MerkleProofs.verifyConsistency(first, second, hex(ROOTS.get(first)), hex(ROOTS.get(second)), proof))
                .isTrue();
    }

    /** The complete subtrees of the eight-leaf tree, computed from the leaves by the RFC's definition. */
    private static NodeSource nodes() {
        return (level, index) -> {
            int width = 1 << level;
            return mth(LEAVES.subList((int) index * width, (int) index * width + width));
        };
    }

    private static byte[] mth(List<byte[]> leaves) {
        if (leaves.size() == 1) {
            return MerkleHashes.leafHash(leaves.get(0));
        }
        int k = Integer.highestOneBit(leaves.size() - 1);
        return MerkleHashes.nodeHash(mth(leaves.subList(0, k)), mth(leaves.subList(k, leaves.size())));
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
