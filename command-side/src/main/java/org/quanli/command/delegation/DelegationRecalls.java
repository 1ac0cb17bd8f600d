package org.quanli.command.delegation;

import java.util.Optional;

import org.quanli.kernel.decision.Decision;

/** Which delegations have been recalled, current in the transaction that appended the recall. */
interface DelegationRecalls {

    /** The decision that recalled the delegation, once it is recorded. */
    Optional<Decision> recall(String delegationId);
}
