package org.quanli.kernel.places;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.quanli.kernel.codes.BodyNature;
import org.quanli.kernel.decision.Decision;

/**
 * Commands and events about jurisdictions and implementing bodies. A jurisdiction is identified by its division
 * code; an implementing body by its unified social credit code, so both are natural keys that tokens and imported
 * spreadsheets can name before the ledger has seen them. Institutional reforms (机构改革) rename, merge and abolish
 * bodies by a decision; history still shows the old body.
 */
public final class PlacesMessages {

    private PlacesMessages() {
    }

    public record RegisterJurisdiction(@TargetAggregateIdentifier String code, String name, JurisdictionLevel level,
                                       String parentCode, boolean functionalZone) implements JurisdictionCommand {
    }

    public record JurisdictionRegistered(String code, String name, JurisdictionLevel level, String parentCode,
                                         boolean functionalZone) implements JurisdictionEvent {
    }

    /**
     * @param administrativeSubject whether the body is an administrative subject (行政主体); a village committee is not
     */
    public record RegisterImplementingBody(@TargetAggregateIdentifier String bodyId, String name,
                                           String jurisdictionCode, BodyNature nature,
                                           boolean administrativeSubject) implements ImplementingBodyCommand {
    }

    public record ImplementingBodyRegistered(String bodyId, String name, String jurisdictionCode,
                                             JurisdictionLevel jurisdictionLevel, BodyNature nature,
                                             boolean administrativeSubject) implements ImplementingBodyEvent {
    }

    public record RenameImplementingBody(@TargetAggregateIdentifier String bodyId, String newName, Decision decision)
            implements ImplementingBodyCommand {
    }

    public record ImplementingBodyRenamed(String bodyId, String oldName, String newName, Decision decision)
            implements ImplementingBodyEvent {
    }

    /** The body is merged into its successor; its items pass to the successor from the effective date. */
    public record MergeImplementingBody(@TargetAggregateIdentifier String bodyId, String successorBodyId,
                                        Decision decision) implements ImplementingBodyCommand {
    }

    public record ImplementingBodyMerged(String bodyId, String successorBodyId, String jurisdictionCode,
                                         Decision decision) implements ImplementingBodyEvent {
    }

    /** The body ceases to exist without a successor; it must hold no item in force by then. */
    public record AbolishImplementingBody(@TargetAggregateIdentifier String bodyId, Decision decision)
            implements ImplementingBodyCommand {
    }

    public record ImplementingBodyAbolished(String bodyId, String jurisdictionCode, Decision decision)
            implements ImplementingBodyEvent {
    }
}
