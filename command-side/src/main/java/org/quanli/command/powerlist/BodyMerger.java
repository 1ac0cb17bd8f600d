package org.quanli.command.powerlist;

import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.places.PlacesMessages.ImplementingBodyMerged;

/** A body's merger as recorded, and who decided it. */
record BodyMerger(ImplementingBodyMerged merger, Actor decidedBy) {
}
