package org.quanli.kernel.powerlist;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.delegation.DelegationMode;
import org.quanli.kernel.ledger.InclusionProofs;

/**
 * Queries about power lists, answered by the query side's projections, and what they answer. Two times are kept
 * apart everywhere: the effective date of decisions ({@code asOf}) and the time the ledger recorded them
 * ({@code knownAt}).
 */
public final class PowerListQueries {

    private PowerListQueries() {
    }

    /**
     * The published list as it stood on the effective date {@code asOf} (default: today in Beijing), as the ledger
     * knew it at {@code knownAt} (default: now): decisions recorded after {@code knownAt} are ignored, even if they
     * are back-dated. Filters are optional; pages count from 0.
     *
     * A page is the {@code size} items that follow {@code after} or precede {@code before} in list order (type,
     * name, item), whatever the depth; without either, page {@code page} counts {@code page × size} items from the
     * start, which costs more the deeper it is. {@code page} stays the page's number in the answer either way.
     *
     * @param publicOnly leave out items whose content is not public (公开属性: 不予公开); true for the public portal
     * @param after      the page starts after this item (the {@code next} of the previous page), or null
     * @param before     the page ends before this item (the {@code previous} of the next page), or null
     */
    public record PublishedListQuery(String jurisdictionCode, String bodyId, ItemType type, String exerciseLevelCode,
                                     String nameContains, LocalDate asOf, Instant knownAt, int page, int size,
                                     boolean publicOnly, ListCursor after, ListCursor before) {

        public PublishedListQuery(String jurisdictionCode, String bodyId, ItemType type, String exerciseLevelCode,
                                  String nameContains, LocalDate asOf, Instant knownAt, int page, int size,
                                  boolean publicOnly) {
            this(jurisdictionCode, bodyId, type, exerciseLevelCode, nameContains, asOf, knownAt, page, size,
                    publicOnly, null, null);
        }

        /** The public list: items that are not public are left out unless asked for. */
        public PublishedListQuery(String jurisdictionCode, String bodyId, ItemType type, String exerciseLevelCode,
                                  String nameContains, LocalDate asOf, Instant knownAt, int page, int size) {
            this(jurisdictionCode, bodyId, type, exerciseLevelCode, nameContains, asOf, knownAt, page, size, true);
        }
    }

    /**
     * @param next     the cursor to ask {@code after} for the following page; null on the last page
     * @param previous the cursor to ask {@code before} for the page before; null on the first page
     */
    public record PublishedList(LocalDate asOf, Instant knownAt, List<PublishedItem> items, int page, int size,
                                long total, String next, String previous) {

        public PublishedList(LocalDate asOf, Instant knownAt, List<PublishedItem> items, int page, int size,
                             long total) {
            this(asOf, knownAt, items, page, size, total, null, null);
        }
    }

    /**
     * One item of a published list, in the version in force on the list's date.
     *
     * @param receivedFrom where a received item came from (devolved or granted to its body), or null
     * @param entrustedTo  the bodies that exercise the item in its body's name on the list's date (委托), for the
     *                     entrustment's term; empty when none
     */
    public record PublishedItem(String itemId, int version, String name, String typeCode, String typeLabel,
                                String exerciseLevelCode, String catalogueCode, String implementationCode,
                                String bodyId, String bodyName, String jurisdictionCode, int legalLimitDays,
                                int promisedLimitDays, boolean immediate, List<LegalBasis> legalBases,
                                String documentNumber, LocalDate effectiveDate, ReceivedFrom receivedFrom,
                                List<Entrustee> entrustedTo) {
    }

    /** The item a received item was sent down from, its body, and the delegation that sent it. */
    public record ReceivedFrom(String sourceItemId, String sourceBodyId, String sourceBodyName, String delegationId,
                               DelegationMode mode) {
    }

    /**
     * A body exercising an item in the entrusting body's name (委托).
     *
     * @param termEnd the last day of the announced term, or null when none was announced
     */
    public record Entrustee(String bodyId, String bodyName, String delegationId, String documentNumber,
                            LocalDate from, LocalDate termEnd) {
    }

    /**
     * The full published content of one item on the effective date {@code asOf} (default: today in Beijing), as
     * known now, for an item guide or an export. Not found when the item is not on a list that day, or when
     * {@code publicOnly} and its content is not public.
     */
    public record PublishedItemQuery(String itemId, LocalDate asOf, boolean publicOnly) {

        public PublishedItemQuery(String itemId, LocalDate asOf) {
            this(itemId, asOf, true);
        }
    }

    public record PublishedItemDetail(PublishedItem item, ItemContent content) {
    }

    /** An item as the people who maintain it see it: its state, its pending change, the version for If-Match. */
    public record ItemQuery(String itemId) {
    }

    public record ItemSummary(String itemId, String bodyId, String jurisdictionCode, ListStatus listStatus,
                              String listStatusLabel, ReviewStatus reviewStatus, ChangeKind pendingChange,
                              long version, Integer publishedVersion, ItemContent content,
                              ItemContent pendingContent, Instant lastChangedAt) {
    }

    /**
     * The register of items (台账) as their maintainers see it: every item in whatever state, filtered by
     * jurisdiction, body, list status, review status, type and name text (all optional); newest change first.
     */
    public record ItemRegisterQuery(String jurisdictionCode, String bodyId, ListStatus listStatus,
                                    ReviewStatus reviewStatus, ItemType type, String nameContains, int page,
                                    int size) {
    }

    public record ItemRegister(List<ItemSummary> items, int page, int size, long total) {
    }

    /** Every event of an item, oldest first. */
    public record ItemHistoryQuery(String itemId, int page, int size) {
    }

    public record ItemHistory(String itemId, List<HistoryEntry> entries, int page, int size, long total) {
    }

    /**
     * One event of an item's history: who did it (user, role, body), the document and effective date of a
     * decision, and when it was recorded. {@code position} is the event's global index in the store;
     * {@code inclusionProof} the public link that proves the event is part of the signed ledger.
     */
    public record HistoryEntry(long sequence, String eventId, long position, String event, String description,
                               String actorUserId, String actorName, String actorRole, String actorBody,
                               String documentNumber, LocalDate effectiveDate, Instant recordedAt,
                               Map<String, Object> details, String inclusionProof) {

        /** An entry linked to its event's inclusion proof in the ledger. */
        public HistoryEntry(long sequence, String eventId, long position, String event, String description,
                            String actorUserId, String actorName, String actorRole, String actorBody,
                            String documentNumber, LocalDate effectiveDate, Instant recordedAt,
                            Map<String, Object> details) {
            this(sequence, eventId, position, event, description, actorUserId, actorName, actorRole, actorBody,
                    documentNumber, effectiveDate, recordedAt, details, InclusionProofs.link(eventId));
        }
    }

    /** Every published version of an item with the effective dates between which it was in force. */
    public record ItemVersionsQuery(String itemId) {
    }

    public record ItemVersions(String itemId, List<VersionPeriod> periods) {
    }

    /**
     * One period during which a version of the item stood on a body's list.
     *
     * @param effectiveTo    exclusive; null while in force
     * @param endedBy        what ended the period (AMEND, CANCEL, TRANSFER_OUT, MERGE, SUSPEND, PASSED, DEVOLVE,
     *                       RECALL), or null
     * @param documentNumber the decision that opened the period; {@code recordedAt} is when it was recorded
     * @param openedBy       what opened the period: PUBLISH, AMEND, RESUME, PASSED (to a successor body), RECEIVE
     *                       (a receiver's own item) or RESTORE (a devolution recalled)
     * @param endRecordedAt  when the decision that ended the period was recorded
     */
    public record VersionPeriod(int version, LocalDate effectiveFrom, LocalDate effectiveTo, String endedBy,
                                String documentNumber, String endDocumentNumber, Instant recordedAt,
                                ItemContent content, String bodyId, String jurisdictionCode, String openedBy,
                                Instant endRecordedAt) {
    }

    /**
     * What changed in a jurisdiction's or body's published list between two effective dates, as known now. Each of
     * the three parts is paged alike ({@code page}, {@code size}) and counted in full.
     *
     * @param publicOnly compare the public lists: items whose content is not public are left out
     */
    public record ListDiffQuery(String jurisdictionCode, String bodyId, LocalDate from, LocalDate to,
                                boolean publicOnly, int page, int size) {

        public ListDiffQuery(String jurisdictionCode, String bodyId, LocalDate from, LocalDate to) {
            this(jurisdictionCode, bodyId, from, to, true, 0, 200);
        }
    }

    public record ListDiff(LocalDate from, LocalDate to, List<PublishedItem> added, List<RemovedItem> removed,
                           List<ChangedItem> changed, long addedTotal, long removedTotal, long changedTotal,
                           int page, int size) {
    }

    /**
     * @param outcome why the item is off the list at {@code to}: CANCELLED, TRANSFERRED, MERGED, SUSPENDED, DEVOLVED,
     *                PASSED (to a successor body outside the list's scope) or NOT_PUBLIC (still in force, but no
     *                longer public: only in public diffs), with the deciding document and its effective date
     */
    public record RemovedItem(PublishedItem item, String outcome, String documentNumber, LocalDate effectiveDate) {
    }

    public record ChangedItem(PublishedItem before, PublishedItem after, List<FieldChange> changes) {
    }

    public record FieldChange(String field, Object before, Object after) {
    }

    /** Clean-up figures for a jurisdiction or body, over decisions whose effective date lies in [from, to]. */
    public record CleanupStatisticsQuery(String jurisdictionCode, String bodyId, LocalDate from, LocalDate to) {
    }

    /**
     * Each item counts once, by its last clean-up outcome in the period. sorted = removed + kept;
     * removed = cancelled + devolved + transferred + merged + suspended; reductionRate = removed / sorted
     * (Debao 2017: 1743 / 4501 = 38.72%), as a fraction rounded to four places, 0 when nothing was sorted. A
     * resumption leaves the item on the list and counts as kept. {@code definition} states all this in Chinese.
     */
    public record CleanupStatistics(String jurisdictionCode, String bodyId, LocalDate from, LocalDate to, long sorted,
                                    long cancelled, long devolved, long transferred, long merged, long suspended,
                                    long kept, long removed, double reductionRate, String definition) {
    }

    /** How many items of each type the list (its filters but the type) holds: the tabs of a list page. */
    public record PublishedTypeCountsQuery(PublishedListQuery list) {
    }

    /** @param total every item of the list, whatever its type */
    public record PublishedTypeCounts(List<TypeCount> counts, long total) {
    }

    public record TypeCount(String typeCode, String typeLabel, long items) {
    }
}
