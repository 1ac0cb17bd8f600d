package org.quanli.command.places;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.quanli.kernel.places.BodyStatus;
import org.quanli.kernel.places.JurisdictionLevel;
import org.quanli.platform.architecture.FeatureInterface;

/**
 * What command handlers may ask about places registered so far. The command side never asks the query side: this
 * is its own lookup, kept current by {@link JdbcPlaceDirectory}.
 */
@FeatureInterface
public interface PlaceDirectory {

    Optional<RegisteredJurisdiction> jurisdiction(String code);

    /**
     * The body as it stands now. Within a transaction the body is held until it ends, so that a reform that merges
     * or abolishes it waits for a command that relies on it being active, and the other way round.
     */
    Optional<RegisteredBody> body(String bodyId);

    /**
     * Holds the body exclusively until the transaction ends: abolishing a body counts its items after this, so no
     * item can be drafted or passed to it in between.
     */
    void lockBody(String bodyId);

    /** The bodies merged into this one, directly or through other mergers, nearest first. */
    List<String> predecessorsOf(String bodyId);

    /** Whether {@code code} is {@code ancestor} itself or lies anywhere below it. */
    boolean isSameOrBelow(String code, String ancestor);

    /** The registered bodies among {@code bodyIds}, by id, each as {@link #body} gives it and held the same way. */
    default Map<String, RegisteredBody> bodies(Collection<String> bodyIds) {
        Map<String, RegisteredBody> found = new HashMap<>();
        bodyIds.forEach(id -> body(id).ifPresent(body -> found.put(id, body)));
        return found;
    }

    /** Those of {@code codes} that are {@code ancestor} itself or lie anywhere below it. */
    default Set<String> sameOrBelow(Collection<String> codes, String ancestor) {
        Set<String> within = new HashSet<>();
        codes.stream().filter(code -> isSameOrBelow(code, ancestor)).forEach(within::add);
        return within;
    }

    /**
     * Where an actor's body stands against a jurisdiction: the body's own jurisdiction (null for a body not
     * registered) and whether {@code jurisdictionCode} is it or lies below it. The body is held as {@link #body}
     * holds it.
     */
    default Reach reach(String actorBodyId, String jurisdictionCode) {
        String own = body(actorBodyId).map(RegisteredBody::jurisdictionCode).orElse(null);
        return new Reach(own, own != null && isSameOrBelow(jurisdictionCode, own));
    }

    record Reach(String actorJurisdiction, boolean covers) {
    }

    record RegisteredJurisdiction(String code, JurisdictionLevel level, String parentCode) {
    }

    /**
     * @param name            its current name
     * @param successorBodyId the body it was merged into, or null
     */
    record RegisteredBody(String bodyId, String jurisdictionCode, JurisdictionLevel jurisdictionLevel,
                          boolean administrativeSubject, String name, BodyStatus status, String successorBodyId) {

        public boolean isActive() {
            return status == BodyStatus.ACTIVE;
        }

        /** Why the body can take on nothing new, in the user's words; null while it is active. */
        public String whyInactive() {
            return switch (status) {
                case ACTIVE -> null;
                case MERGED -> "实施主体 " + name + "(" + bodyId + ")已并入 " + successorBodyId;
                case ABOLISHED -> "实施主体 " + name + "(" + bodyId + ")已撤销";
            };
        }
    }
}
