package org.quanli.kernel.places;

/**
 * What an implementing body (the {@code ImplementingBody} aggregate) is asked to do. The records stay nested in {@link
 * PlacesMessages} next to the events they cause.
 */
public sealed interface ImplementingBodyCommand permits
        PlacesMessages.RegisterImplementingBody,
        PlacesMessages.RenameImplementingBody,
        PlacesMessages.MergeImplementingBody,
        PlacesMessages.AbolishImplementingBody {

    String bodyId();
}
