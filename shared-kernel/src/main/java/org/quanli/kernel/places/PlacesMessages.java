package org.quanli.kernel.places;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.quanli.kernel.codes.BodyNature;

/**
 * Commands and events about jurisdictions and implementing bodies. A jurisdiction is identified by its division
 * code; an implementing body by its unified social credit code, so both are natural keys that tokens and imported
 * spreadsheets can name before the ledger has seen them.
 */
public final class PlacesMessages {

    private PlacesMessages() {
    }

    public record RegisterJurisdiction(@TargetAggregateIdentifier String code, String name, JurisdictionLevel level,
                                       String parentCode, boolean functionalZone) {
    }

    public record JurisdictionRegistered(String code, String name, JurisdictionLevel level, String parentCode,
                                         boolean functionalZone) {
    }

    /**
     * @param administrativeSubject whether the body is an administrative subject (行政主体); a village committee is not
     */
    public record RegisterImplementingBody(@TargetAggregateIdentifier String bodyId, String name,
                                           String jurisdictionCode, BodyNature nature,
                                           boolean administrativeSubject) {
    }

    public record ImplementingBodyRegistered(String bodyId, String name, String jurisdictionCode,
                                             JurisdictionLevel jurisdictionLevel, BodyNature nature,
                                             boolean administrativeSubject) {
    }
}
