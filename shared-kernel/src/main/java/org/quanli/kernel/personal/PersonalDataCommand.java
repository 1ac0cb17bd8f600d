package org.quanli.kernel.personal;

/** What the personal-information officer may ask of the ledger about a data subject. */
public sealed interface PersonalDataCommand permits PersonalDataMessages.EraseSubject {

    String subjectId();
}
