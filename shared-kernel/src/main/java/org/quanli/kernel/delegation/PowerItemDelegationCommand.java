package org.quanli.kernel.delegation;

import org.quanli.kernel.decision.Decision;

/**
 * What the delegation process asks of a power item: commands to the {@code PowerItem} aggregate whose other commands
 * are the family {@link org.quanli.kernel.powerlist.PowerItemCommand}. The records stay nested in {@link
 * DelegationMessages} next to the events they cause.
 */
public sealed interface PowerItemDelegationCommand permits
        DelegationMessages.DelegatePowerItem,
        DelegationMessages.ReceiveDelegatedItem,
        DelegationMessages.RecallReceivedItem,
        DelegationMessages.RestoreDevolvedItem {

    String itemId();

    String delegationId();

    Decision decision();
}
