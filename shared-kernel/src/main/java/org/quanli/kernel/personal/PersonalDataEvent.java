package org.quanli.kernel.personal;

/**
 * What the ledger records about a data subject's personal data. A projection or process that reads this family
 * handles every member or names it as ignored (a test checks this).
 */
public sealed interface PersonalDataEvent permits PersonalDataMessages.SubjectErased {

    String subjectId();
}
