package org.quanli.kernel.cases;

/**
 * What a case (the {@code Case} aggregate) is asked to do. The records stay nested in {@link CaseMessages} next to the
 * events they cause.
 */
public sealed interface CaseCommand permits
        CaseMessages.SubmitCase,
        CaseMessages.RequestCorrection,
        CaseMessages.CompleteCorrection,
        CaseMessages.AcceptCase,
        CaseMessages.AcceptCaseWithDeficiency,
        CaseMessages.SupplyDeficiency,
        CaseMessages.RejectCase,
        CaseMessages.RecordReviewStep,
        CaseMessages.StartSpecialProcedure,
        CaseMessages.EndSpecialProcedure,
        CaseMessages.ExtendCase,
        CaseMessages.DecideCase,
        CaseMessages.ConcludeCase,
        CaseMessages.DeliverResult,
        CaseMessages.WithdrawCase,
        CaseMessages.TerminateCase,
        CaseMessages.EvaluateCase,
        CaseMessages.FollowUpBadReview,
        CaseMessages.RateFollowUp,
        CaseMessages.AppealRating,
        CaseMessages.ReviewRatingAppeal {

    String caseId();
}
