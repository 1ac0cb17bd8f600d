package org.quanli.kernel.complaints;

import java.util.Objects;

import org.quanli.kernel.cases.Applicant;
import org.quanli.kernel.cases.IdentityDocument;
import org.quanli.kernel.personal.PersonalData;

/**
 * Who complained, when they gave their name (an anonymous complaint has no complainant at all). Personal data,
 * protected like an applicant's ({@link Applicant}): stored encrypted under the person's own data key, shown in full
 * only to those who handle the complaint, masked to other readers, never in a public response. The phone names the
 * person for the data key: it is what every channel records (the calling number, the SMS sender) and what the answer
 * goes back to; an identity document is optional.
 *
 * @param documentType   null when no document was given
 * @param documentNumber null when no document was given
 * @param address        for a reply by letter; may be null
 */
public record Complainant(@PersonalData String name, @PersonalData(subject = true) String phone,
                          IdentityDocument documentType, @PersonalData String documentNumber,
                          @PersonalData String address) {

    public Complainant {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(phone, "phone");
    }

    /** Named and reachable: enough to register a complaint that is not anonymous. */
    public boolean identified() {
        return !name.isBlank() && !phone.isBlank();
    }

    /** The complainant's personal data was erased: nothing identifies the person any more. */
    public boolean erased() {
        return PersonalData.ERASED.equals(phone);
    }

    /** Every field masked the way an applicant's is (张*, 138****5678, 5101**********1234, 四***); erased as it is. */
    public Complainant masked() {
        if (erased()) {
            return this;
        }
        return new Complainant(Applicant.maskName(name), Applicant.maskPhone(phone), documentType,
                Applicant.maskDocumentNumber(documentNumber), Applicant.maskName(address));
    }
}
