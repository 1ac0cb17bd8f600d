package org.quanli.kernel.powerlist;

/**
 * What a power item (the {@code PowerItem} aggregate) is asked to do in drafting, review, publication and clean-up.
 * The same aggregate's delegation commands are the family {@link
 * org.quanli.kernel.delegation.PowerItemDelegationCommand}: a sealed family outside a named module can permit only
 * classes of its own package. The records stay nested in {@link PowerListMessages} next to the events they cause.
 */
public sealed interface PowerItemCommand permits
        PowerListMessages.DraftPowerItem,
        PowerListMessages.ReviseDraft,
        PowerListMessages.DraftAmendment,
        PowerListMessages.ProposeAdjustment,
        PowerListMessages.SubmitPowerItem,
        PowerListMessages.ReturnPowerItem,
        PowerListMessages.ApprovePowerItem,
        PowerListMessages.WithdrawPendingChange,
        PowerListMessages.PublishPowerItem,
        PowerListMessages.RecordPublishedItem,
        PowerListMessages.PassItemToSuccessor {

    String itemId();
}
