package org.quanli.platform.personal;

/** The key-encryption key is missing, wrong or unsafe: the ledger refuses to start rather than read garbage. */
public class KeyEncryptionKeyUnusable extends IllegalStateException {

    public KeyEncryptionKeyUnusable(String message) {
        super(message);
    }

    public KeyEncryptionKeyUnusable(String message, Throwable cause) {
        super(message, cause);
    }
}
