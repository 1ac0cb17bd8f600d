package org.quanli.command.delegation;

import java.util.Set;

import org.quanli.command.powerlist.EarlierDecisions;
import org.quanli.platform.projections.ProjectionStatuses;
import org.springframework.stereotype.Component;

/**
 * Delegations and recalls are in their items once the delegation process has passed their position on every
 * segment, on whichever node claims it: it carries each event's decision into the items before its token moves.
 */
@Component
class DelegationProcessProgress implements EarlierDecisions {

    private final ProjectionStatuses statuses;

    DelegationProcessProgress(ProjectionStatuses statuses) {
        this.statuses = statuses;
    }

    @Override
    public boolean carriedOutUpTo(long position) {
        return statuses.lowestPosition(Set.of(DelegationProcess.PROCESSING_GROUP)) >= position;
    }
}
