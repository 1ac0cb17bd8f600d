package org.quanli.command.places;

import java.util.Collection;
import java.util.List;

import org.quanli.platform.architecture.FeatureInterface;

/**
 * Delegation decisions recorded but not yet carried into the items, as the places feature needs them to abolish a
 * body: the delegation feature keeps them, so that places does not depend on it. The delegation process carries a
 * decision into the items after it is recorded; until it has, the body named may still receive an item, or get a
 * devolved one back, and would hold it after its abolition.
 */
@FeatureInterface
public interface DelegationsUnderway {

    /**
     * The delegations by which one of the bodies is still to receive an item (as a receiver) or get one back (a
     * recalled devolution of its item), in order.
     */
    List<String> underwayFor(Collection<String> bodyIds);
}
