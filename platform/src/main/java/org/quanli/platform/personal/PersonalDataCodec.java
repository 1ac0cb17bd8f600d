package org.quanli.platform.personal;

import java.util.Collection;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Personal data for a projection column: the same sealed form the events carry ({@link PersonalDataModule}), so a
 * projection stores ciphertext and reads clear text (or erased values) through the one serialization hook.
 */
public class PersonalDataCodec {

    private final JsonMapper mapper;
    private final PersonalDataVault vault;

    PersonalDataCodec(PersonalDataVault vault) {
        this.mapper = JsonMapper.builder().addModule(new PersonalDataModule(vault)).build();
        this.vault = vault;
    }

    /** The blind index of an identity number: how a projection finds a person's rows without the number. */
    public String blindIndex(String subjectValue) {
        return vault.blindIndex(subjectValue);
    }

    /** The subject an identity number belongs to, if the ledger holds unerased data about that person. */
    public Optional<String> subjectNamed(String subjectValue) {
        return vault.subjectOf(subjectValue);
    }

    /** Finds the subjects of these persons in one query, for the sealing in the current unit of work. */
    public void findSubjects(Collection<String> subjectValues) {
        vault.findSubjects(subjectValues);
    }

    /** Drops this node's cached key of an erased subject. */
    public void forget(String subjectId) {
        vault.forget(subjectId);
    }

    /** The record as JSON with its personal components encrypted. */
    public String seal(Object record) {
        return mapper.writeValueAsString(record);
    }

    /** The record read back: in clear while the person's key exists, erased after. */
    public <T> T open(String sealed, Class<T> type) {
        return mapper.readValue(sealed, type);
    }

    /** The data subject a sealed record belongs to; empty when it was written erased. */
    public Optional<String> subjectOf(String sealed) {
        JsonNode subject = mapper.readTree(sealed).path(PersonalDataModule.FIELD).path("subject");
        return subject.isMissingNode() || subject.isNull() ? Optional.empty() : Optional.of(subject.asString());
    }
}
