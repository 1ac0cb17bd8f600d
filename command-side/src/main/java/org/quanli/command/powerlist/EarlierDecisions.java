package org.quanli.command.powerlist;

import org.quanli.platform.architecture.FeatureInterface;

/**
 * Whether the decisions recorded in the store up to a position have been carried into the items they name. Other
 * features carry their decisions into items by processes of their own, each at its own pace; the succession process
 * asks this before it passes a merged body's items on, so that a decision recorded before the merger reaches an item
 * while the merged body still holds it.
 */
@FeatureInterface
public interface EarlierDecisions {

    /** True once every decision recorded at or before {@code position} is in its items (or parked as failed). */
    boolean carriedOutUpTo(long position);
}
