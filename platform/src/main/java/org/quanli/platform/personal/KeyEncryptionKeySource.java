package org.quanli.platform.personal;

import java.util.Optional;

import com.google.crypto.tink.Aead;

/**
 * Where the key-encryption key (KEK) comes from: it wraps every person's data key and the blind-index key. The
 * default is a key file in the data directory ({@link KeyFileSource}); {@link EnvironmentKeySource} reads it from an
 * environment variable; a production installation with a KMS or HSM declares its own bean of this type, whose
 * {@link Aead} calls the KMS, and the ledger uses that instead.
 */
public interface KeyEncryptionKeySource {

    /** The KEK, or empty when it does not exist yet. */
    Optional<Aead> load();

    /** Makes a new KEK; called only when {@link #load()} is empty and the database holds no wrapped key. */
    Aead create();

    /** Where the key is, for messages (never the key itself). */
    String describe();
}
