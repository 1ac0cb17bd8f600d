package org.quanli.command.places;

import java.util.List;

import org.quanli.platform.architecture.FeatureInterface;

/**
 * What a body still holds, as the places feature needs it to abolish one: the power list keeps it (its item
 * directory implements this), so that places does not depend on the power list.
 */
@FeatureInterface
public interface BodyItems {

    /** The items of the body that are not yet ended: unpublished, in force or suspended. */
    List<String> openItemsOf(String bodyId);
}
