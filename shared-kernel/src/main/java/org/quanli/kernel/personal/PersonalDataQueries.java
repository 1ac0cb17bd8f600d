package org.quanli.kernel.personal;

import org.quanli.kernel.cases.CaseQueries.Viewer;

/** Questions about personal data, answered by the query side without clear personal data in the question. */
public final class PersonalDataQueries {

    private PersonalDataQueries() {
    }

    /** The viewer's cases of the person whose identity number has this blind index (the number is never sent). */
    public record CasesOfApplicantQuery(Viewer viewer, String blindIndex, int page, int size) {
    }
}
