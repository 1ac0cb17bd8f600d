package org.quanli.kernel.powerlist;

/**
 * What happened to a power item (the {@code PowerItem} aggregate) in drafting, review, publication and clean-up. The
 * same aggregate's delegation events are the family {@link org.quanli.kernel.delegation.PowerItemDelegationEvent}: a
 * sealed family outside a named module can permit only classes of its own package. The records stay nested in {@link
 * PowerListMessages}, because a stored event's type name is its nested class name. A projection or process that reads
 * this family handles every member or names it as ignored (a test checks this), so a new member needs a decision
 * wherever the family is read.
 */
public sealed interface PowerItemEvent permits
        PowerListMessages.PowerItemDrafted,
        PowerListMessages.PowerItemDraftRevised,
        PowerListMessages.PowerItemAmendmentDrafted,
        PowerListMessages.PowerItemAdjustmentProposed,
        PowerListMessages.PowerItemSubmitted,
        PowerListMessages.PowerItemReturned,
        PowerListMessages.PowerItemApproved,
        PowerListMessages.PowerItemChangeWithdrawn,
        PowerListMessages.PowerItemPublished,
        PowerListMessages.PowerItemAmended,
        PowerListMessages.PowerItemCancelled,
        PowerListMessages.PowerItemTransferredOut,
        PowerListMessages.PowerItemMergedInto,
        PowerListMessages.PowerItemSuspended,
        PowerListMessages.PowerItemResumed,
        PowerListMessages.PowerItemKept,
        PowerListMessages.PowerItemPassedToSuccessor {

    String itemId();
}
