package org.quanli.command.powerlist;

import org.quanli.kernel.powerlist.ChangeKind;
import org.quanli.kernel.powerlist.ReviewStatus;

/**
 * The answer to {@code submit} when the pending change is already past submission: awaiting review, or approved and
 * awaiting publication. An adjustment is submitted by the act of proposing it, so this is what a submit after
 * proposing one answers.
 *
 * @param pendingChange what the pending change does
 * @param reviewStatus  where it stands in review
 * @param detail        the same, in words
 */
public record AlreadySubmitted(String itemId, ChangeKind pendingChange, ReviewStatus reviewStatus, String detail) {

    static AlreadySubmitted of(String itemId, ChangeKind kind, ReviewStatus review) {
        String how = kind.isAdjustment() ? "调整(" + kind.label() + ")一经提出即已报送审核" : kind.label() + "已报送审核";
        return new AlreadySubmitted(itemId, kind, review, how + ",当前为“" + review.label() + "”,无需再次报送");
    }
}
