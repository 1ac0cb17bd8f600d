package org.quanli.kernel.powerlist;

import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.quanli.kernel.decision.Decision;

/**
 * Commands and events of a power item's lifecycle: a body drafts (谁行使、谁清理), submits, the legal-affairs office
 * reviews (returns or approves), the government publishes by a document with an effective date.
 * {@code expectedVersion}, when given, is the item version the client saw; a newer stored version means someone
 * else changed the item first and the command is refused as a conflict.
 */
public final class PowerListMessages {

    private PowerListMessages() {
    }

    public record DraftPowerItem(@TargetAggregateIdentifier String itemId, String bodyId, ItemContent content) {
    }

    public record PowerItemDrafted(String itemId, String bodyId, String jurisdictionCode, ItemContent content) {
    }

    public record SubmitPowerItem(@TargetAggregateIdentifier String itemId,
                                  @TargetAggregateVersion Long expectedVersion) {
    }

    public record PowerItemSubmitted(String itemId) {
    }

    public record ReturnPowerItem(@TargetAggregateIdentifier String itemId, List<String> reasons,
                                  @TargetAggregateVersion Long expectedVersion) {
    }

    public record PowerItemReturned(String itemId, List<String> reasons) {
    }

    public record ApprovePowerItem(@TargetAggregateIdentifier String itemId, String opinion,
                                   @TargetAggregateVersion Long expectedVersion) {
    }

    public record PowerItemApproved(String itemId, String opinion) {
    }

    public record PublishPowerItem(@TargetAggregateIdentifier String itemId, Decision decision,
                                   @TargetAggregateVersion Long expectedVersion) {
    }

    /** Carries the full published content so that a reader of the list needs no other event. */
    public record PowerItemPublished(String itemId, String bodyId, String jurisdictionCode, int version,
                                     ItemContent content, Decision decision) {
    }
}
