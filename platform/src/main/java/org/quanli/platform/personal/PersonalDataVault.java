package org.quanli.platform.personal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.PrfConfig;
import com.google.crypto.tink.prf.PrfSet;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The keys of personal data. Each person (data subject) has a data key of their own (AES-256-GCM, a Tink keyset)
 * stored wrapped by the key-encryption key in {@code personal_data_key}, apart from the event store; the person is
 * found by a blind index (HMAC-SHA256 under a key of its own) of the normalised identity document number, never by
 * the number itself. Erasing the person deletes the data key and the blind index: whatever was encrypted under it,
 * in events and projections, cannot be read any more, by anyone.
 *
 * <p>Start-up opens the blind-index key with the KEK: a missing or wrong KEK stops the application with a message
 * saying so, instead of letting it write data nobody can read or read nothing.
 */
public class PersonalDataVault {

    private static final int CACHED_KEYS = 10_000;
    private static final String BLIND_INDEX_KEY = "blind-index";
    private static final String FOUND_SUBJECTS = PersonalDataVault.class.getName() + ".found";

    private final JdbcClient jdbc;
    private final Aead kek;
    private final PrfSet blindIndexKey;
    private final Map<String, Aead> keys = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Aead> eldest) {
            return size() > CACHED_KEYS;
        }
    };

    /** A person's subject id and data key. */
    public record Subject(String id, Aead key) {
    }

    public PersonalDataVault(JdbcClient jdbc, KeyEncryptionKeySource source) {
        this.jdbc = jdbc;
        try {
            AeadConfig.register();
            PrfConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot register Tink's primitives", e);
        }
        Optional<byte[]> wrapped = secret();
        Optional<Aead> loaded = source.load();
        if (loaded.isEmpty() && (wrapped.isPresent() || keysExist())) {
            throw new KeyEncryptionKeyUnusable("The key-encryption key is missing (" + source.describe() + ") but "
                    + "this database holds personal data keys wrapped by one. Restore the key from its backup (or set "
                    + "the variable) and start again; without it no personal data in this ledger can be read.");
        }
        this.kek = loaded.orElseGet(source::create);
        this.blindIndexKey = blindIndexKey(wrapped.orElseGet(this::createBlindIndexKey), source);
    }

    /** HMAC of the normalised number: how a person is found without their number being stored. */
    public String blindIndex(String subjectValue) {
        try {
            return HexFormat.of().formatHex(blindIndexKey.computePrimary(
                    normalise(subjectValue).getBytes(StandardCharsets.UTF_8), 32));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot compute a blind index", e);
        }
    }

    /** The person's subject id, if the ledger holds (unerased) data about them. */
    public Optional<String> subjectOf(String subjectValue) {
        return subjectByIndex(blindIndex(subjectValue));
    }

    private Optional<String> subjectByIndex(String index) {
        Map<String, String> found = foundInThisUnitOfWork(false);
        if (found != null && found.containsKey(index)) {
            return Optional.of(found.get(index));
        }
        return jdbc.sql("select subject_id from personal_data_key where blind_index = ?")
                .param(index).query(String.class).optional();
    }

    /**
     * Finds in one query the subjects of these persons (identity numbers) who have one, for {@link #subjectFor} and
     * {@link #subjectOf} to take while the current unit of work runs: a projection taking in a batch of new cases asks
     * once, not once per case. Nothing outside a unit of work. A person without a subject is not remembered as
     * such: {@link #subjectFor} still makes one.
     */
    public void findSubjects(Collection<String> subjectValues) {
        Map<String, String> found = foundInThisUnitOfWork(true);
        if (found == null) {
            return;
        }
        String[] indexes = subjectValues.stream().map(this::blindIndex).filter(index -> !found.containsKey(index))
                .distinct().toArray(String[]::new);
        if (indexes.length == 0) {
            return;
        }
        jdbc.sql("select blind_index, subject_id from personal_data_key where blind_index = any(?)").param(indexes)
                .query(rs -> {
                    found.put(rs.getString(1), rs.getString(2));
                });
    }

    /**
     * Blind index → subject found by {@link #findSubjects} in the current unit of work; null outside one, and when
     * nothing was asked unless {@code create}.
     */
    private static Map<String, String> foundInThisUnitOfWork(boolean create) {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return create ? root.getOrComputeResource(FOUND_SUBJECTS, key -> new HashMap<>())
                : root.getResource(FOUND_SUBJECTS);
    }

    /** The person's subject and data key, made on first use. Joins the caller's transaction. */
    public Subject subjectFor(String subjectValue) {
        String index = blindIndex(subjectValue);
        Optional<String> existing = subjectByIndex(index);
        if (existing.isEmpty()) {
            String id = UUID.randomUUID().toString();
            jdbc.sql("""
                    insert into personal_data_key (subject_id, blind_index, data_key) values (?, ?, ?)
                    on conflict (blind_index) do nothing""")
                    .params(id, index, wrap(id))
                    .update();
            existing = jdbc.sql("select subject_id from personal_data_key where blind_index = ?")
                    .param(index).query(String.class).optional();
        }
        String id = existing.orElseThrow(() -> new IllegalStateException("no data key for a new subject"));
        return new Subject(id, keyOf(id).orElseThrow());
    }

    /** The person's data key; empty once erased. A subject the table does not know is a broken store. */
    public Optional<Aead> keyOf(String subjectId) {
        synchronized (keys) {
            Aead cached = keys.get(subjectId);
            if (cached != null) {
                return Optional.of(cached);
            }
        }
        Optional<Optional<byte[]>> row = jdbc.sql("select data_key from personal_data_key where subject_id = ?")
                .param(subjectId).query((rs, n) -> Optional.ofNullable(rs.getBytes(1))).optional();
        if (row.isEmpty()) {
            throw new IllegalStateException("No data key is recorded for the data subject " + subjectId
                    + ": the key table does not belong to this event store.");
        }
        if (row.get().isEmpty()) {
            return Optional.empty();
        }
        try {
            Aead key = TinkProtoKeysetFormat.parseEncryptedKeyset(row.get().get(), kek, aad(subjectId))
                    .getPrimitive(RegistryConfiguration.get(), Aead.class);
            synchronized (keys) {
                keys.put(subjectId, key);
            }
            return Optional.of(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The data key of subject " + subjectId + " cannot be unwrapped", e);
        }
    }

    /** Deletes the person's data key and blind index. False when already erased. Joins the caller's transaction. */
    public boolean erase(String subjectId) {
        int erased = jdbc.sql("""
                update personal_data_key set data_key = null, blind_index = null, erased_at = now()
                where subject_id = ? and data_key is not null""").param(subjectId).update();
        forget(subjectId);
        return erased == 1;
    }

    /** Drops a cached key, and the subject found for this unit of work, after an erasure by this or another node. */
    public void forget(String subjectId) {
        synchronized (keys) {
            keys.remove(subjectId);
        }
        Map<String, String> found = foundInThisUnitOfWork(false);
        if (found != null) {
            found.values().removeIf(subjectId::equals);
        }
    }

    static String normalise(String value) {
        return value.replaceAll("\\s", "").toUpperCase(java.util.Locale.ROOT);
    }

    static byte[] aad(String subjectId) {
        return subjectId.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] wrap(String subjectId) {
        try {
            return TinkProtoKeysetFormat.serializeEncryptedKeyset(
                    KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), kek, aad(subjectId));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a data key", e);
        }
    }

    private Optional<byte[]> secret() {
        return jdbc.sql("select keyset from personal_data_secret where name = ?").param(BLIND_INDEX_KEY)
                .query((rs, n) -> rs.getBytes(1)).optional();
    }

    private boolean keysExist() {
        return jdbc.sql("select exists (select 1 from personal_data_key)").query(Boolean.class).single();
    }

    /** Made once per database; a node starting at the same moment keeps whichever was stored first. */
    private byte[] createBlindIndexKey() {
        try {
            byte[] wrapped = TinkProtoKeysetFormat.serializeEncryptedKeyset(
                    KeysetHandle.generateNew(PredefinedPrfParameters.HMAC_SHA256_PRF), kek, aad(BLIND_INDEX_KEY));
            jdbc.sql("insert into personal_data_secret (name, keyset) values (?, ?) on conflict (name) do nothing")
                    .params(BLIND_INDEX_KEY, wrapped).update();
            return secret().orElseThrow();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the blind-index key", e);
        }
    }

    private PrfSet blindIndexKey(byte[] wrapped, KeyEncryptionKeySource source) {
        try {
            return TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, kek, aad(BLIND_INDEX_KEY))
                    .getPrimitive(RegistryConfiguration.get(), PrfSet.class);
        } catch (GeneralSecurityException e) {
            throw new KeyEncryptionKeyUnusable("The key-encryption key (" + source.describe() + ") does not open "
                    + "the keys in this database: it is not the key they were wrapped with. Restore the right key and "
                    + "start again; with this one no personal data in this ledger can be read.", e);
        }
    }
}
