package org.quanli.kernel.delegation;

import org.quanli.kernel.decision.Decision;

/**
 * What a delegation did to a power item: events of the {@code PowerItem} aggregate whose other events are the family
 * {@link org.quanli.kernel.powerlist.PowerItemEvent}. The records stay nested in {@link DelegationMessages}, because a
 * stored event's type name is its nested class name. A projection or process that reads this family handles every
 * member or names it as ignored (a test checks this), so a new member needs a decision wherever the family is read.
 */
public sealed interface PowerItemDelegationEvent permits
        DelegationMessages.PowerItemDelegated,
        DelegationMessages.PowerItemDelegationRefused,
        DelegationMessages.PowerItemReceived,
        DelegationMessages.PowerItemRecalled,
        DelegationMessages.PowerItemRestored {

    String itemId();

    String delegationId();

    Decision decision();
}
