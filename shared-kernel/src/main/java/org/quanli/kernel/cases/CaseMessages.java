package org.quanli.kernel.cases;

import java.time.LocalDate;
import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.quanli.kernel.delegation.AcceptanceCapacity;

/**
 * Commands and events of a case (办件): one application under one item, handled by one body. Every decision-like
 * event carries the date it is about ({@code acceptedOn}, {@code decidedOn} …); when it was recorded is the event
 * message's own timestamp, and the two are kept apart so that a back-dated entry stays visible as such. Events from
 * acceptance on carry the item version the case is handled under and the time-limit arithmetic at that step
 * ({@link CaseTime}). The applicant's personal data travels only in {@link CaseSubmitted} (and in the joint approval's start).
 */
public final class CaseMessages {

    /** The applicant's rights of review printed on every notice of non-acceptance (行政复议法, 行政诉讼法). */
    public static final String RIGHTS_OF_REVIEW = "如不服本决定，可自收到本决定之日起60日内依法申请行政复议，"
            + "或者6个月内依法向人民法院提起行政诉讼。";

    private CaseMessages() {
    }

    // --- receipt ------------------------------------------------------------------------------------------------

    /**
     * The officer's body receives the application; {@code receivedOn} is the day of receipt (收件).
     *
     * @param window          the service-centre window that took it in (e.g. "3号综合窗口"), null online or unknown
     * @param jointApprovalId set only by the joint-approval process, for a part of that joint approval
     */
    public record SubmitCase(@TargetAggregateIdentifier String caseId, String itemId, String bodyId, Channel channel,
                             Applicant applicant, LocalDate receivedOn, List<String> materials, String window,
                             String jointApprovalId) implements CaseCommand {
    }

    /**
     * Revision 2 added {@code window} and {@code jointApprovalId}; older events are upcast with both null.
     *
     * @param itemVersion the version in force on the day of receipt, null if none was; acceptance records the one
     *                    the case is handled under
     */
    @Revision("2")
    public record CaseSubmitted(String caseId, String itemId, String bodyId, Channel channel, Applicant applicant,
                                LocalDate receivedOn, List<String> materials, Integer itemVersion,
                                CaseType caseType, String window, String jointApprovalId) implements CaseEvent {
    }

    /** One notice listing everything missing (一次性告知); on the spot or within 5 working days of receipt. */
    public record RequestCorrection(@TargetAggregateIdentifier String caseId, List<String> missing,
                                    LocalDate noticeDate) implements CaseCommand {
    }

    /** @param workingDaysAfterReceipt working days from receipt to the notice; more than 5 makes the notice late */
    public record CorrectionRequested(String caseId, List<String> missing, LocalDate noticeDate,
                                      int workingDaysAfterReceipt, boolean late) implements CaseEvent {
    }

    public record CompleteCorrection(@TargetAggregateIdentifier String caseId, LocalDate completedOn)
            implements CaseCommand {
    }

    public record CorrectionCompleted(String caseId, LocalDate completedOn) implements CaseEvent {
    }

    // --- acceptance ---------------------------------------------------------------------------------------------

    public record AcceptCase(@TargetAggregateIdentifier String caseId, LocalDate acceptedOn) implements CaseCommand {
    }

    /**
     * Accepted (受理). {@code deemed} when the law makes it count as accepted on the day of receipt because the
     * correction notice came late (行政许可法 第32条).
     *
     * @param onBehalfOfBodyId for ON_BEHALF: the receiver the body acts for
     */
    public record CaseAccepted(String caseId, String itemId, String bodyId, LocalDate acceptedOn,
                               AcceptanceCapacity capacity, String onBehalfOfBodyId, String delegationId,
                               int itemVersion, CaseType caseType, int legalLimitDays, boolean deemed, CaseTime time)
                                       implements CaseEvent {
    }

    /** Accepted with deficiency (容缺受理): the applicant promises the missing material by {@code supplyBy}. */
    public record AcceptCaseWithDeficiency(@TargetAggregateIdentifier String caseId, LocalDate acceptedOn,
                                           List<String> missing, LocalDate supplyBy) implements CaseCommand {
    }

    public record DeficiencyPromised(String caseId, List<String> missing, LocalDate supplyBy) implements CaseEvent {
    }

    public record SupplyDeficiency(@TargetAggregateIdentifier String caseId, LocalDate suppliedOn)
            implements CaseCommand {
    }

    public record DeficiencySupplied(String caseId, LocalDate suppliedOn, CaseTime time) implements CaseEvent {
    }

    /** The officer decides not to accept (不予受理): reasons are required. */
    public record RejectCase(@TargetAggregateIdentifier String caseId, LocalDate decidedOn, List<String> reasons)
            implements CaseCommand {
    }

    /**
     * Not accepted, with the reasons and the applicant's rights of review. {@code byRule} when the ledger refused
     * because the body may not accept cases of the item on that date, rather than the officer.
     */
    public record CaseNotAccepted(String caseId, LocalDate decidedOn, List<String> reasons, String rightsOfReview,
                                  boolean byRule) implements CaseEvent {
    }

    // --- handling -----------------------------------------------------------------------------------------------

    /** A review step (审查: 初审, 复审, 现场勘验 …); {@code limitDays} is the step's own limit, if any. */
    public record RecordReviewStep(@TargetAggregateIdentifier String caseId, String step, String unit, String officer,
                                   String opinion, LocalDate startedOn, LocalDate completedOn, Integer limitDays)
                                           implements CaseCommand {
    }

    public record ReviewStepRecorded(String caseId, String step, String unit, String officer, String opinion,
                                     LocalDate startedOn, LocalDate completedOn, Integer limitDays, int workingDays,
                                     boolean overItsLimit, int itemVersion, CaseTime time) implements CaseEvent {
    }

    /** A special procedure that stops the clock (行政许可法 第45条). */
    public record StartSpecialProcedure(@TargetAggregateIdentifier String caseId, SpecialProcedureKind kind,
                                        String reason, LocalDate startedOn) implements CaseCommand {
    }

    public record SpecialProcedureStarted(String caseId, SpecialProcedureKind kind, String reason,
                                          LocalDate startedOn, int itemVersion, CaseTime time) implements CaseEvent {
    }

    public record EndSpecialProcedure(@TargetAggregateIdentifier String caseId, LocalDate endedOn)
            implements CaseCommand {
    }

    public record SpecialProcedureEnded(String caseId, SpecialProcedureKind kind, LocalDate startedOn,
                                        LocalDate endedOn, int suspendedDays, int itemVersion, CaseTime time)
                                                implements CaseEvent {
    }

    /** The one approved extension (延期), in working days. */
    public record ExtendCase(@TargetAggregateIdentifier String caseId, int days, String reason, String approvedBy,
                             LocalDate approvedOn) implements CaseCommand {
    }

    /**
     * @param afterDeadline the extension was approved after the deadline: recorded, but the case stays overdue
     */
    public record CaseExtended(String caseId, int days, String reason, String approvedBy, LocalDate approvedOn,
                               boolean afterDeadline, int itemVersion, CaseTime time) implements CaseEvent {
    }

    // --- outcome ------------------------------------------------------------------------------------------------

    /** 准予 ({@code granted}) or 不予 (reasons required). */
    public record DecideCase(@TargetAggregateIdentifier String caseId, boolean granted, List<String> reasons,
                             LocalDate decidedOn) implements CaseCommand {
    }

    public record CaseDecided(String caseId, boolean granted, List<String> reasons, LocalDate decidedOn,
                              int itemVersion, CaseTime time) implements CaseEvent {
    }

    public record ConcludeCase(@TargetAggregateIdentifier String caseId, LocalDate concludedOn) implements CaseCommand {
    }

    /** @param onTime concluded by the deadline (an extension approved after the deadline does not count) */
    public record CaseConcluded(String caseId, String itemId, String bodyId, LocalDate acceptedOn,
                                LocalDate concludedOn, boolean onTime, int itemVersion, CaseTime time)
                                        implements CaseEvent {
    }

    public record DeliverResult(@TargetAggregateIdentifier String caseId, LocalDate deliveredOn, String method)
            implements CaseCommand {
    }

    public record ResultDelivered(String caseId, LocalDate deliveredOn, String method) implements CaseEvent {
    }

    public record WithdrawCase(@TargetAggregateIdentifier String caseId, LocalDate withdrawnOn, String reason)
            implements CaseCommand {
    }

    public record CaseWithdrawn(String caseId, LocalDate withdrawnOn, String reason) implements CaseEvent {
    }

    /** Terminated (终止), e.g. the promised material of a deficiency acceptance never came. */
    public record TerminateCase(@TargetAggregateIdentifier String caseId, LocalDate terminatedOn, String reason)
            implements CaseCommand {
    }

    public record CaseTerminated(String caseId, LocalDate terminatedOn, String reason) implements CaseEvent {
    }

    // --- supervision --------------------------------------------------------------------------------------------

    /**
     * A supervision flag on the case (电子监察), raised by a persistent deadline or by a step the case recorded.
     *
     * @param aboutDate the day the flag is about (the first overdue day, the day the threshold was reached …)
     * @param detail    what in particular, e.g. the step that ran over
     * @param time      the case's figures on that day; null for a flag about a rating, which has no time limit
     */
    public record CaseFlagged(String caseId, SupervisionLevel level, SupervisionTrigger trigger, LocalDate aboutDate,
                              String detail, int itemVersion, CaseTime time) implements CaseEvent {
    }

    // --- evaluation (好差评, 国办发〔2019〕51号) -------------------------------------------------------------------

    /** The applicant's one rating of the case, at the window or online. */
    public record EvaluateCase(@TargetAggregateIdentifier String caseId, Satisfaction satisfaction, Channel channel,
                               String comment, LocalDate evaluatedOn) implements CaseCommand {
    }

    /** @param followUpBy for a bad review: the last working day by which it must be followed up, else null */
    public record CaseEvaluated(String caseId, Satisfaction satisfaction, Channel channel, String comment,
                                LocalDate evaluatedOn, boolean badReview, LocalDate followUpBy) implements CaseEvent {
    }

    /** The handling body's follow-up and rectification of a bad review. */
    public record FollowUpBadReview(@TargetAggregateIdentifier String caseId, String rectification,
                                    LocalDate followedUpOn) implements CaseCommand {
    }

    public record BadReviewFollowedUp(String caseId, String rectification, LocalDate followedUpOn, int workingDays,
                                      boolean inTime) implements CaseEvent {
    }

    /** The applicant rates the follow-up of a bad review (recorded by the window, like the rating itself). */
    public record RateFollowUp(@TargetAggregateIdentifier String caseId, Satisfaction satisfaction, Channel channel,
                               LocalDate ratedOn) implements CaseCommand {
    }

    public record FollowUpRated(String caseId, Satisfaction satisfaction, Channel channel, LocalDate ratedOn)
            implements CaseEvent {
    }

    /** The body appeals a rating it holds mistaken or malicious. */
    public record AppealRating(@TargetAggregateIdentifier String caseId, String reason, LocalDate appealedOn)
            implements CaseCommand {
    }

    public record RatingAppealed(String caseId, String reason, LocalDate appealedOn) implements CaseEvent {
    }

    /** The supervisor's review of an appeal: {@code excluded} takes the rating out of the statistics. */
    public record ReviewRatingAppeal(@TargetAggregateIdentifier String caseId, boolean excluded, String opinion,
                                     LocalDate reviewedOn) implements CaseCommand {
    }

    public record RatingAppealReviewed(String caseId, boolean excluded, String opinion, LocalDate reviewedOn)
            implements CaseEvent {
    }
}
