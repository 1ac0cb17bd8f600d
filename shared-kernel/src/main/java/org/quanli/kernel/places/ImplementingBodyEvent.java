package org.quanli.kernel.places;

/**
 * What happened to an implementing body (the {@code ImplementingBody} aggregate). The records stay nested in {@link
 * PlacesMessages}, because a stored event's type name is its nested class name. A projection or process that reads
 * this family handles every member or names it as ignored (a test checks this), so a new member needs a decision
 * wherever the family is read.
 */
public sealed interface ImplementingBodyEvent permits
        PlacesMessages.ImplementingBodyRegistered,
        PlacesMessages.ImplementingBodyRenamed,
        PlacesMessages.ImplementingBodyMerged,
        PlacesMessages.ImplementingBodyAbolished {

    String bodyId();
}
