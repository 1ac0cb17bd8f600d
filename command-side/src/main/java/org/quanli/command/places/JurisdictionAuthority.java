package org.quanli.command.places;

import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.rules.Forbidden;
import org.quanli.platform.architecture.FeatureInterface;

/**
 * Reviewers and the reform office act for their own government's jurisdiction and the ones below it. Their
 * jurisdiction is that of the body the token names, never one the request states.
 */
@FeatureInterface
public final class JurisdictionAuthority {

    private JurisdictionAuthority() {
    }

    public static void requireActsFor(Actor actor, String jurisdictionCode, PlaceDirectory places) {
        PlaceDirectory.Reach reach = actor.bodyId() == null ? new PlaceDirectory.Reach(null, false)
                : places.reach(actor.bodyId(), jurisdictionCode);
        String actorJurisdiction = reach.actorJurisdiction();
        if (!reach.covers()) {
            throw new Forbidden("只能办理本级及下级行政区划的事务,行政区划 " + jurisdictionCode + " 不在"
                    + (actorJurisdiction == null ? "本单位管辖范围" : " " + actorJurisdiction + " 及其下级") + "之内");
        }
    }
}
