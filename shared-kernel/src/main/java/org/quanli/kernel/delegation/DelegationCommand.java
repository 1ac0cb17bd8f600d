package org.quanli.kernel.delegation;

/**
 * What a delegation decision (the {@code Delegation} aggregate) is asked to record. The records stay nested in {@link
 * DelegationMessages} next to the events they cause.
 */
public sealed interface DelegationCommand permits
        DelegationMessages.DecideDelegation,
        DelegationMessages.ConfirmReceipt,
        DelegationMessages.ReportCapacityGap,
        DelegationMessages.CloseCapacityGap,
        DelegationMessages.RecordGuidance,
        DelegationMessages.ArrangeTransition,
        DelegationMessages.RecordHandover,
        DelegationMessages.RecallDelegation {

    String delegationId();
}
