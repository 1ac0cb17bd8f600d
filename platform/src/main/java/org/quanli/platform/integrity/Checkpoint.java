package org.quanli.platform.integrity;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * A signed statement of the ledger's tree: its size (how many events, from the first in store order), its root hash
 * and when it was issued, signed with Ed25519 by the key named {@code keyId}. What is signed is {@link #signedText()}.
 */
public record Checkpoint(long treeSize, byte[] rootHash, Instant issuedAt, String keyId, byte[] signature) {

    public static final String HEADER = "quanli-ledger checkpoint v1";

    public Checkpoint {
        issuedAt = issuedAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    /** Four lines, each ending in a line feed: the header, the tree size, the root hash in base64, the ISO-8601 time. */
    public static String signedText(long treeSize, byte[] rootHash, Instant issuedAt) {
        return HEADER + "\n" + treeSize + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n"
                + issuedAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS) + "\n";
    }

    public String signedText() {
        return signedText(treeSize, rootHash, issuedAt);
    }

    public byte[] signedBytes() {
        return signedText().getBytes(StandardCharsets.UTF_8);
    }

    public boolean verifiesWith(java.security.PublicKey publicKey) {
        return LedgerKeys.verify(publicKey, signedBytes(), signature);
    }
}
