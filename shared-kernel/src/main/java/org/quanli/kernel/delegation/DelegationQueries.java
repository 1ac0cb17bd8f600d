package org.quanli.kernel.delegation;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Queries about delegated powers, answered by the query side's projections, and what they answer: who may accept
 * cases of an item on a date, what a body received, where a power came from and went, a government's devolution
 * figures, and the audit findings. Every date is an effective date; a body is named as it was named on the date
 * the answer is about.
 */
public final class DelegationQueries {

    private DelegationQueries() {
    }

    /** A body, named as it was on a given date. */
    public record BodyName(String bodyId, String name, String jurisdictionCode) {
    }

    /** The decision behind a capacity: a publication, a succession or a delegation, by its document. */
    public record DecisionBasis(String delegationId, String documentNumber, LocalDate effectiveDate) {
    }

    // --- who holds what -----------------------------------------------------------------------------------------

    /** May the body accept cases of the item on the date, and in which capacity (the command side's check). */
    public record HoldingQuery(String bodyId, String itemId, LocalDate date) {
    }

    /**
     * @param capacity   null when the body may not accept cases of the item on the date
     * @param onBehalfOf for ON_BEHALF: the receiver the body acts for during the transition
     * @param actingUntil for ON_BEHALF: the last day the body may still act on the receiver's behalf
     * @param decision   the decision behind the capacity: for OWN the one that put the item on the body's list, for a
     *                   received item the delegation, for ON_BEHALF the devolution whose transition it is
     * @param holder     who holds the item in force on the date (null if nobody does)
     */
    public record Holding(String bodyId, String itemId, LocalDate date, boolean mayAccept,
                          AcceptanceCapacity capacity, String capacityLabel, BodyName onBehalfOf,
                          LocalDate actingUntil, DecisionBasis decision, BodyName holder, String explanation) {
    }

    /** The items a body holds on {@code asOf} because they were sent down to it, with its open capacity gaps. */
    public record ReceivedItemsQuery(String bodyId, LocalDate asOf, int page, int size) {
    }

    /**
     * @param departmentCount how many distinct upper bodies the received items came from (多口归一)
     * @param departments     those bodies, named as on {@code asOf}, with how many of the items each sent
     * @param openGaps        capacity gaps not closed on or before {@code asOf} (at most 200; see openGapCount)
     */
    public record ReceivedItems(BodyName body, LocalDate asOf, long departmentCount, List<Department> departments,
                                List<ReceivedItem> items, int page, int size, long total, long openGapCount,
                                List<CapacityGap> openGaps, Map<String, String> definitions) {
    }

    public record Department(BodyName body, long items) {
    }

    /**
     * @param sourceBody  the body that held the source item when it was delegated, named as on the effective date
     * @param confirmedOn the receiver's confirmation (承接) of the delegation, null if none on or before asOf
     */
    public record ReceivedItem(String itemId, String name, String typeCode, String typeLabel, DelegationMode mode,
                               String modeLabel, String powerSourceCode, String powerSourceLabel,
                               String sourceItemId, BodyName sourceBody, String delegationId,
                               String documentNumber, LocalDate effectiveDate, LocalDate confirmedOn) {
    }

    /** @param overdue open past its deadline on the reference date */
    public record CapacityGap(String gapId, String delegationId, CapacityGapKind kind, String kindLabel,
                              String description, String measure, BodyName leadBody, LocalDate deadline,
                              boolean overdue, LocalDate closedOn) {
    }

    // --- lineage ------------------------------------------------------------------------------------------------

    /** Where a power came from (up to the body that held it in its own right) and everywhere it went. */
    public record LineageQuery(String itemId) {
    }

    /**
     * @param path the item ids from the root down to the asked item
     * @param root the item the chain starts from, with every delegation below it
     */
    public record Lineage(String itemId, String rootItemId, List<String> path, LineageNode root) {
    }

    /**
     * One item in the tree. {@code delegation} is the delegation it was received by (null for the root).
     *
     * @param holders who held it between which effective dates (mergers pass it to successors)
     * @param delegations the delegations it was sent down by, each with its receivers and their items
     */
    public record LineageNode(String itemId, String name, String typeCode, String typeLabel, String powerSourceCode,
                              String powerSourceLabel, String documentNumber, LocalDate effectiveDate,
                              List<HolderPeriod> holders, List<LineageDelegation> delegations) {
    }

    /**
     * @param body     named as on {@code from}
     * @param openedBy PUBLISHED, RECEIVED, PASSED_TO_SUCCESSOR, RESUMED or RESTORED
     * @param to       exclusive; null while held
     * @param endedBy  CANCELLED, TRANSFERRED, MERGED, SUSPENDED, DEVOLVED, RECALLED or PASSED_TO_SUCCESSOR; null
     */
    public record HolderPeriod(BodyName body, LocalDate from, LocalDate to, String openedBy, String openDocument,
                               String endedBy, String endDocument) {
    }

    /**
     * @param refusal why the item did not take this delegation; null when it did (or the process has not reached it)
     */
    public record LineageDelegation(String delegationId, DelegationMode mode, String modeLabel,
                                    String decidingJurisdictionCode, String documentNumber, LocalDate effectiveDate,
                                    LocalDate transitionEnd, LocalDate termEnd, String recallDocument,
                                    LocalDate recallEffectiveDate, Refusal refusal, List<LineageReceiver> receivers) {
    }

    /** The rule by which a source item refused a delegation, and its explanation. */
    public record Refusal(String rule, String reason) {
    }

    /**
     * @param body        named as on the delegation's effective date
     * @param transitions who acts on the receiver's behalf, for this item, until when
     * @param item        the receiver's own item (null until the ledger has created it)
     */
    public record LineageReceiver(BodyName body, LocalDate confirmedOn, LocalDate handedOverOn,
                                  List<Transition> transitions, LineageNode item) {
    }

    /**
     * @param until   the arranged last day
     * @param endsOn  the last day actually covered: the arranged day, the day before the handover or the recall
     */
    public record Transition(BodyName actingBody, LocalDate until, LocalDate endsOn) {
    }

    // --- statistics ---------------------------------------------------------------------------------------------

    /** Devolution figures of one government's decisions whose effective date lies in [from, to]. */
    public record DelegationStatisticsQuery(String jurisdictionCode, LocalDate from, LocalDate to) {
    }

    public record DelegationStatistics(String jurisdictionCode, LocalDate from, LocalDate to,
                                       LocalDate referenceDate, long decisions, long itemsDevolved,
                                       long itemsGranted, long itemsEntrusted, long itemsRefused, long receivers,
                                       long receipts, long receiptsConfirmed, long gapsReported, long gapsClosed,
                                       long gapsOpenPastDeadline, long recalls, Map<String, String> definitions) {
    }

    // --- audit findings -----------------------------------------------------------------------------------------

    public enum FindingKind {
        POWER_VACUUM("权力悬空"),
        NO_GUIDANCE("下放后业务指导不到位"),
        GAP_OVERDUE("承接能力缺口逾期未整改"),
        CONCENTRATION("多口归一"),
        VILLAGE_FORBIDDEN_CATEGORY("村级清单含审批、处罚、强制、征收职权"),
        DORMANT_DELEGATION("下放后从未行使"),
        RELEASED_ON_PAPER("明放暗不放");

        private final String label;

        FindingKind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * Findings on the reference date {@code asOf} (default today in Beijing), optionally of one kind, involving one
     * body, or involving a body in a jurisdiction or below it.
     */
    public record FindingsQuery(FindingKind kind, String jurisdictionCode, String bodyId, LocalDate asOf, int page,
                                int size) {
    }

    /**
     * @param settings    the thresholds the findings were computed with (days, departments)
     * @param definitions each kind's definition
     */
    public record Findings(LocalDate asOf, Map<String, Integer> settings, Map<String, String> definitions,
                           List<Finding> findings, int page, int size, long total) {
    }

    /**
     * @param bodies   the bodies concerned, each with its part (RECEIVER, DEVOLVING, ACTING, LEAD, DEPARTMENT, HOLDER)
     * @param items    the items concerned
     * @param from     the first day the finding holds, in every kind (for a finding about days passing, the day after
     *                 the last day allowed)
     * @param to       exclusive: the first day it no longer held; null while it still holds on {@code asOf}
     * @param evidence the stored events that show it, by id and position (global index) in the event store
     */
    public record Finding(FindingKind kind, String kindLabel, String delegationId, List<FindingBody> bodies,
                          List<FindingItem> items, LocalDate from, LocalDate to, Map<String, Object> details,
                          List<Evidence> evidence) {
    }

    public record FindingBody(String role, String bodyId, String name, String jurisdictionCode) {
    }

    public record FindingItem(String itemId, String name) {
    }

    public record Evidence(String event, String eventId, long position) {
    }
}
