package org.quanli.platform.personal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Optional;
import java.util.Set;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

/**
 * The KEK as a Tink keyset (JSON) in a file readable by its owner only. Several keys may be in the keyset (after a
 * rotation); the primary one wraps new data keys, every one of them still unwraps. A blank path keeps a fresh key in
 * memory only, for tests.
 */
public final class KeyFileSource implements KeyEncryptionKeySource {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path path;
    private Aead memoryOnly;

    public KeyFileSource(String path) {
        this.path = path == null || path.isBlank() ? null : Path.of(path).toAbsolutePath();
    }

    @Override
    public Optional<Aead> load() {
        if (path == null) {
            return Optional.ofNullable(memoryOnly);
        }
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        try {
            if (posix() && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(path))) {
                throw new KeyEncryptionKeyUnusable("The key-encryption key file " + path + " is readable by others "
                        + "than its owner (" + PosixFilePermissions.toString(Files.getPosixFilePermissions(path))
                        + "); restrict it with chmod 600 " + path + " and start again.");
            }
            return Optional.of(aead(TinkJsonProtoKeysetFormat.parseKeyset(
                    Files.readString(path, StandardCharsets.UTF_8), InsecureSecretKeyAccess.get())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key-encryption key file " + path, e);
        } catch (GeneralSecurityException e) {
            throw new KeyEncryptionKeyUnusable("The key-encryption key file " + path + " is not a Tink keyset: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Aead create() {
        try {
            KeysetHandle keyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            if (path == null) {
                memoryOnly = aead(keyset);
                return memoryOnly;
            }
            Files.createDirectories(path.getParent());
            if (posix()) {
                Files.createFile(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(path);
            }
            Files.writeString(path, TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get()),
                    StandardCharsets.UTF_8);
            return aead(keyset);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the key-encryption key file " + path, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a key-encryption key", e);
        }
    }

    @Override
    public String describe() {
        return path == null ? "a key kept in memory for this run only" : "the key file " + path;
    }

    static Aead aead(KeysetHandle keyset) throws GeneralSecurityException {
        return keyset.getPrimitive(com.google.crypto.tink.RegistryConfiguration.get(), Aead.class);
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
