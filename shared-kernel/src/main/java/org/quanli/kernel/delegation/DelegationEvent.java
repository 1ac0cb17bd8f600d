package org.quanli.kernel.delegation;

/**
 * What happened to a delegation decision (the {@code Delegation} aggregate). The records stay nested in {@link
 * DelegationMessages}, because a stored event's type name is its nested class name. A projection or process that reads
 * this family handles every member or names it as ignored (a test checks this), so a new member needs a decision
 * wherever the family is read.
 */
public sealed interface DelegationEvent permits
        DelegationMessages.DelegationDecided,
        DelegationMessages.ReceiptConfirmed,
        DelegationMessages.CapacityGapReported,
        DelegationMessages.CapacityGapClosed,
        DelegationMessages.GuidanceRecorded,
        DelegationMessages.TransitionArranged,
        DelegationMessages.HandoverRecorded,
        DelegationMessages.DelegationRecalled {

    String delegationId();
}
