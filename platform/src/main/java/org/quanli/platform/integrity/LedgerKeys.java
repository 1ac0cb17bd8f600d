package org.quanli.platform.integrity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The ledger's Ed25519 signing key. Kept in a PEM file (PKCS#8) readable by its owner only; created on first use
 * when absent. Its public key is published (X.509 SubjectPublicKeyInfo PEM) and named by a key id: the first 8 bytes
 * of SHA-256 over that public key's DER bytes, in hex.
 */
public final class LedgerKeys {

    private static final String ALGORITHM = "Ed25519";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private LedgerKeys(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    public static LedgerKeys generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            return new LedgerKeys(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
    }

    /** Reads the key file, or creates it (mode 0600 where the file system has POSIX permissions) when absent. */
    public static LedgerKeys loadOrCreate(Path keyFile) {
        try {
            if (Files.exists(keyFile)) {
                String pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
                PrivateKey privateKey = KeyFactory.getInstance(ALGORITHM)
                        .generatePrivate(new PKCS8EncodedKeySpec(der(block(pem, "PRIVATE KEY"))));
                return new LedgerKeys(privateKey, readPublicKey(block(pem, "PUBLIC KEY")));
            }
            LedgerKeys keys = generate();
            Path parent = keyFile.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temporary = Files.createTempFile(parent, ".ledger-key", ".tmp");
            try {
                if (Files.getFileStore(temporary).supportsFileAttributeView("posix")) {
                    Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
                }
                // The JDK derives no public key from an Ed25519 private key, so the file keeps both.
                Files.writeString(temporary, pem("PRIVATE KEY", keys.privateKey.getEncoded()) + keys.publicKeyPem(),
                        StandardCharsets.US_ASCII);
                Files.move(temporary, keyFile);
            } finally {
                Files.deleteIfExists(temporary);
            }
            return keys;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read or create the ledger signing key " + keyFile, e);
        }
    }

    public byte[] sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the ledger key", e);
        }
    }

    public Checkpoint checkpoint(long treeSize, byte[] rootHash, java.time.Instant issuedAt) {
        byte[] signature = sign(Checkpoint.signedText(treeSize, rootHash, issuedAt).getBytes(StandardCharsets.UTF_8));
        return new Checkpoint(treeSize, rootHash, issuedAt, keyId(), signature);
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public String keyId() {
        return keyId(publicKey);
    }

    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    public static String keyId(PublicKey publicKey) {
        byte[] digest = MerkleHashes.sha256().digest(publicKey.getEncoded());
        return HexFormat.of().formatHex(digest, 0, 8);
    }

    public static boolean verify(PublicKey publicKey, byte[] message, byte[] signatureBytes) {
        if (signatureBytes == null) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(publicKey);
            signature.update(message);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** A public key from its PEM text (as published at {@code /api/public/ledger/public-key}). */
    public static PublicKey readPublicKey(String pem) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(pem)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key in PEM", e);
        }
    }

    private static String block(String pem, String label) {
        int begin = pem.indexOf("-----BEGIN " + label + "-----");
        String end = "-----END " + label + "-----";
        int finish = pem.indexOf(end, Math.max(begin, 0));
        if (begin < 0 || finish < 0) {
            throw new IllegalArgumentException("the key file has no " + label + " block");
        }
        return pem.substring(begin, finish + end.length());
    }

    private static byte[] der(String pem) {
        return Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
