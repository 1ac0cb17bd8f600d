package org.quanli.kernel.decision;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The document that made a decision (文号, e.g. 德府发〔2013〕24号) and the date it takes effect.
 * The effective date may lie in the past when history is back-filled; when the decision was recorded is the
 * event's own timestamp, kept apart from this.
 */
public record Decision(String documentNumber, LocalDate effectiveDate) {

    public Decision {
        Objects.requireNonNull(documentNumber, "documentNumber");
        Objects.requireNonNull(effectiveDate, "effectiveDate");
        documentNumber = documentNumber.strip();
        if (documentNumber.isEmpty()) {
            throw new IllegalArgumentException("documentNumber must not be blank");
        }
    }
}
