package org.quanli.kernel.places;

/**
 * What a jurisdiction (the {@code Jurisdiction} aggregate) is asked to do. The records stay nested in {@link
 * PlacesMessages} next to the events they cause.
 */
public sealed interface JurisdictionCommand permits
        PlacesMessages.RegisterJurisdiction {

    String code();
}
