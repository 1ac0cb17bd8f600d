package org.quanli.kernel.powerlist;

import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.quanli.kernel.decision.Decision;

/**
 * Commands and events of a power item's life. A body drafts (谁行使、谁清理) or the reform office proposes an
 * adjustment; the legal-affairs office reviews the pending change (returns or approves); the reform office publishes
 * it by a document with an effective date, which may lie in the past. Only then does the change take effect, as a new
 * version or a clean-up outcome. {@code expectedVersion}, when given, is the aggregate version the client saw; a newer
 * stored version means someone else changed the item first and the command is refused as a conflict.
 */
public final class PowerListMessages {

    private PowerListMessages() {
    }

    // --- drafting and review -------------------------------------------------------------------------------------

    public record DraftPowerItem(@TargetAggregateIdentifier String itemId, String bodyId, ItemContent content)
            implements PowerItemCommand {
    }

    public record PowerItemDrafted(String itemId, String bodyId, String jurisdictionCode, ItemContent content)
            implements PowerItemEvent {
    }

    /** Replaces the content of a draft (first publication or amendment) that is not yet submitted, or was returned. */
    public record ReviseDraft(@TargetAggregateIdentifier String itemId, ItemContent content,
                              @TargetAggregateVersion Long expectedVersion) implements PowerItemCommand {
    }

    public record PowerItemDraftRevised(String itemId, ItemContent content) implements PowerItemEvent {
    }

    /** The body proposes a new version of a published item; it takes effect only when reviewed and published. */
    public record DraftAmendment(@TargetAggregateIdentifier String itemId, ItemContent content,
                                 @TargetAggregateVersion Long expectedVersion) implements PowerItemCommand {
    }

    public record PowerItemAmendmentDrafted(String itemId, ItemContent content) implements PowerItemEvent {
    }

    /**
     * A clean-up outcome proposed for a published item; it goes straight to review.
     *
     * @param mergeTargetItemId for MERGE: the item this one is merged into
     * @param transferee        for TRANSFER_OUT: who takes the matter over (society, market, an association …)
     */
    public record ProposeAdjustment(@TargetAggregateIdentifier String itemId, ChangeKind kind, String reason,
                                    String mergeTargetItemId, String transferee,
                                    @TargetAggregateVersion Long expectedVersion) implements PowerItemCommand {
    }

    public record PowerItemAdjustmentProposed(String itemId, ChangeKind kind, String reason, String mergeTargetItemId,
                                              String transferee) implements PowerItemEvent {
    }

    public record SubmitPowerItem(@TargetAggregateIdentifier String itemId,
                                  @TargetAggregateVersion Long expectedVersion) implements PowerItemCommand {
    }

    public record PowerItemSubmitted(String itemId) implements PowerItemEvent {
    }

    public record ReturnPowerItem(@TargetAggregateIdentifier String itemId, List<String> reasons,
                                  @TargetAggregateVersion Long expectedVersion) implements PowerItemCommand {
    }

    public record PowerItemReturned(String itemId, List<String> reasons) implements PowerItemEvent {
    }

    public record ApprovePowerItem(@TargetAggregateIdentifier String itemId, String opinion,
                                   @TargetAggregateVersion Long expectedVersion) implements PowerItemCommand {
    }

    public record PowerItemApproved(String itemId, String opinion) implements PowerItemEvent {
    }

    /** Drops the pending change (a draft abandoned, an adjustment returned and not pursued). */
    public record WithdrawPendingChange(@TargetAggregateIdentifier String itemId, String reason,
                                        @TargetAggregateVersion Long expectedVersion) implements PowerItemCommand {
    }

    public record PowerItemChangeWithdrawn(String itemId, ChangeKind kind, String reason) implements PowerItemEvent {
    }

    // --- decisions: the reform office publishes the approved change -------------------------------------------------

    public record PublishPowerItem(@TargetAggregateIdentifier String itemId, Decision decision,
                                   @TargetAggregateVersion Long expectedVersion) implements PowerItemCommand {
    }

    /**
     * Version 1 is in force from the decision's effective date. Carries the full content so that a reader of the list
     * needs no other event.
     *
     * @param importBatch set when the publication was back-filled from an imported list (no review events precede it)
     */
    public record PowerItemPublished(String itemId, String bodyId, String jurisdictionCode, int version,
                                     ItemContent content, Decision decision, String importBatch)
                                             implements PowerItemEvent {
    }

    /** A new version in force from the decision's effective date; {@code changedFields} names what differs. */
    public record PowerItemAmended(String itemId, String bodyId, String jurisdictionCode, int version,
                                   ItemContent content, List<String> changedFields, Decision decision)
                                           implements PowerItemEvent {
    }

    public record PowerItemCancelled(String itemId, String bodyId, String jurisdictionCode, String reason,
                                     Decision decision) implements PowerItemEvent {
    }

    public record PowerItemTransferredOut(String itemId, String bodyId, String jurisdictionCode, String transferee,
                                          String reason, Decision decision) implements PowerItemEvent {
    }

    public record PowerItemMergedInto(String itemId, String bodyId, String jurisdictionCode, String targetItemId,
                                      String reason, Decision decision) implements PowerItemEvent {
    }

    public record PowerItemSuspended(String itemId, String bodyId, String jurisdictionCode, String reason,
                                     Decision decision) implements PowerItemEvent {
    }

    public record PowerItemResumed(String itemId, String bodyId, String jurisdictionCode, String reason,
                                   Decision decision) implements PowerItemEvent {
    }

    /** Confirmed as it stands in a list clean-up (保留): counts as sorted and kept. */
    public record PowerItemKept(String itemId, String bodyId, String jurisdictionCode, String reason,
                                Decision decision) implements PowerItemEvent {
    }

    // --- back-filling and institutional reform --------------------------------------------------------------------

    /**
     * Records an item that a list already published on paper (back-filling history from an imported spreadsheet):
     * the review happened outside the ledger, so the item is published at once by the batch's document.
     */
    public record RecordPublishedItem(@TargetAggregateIdentifier String itemId, String bodyId, ItemContent content,
                                      Decision decision, String importBatch) implements PowerItemCommand {
    }

    /** After an institutional reform merges a body, its items pass to the successor; history keeps the old body. */
    public record PassItemToSuccessor(@TargetAggregateIdentifier String itemId, String successorBodyId,
                                      Decision decision) implements PowerItemCommand {
    }

    public record PowerItemPassedToSuccessor(String itemId, String fromBodyId, String toBodyId,
                                             String jurisdictionCode, Decision decision) implements PowerItemEvent {
    }
}
