package org.quanli.kernel.places;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Queries about jurisdictions and implementing bodies, answered by the query side, and what they answer. A body's
 * name can change by reform: its name history says which name it had on which effective dates.
 */
public final class PlacesQueries {

    private PlacesQueries() {
    }

    /** One implementing body with its reform history. */
    public record BodyQuery(String bodyId) {
    }

    /**
     * @param name        the name given by its latest decision (see the history for when it took effect)
     * @param successor   the body it was merged into, or null
     * @param endDecision the decision that merged or abolished it, or null while it is active
     * @param predecessors the bodies merged into this one
     * @param nameHistory every name it had, oldest first
     */
    public record BodyDetail(String bodyId, String name, String natureCode, String natureLabel,
                             boolean administrativeSubject, String jurisdictionCode, String jurisdictionName,
                             BodyStatus status, String statusLabel, BodyReference successor,
                             DecisionReference endDecision, List<BodyReference> predecessors,
                             List<NamePeriod> nameHistory) {
    }

    /** Another body named in a detail, by its current name. */
    public record BodyReference(String bodyId, String name, BodyStatus status) {
    }

    public record DecisionReference(String documentNumber, LocalDate effectiveDate) {
    }

    /**
     * A name and the effective dates between which the body bore it.
     *
     * @param effectiveFrom  null for the name it was registered with (in use since before the ledger knew it)
     * @param effectiveTo    exclusive; null while it is the current name
     * @param documentNumber the renaming document, null for the registered name
     */
    public record NamePeriod(String name, LocalDate effectiveFrom, LocalDate effectiveTo, String documentNumber,
                             Instant recordedAt) {
    }

    /**
     * The bodies of one jurisdiction, each named as it was on the effective date {@code asOf} (default: today in
     * Beijing), optionally only those in one status (as of now); ordered by that name; pages count from 0.
     */
    public record JurisdictionBodiesQuery(String jurisdictionCode, BodyStatus status, LocalDate asOf, int page,
                                          int size) {
    }

    public record BodyList(String jurisdictionCode, LocalDate asOf, List<BodySummary> bodies, int page, int size,
                           long total) {
    }

    /**
     * @param name       the name the body bore on the list's date
     * @param latestName the name given by its latest decision, which may take effect later
     */
    public record BodySummary(String bodyId, String name, String latestName, String natureCode, String natureLabel,
                              boolean administrativeSubject, BodyStatus status, String statusLabel,
                              String successorBodyId) {
    }

    /** A jurisdiction with the jurisdictions above it and a page of its children. */
    public record JurisdictionQuery(String code, int page, int size) {
    }

    /** @param ancestors the jurisdictions above this one, from the top of the tree down to its parent */
    public record JurisdictionDetail(String code, String name, JurisdictionLevel level, String levelLabel,
                                     boolean functionalZone, JurisdictionReference parent,
                                     List<JurisdictionReference> ancestors, List<JurisdictionReference> children,
                                     int page, int size, long childrenTotal) {
    }

    public record JurisdictionReference(String code, String name, JurisdictionLevel level) {
    }

    /**
     * Jurisdictions whose name contains the text, ordered by code; without text, the jurisdictions at the top of the
     * tree (those without a parent). At most {@code size}.
     */
    public record JurisdictionSearchQuery(String nameContains, int size) {
    }

    /** @param total how many match in all */
    public record JurisdictionMatches(List<JurisdictionMatch> matches, long total) {
    }

    /** A jurisdiction with the name of its parent, which tells apart places of the same name. */
    public record JurisdictionMatch(String code, String name, JurisdictionLevel level, String levelLabel,
                                    String parentName) {
    }
}
