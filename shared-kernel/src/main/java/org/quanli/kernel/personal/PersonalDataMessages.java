package org.quanli.kernel.personal;

import java.time.LocalDate;


/**
 * Erasure of a person's data (个人信息保护法 Art. 47). The erasure is recorded
 * without any personal data: the subject is a random id the ledger gave the person, which identifies nobody once the
 * person's key and blind index are gone.
 */
public final class PersonalDataMessages {

    private PersonalDataMessages() {
    }

    /** Why the personal information is deleted (个人信息保护法 第四十七条). */
    public enum ErasureGround {
        PURPOSE_ACHIEVED("处理目的已实现、无法实现或者为实现处理目的不再必要"),
        RETENTION_EXPIRED("保存期限已届满"),
        CONSENT_WITHDRAWN("个人撤回同意"),
        UNLAWFUL_PROCESSING("违反法律、行政法规或者违反约定处理个人信息"),
        OTHER_LEGAL_GROUND("法律、行政法规规定的其他情形");

        private final String label;

        ErasureGround(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * The personal-information officer erases a person: their data key is deleted with this command's event.
     * {@code decisionDocument} is the officer's decision (文号), {@code decidedOn} the day it takes effect.
     */
    public record EraseSubject(String subjectId, ErasureGround ground, String decisionDocument, LocalDate decidedOn)
            implements PersonalDataCommand {
    }

    /** A person's data key was deleted: every personal field under it reads as {@link PersonalData#ERASED}. */
    public record SubjectErased(String subjectId, ErasureGround ground, String decisionDocument,
                                LocalDate decidedOn) implements PersonalDataEvent {
    }
}
