package org.quanli.command.places;

import java.util.Optional;

import org.quanli.kernel.places.JurisdictionLevel;

/**
 * What command handlers may ask about places registered so far. The command side never asks the query side: this
 * is its own lookup, kept current by {@link JdbcPlaceDirectory}.
 */
public interface PlaceDirectory {

    Optional<RegisteredJurisdiction> jurisdiction(String code);

    Optional<RegisteredBody> body(String bodyId);

    /** Whether {@code code} is {@code ancestor} itself or lies anywhere below it. */
    boolean isSameOrBelow(String code, String ancestor);

    record RegisteredJurisdiction(String code, JurisdictionLevel level, String parentCode) {
    }

    record RegisteredBody(String bodyId, String jurisdictionCode, JurisdictionLevel jurisdictionLevel,
                          boolean administrativeSubject) {
    }
}
