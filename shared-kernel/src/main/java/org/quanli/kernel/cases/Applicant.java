package org.quanli.kernel.cases;

import java.util.Objects;

import org.quanli.kernel.personal.PersonalData;

/**
 * Who applied. Personal data: stored encrypted under the applicant's own data key ({@link PersonalData}), shown in
 * full to the handling body only, never in a public response — other readers get {@link #masked()} at most. Once
 * the applicant's data is erased, name, number and phone read as {@link PersonalData#ERASED}.
 */
public record Applicant(@PersonalData String name, IdentityDocument documentType,
                        @PersonalData(subject = true) String documentNumber, @PersonalData String phone) {

    public Applicant {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(documentType, "documentType");
        Objects.requireNonNull(documentNumber, "documentNumber");
    }

    /** Named and with a document number: enough to register an application. */
    public boolean identified() {
        return !name.isBlank() && !documentNumber.isBlank();
    }

    /** The applicant's personal data was erased: nothing identifies the person any more. */
    public boolean erased() {
        return PersonalData.ERASED.equals(documentNumber);
    }

    /** The same applicant with every field masked: 张*, 5101**********1234, 138****5678; an erased one as it is. */
    public Applicant masked() {
        if (erased()) {
            return this;
        }
        return new Applicant(maskName(name), documentType, maskDocumentNumber(documentNumber), maskPhone(phone));
    }

    /** Keeps the first character (the family name of a person, the first of an organisation's name). */
    public static String maskName(String name) {
        if (name == null || name.isEmpty()) {
            return name;
        }
        int first = name.offsetByCodePoints(0, 1);
        return name.substring(0, first) + "*".repeat(Math.max(1, name.codePointCount(first, name.length())));
    }

    /** Keeps the first four and the last four characters: region, and a check the applicant recognises. */
    public static String maskDocumentNumber(String number) {
        return keep(number, 4, 4);
    }

    /** Keeps the first three and the last four digits. */
    public static String maskPhone(String phone) {
        return keep(phone, 3, 4);
    }

    private static String keep(String value, int head, int tail) {
        if (value == null) {
            return null;
        }
        if (value.length() <= head + tail) {
            return "*".repeat(value.length());
        }
        return value.substring(0, head) + "*".repeat(value.length() - head - tail)
                + value.substring(value.length() - tail);
    }
}
