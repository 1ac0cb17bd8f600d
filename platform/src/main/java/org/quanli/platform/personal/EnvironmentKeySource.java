package org.quanli.platform.personal;

import java.security.GeneralSecurityException;
import java.util.Optional;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;

/**
 * The KEK as a Tink keyset (JSON) in an environment variable, for installations whose secrets manager injects it.
 * The ledger never creates this one: an operator does, once, and keeps it.
 */
public final class EnvironmentKeySource implements KeyEncryptionKeySource {

    private final String variable;
    private final String value;

    public EnvironmentKeySource(String variable, String value) {
        this.variable = variable;
        this.value = value;
    }

    @Override
    public Optional<Aead> load() {
        try {
            return Optional.of(KeyFileSource.aead(
                    TinkJsonProtoKeysetFormat.parseKeyset(value, InsecureSecretKeyAccess.get())));
        } catch (GeneralSecurityException e) {
            throw new KeyEncryptionKeyUnusable("The environment variable " + variable + " does not hold a Tink "
                    + "keyset (JSON): " + e.getMessage(), e);
        }
    }

    @Override
    public Aead create() {
        throw new KeyEncryptionKeyUnusable("The environment variable " + variable + " names no key to use.");
    }

    @Override
    public String describe() {
        return "the environment variable " + variable;
    }
}
