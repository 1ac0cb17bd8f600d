package org.quanli.kernel.cases;

/**
 * What happened to a case (the {@code Case} aggregate). The records stay nested in {@link CaseMessages}, because a
 * stored event's type name is its nested class name. A projection or process that reads this family handles every
 * member or names it as ignored (a test checks this), so a new member needs a decision wherever the family is read.
 */
public sealed interface CaseEvent permits
        CaseMessages.CaseSubmitted,
        CaseMessages.CorrectionRequested,
        CaseMessages.CorrectionCompleted,
        CaseMessages.CaseAccepted,
        CaseMessages.DeficiencyPromised,
        CaseMessages.DeficiencySupplied,
        CaseMessages.CaseNotAccepted,
        CaseMessages.ReviewStepRecorded,
        CaseMessages.SpecialProcedureStarted,
        CaseMessages.SpecialProcedureEnded,
        CaseMessages.CaseExtended,
        CaseMessages.CaseDecided,
        CaseMessages.CaseConcluded,
        CaseMessages.ResultDelivered,
        CaseMessages.CaseWithdrawn,
        CaseMessages.CaseTerminated,
        CaseMessages.CaseFlagged,
        CaseMessages.CaseEvaluated,
        CaseMessages.BadReviewFollowedUp,
        CaseMessages.FollowUpRated,
        CaseMessages.RatingAppealed,
        CaseMessages.RatingAppealReviewed {

    String caseId();
}
