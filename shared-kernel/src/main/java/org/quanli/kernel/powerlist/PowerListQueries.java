package org.quanli.kernel.powerlist;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.quanli.kernel.codes.ItemType;

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
     * @param publicOnly leave out items whose content is not public (公开属性: 不予公开); true for the public portal
     */
    public record PublishedListQuery(String jurisdictionCode, String bodyId, ItemType type, String exerciseLevelCode,
                                     String nameContains, LocalDate asOf, Instant knownAt, int page, int size,
                                     boolean publicOnly) {

        /** The public list: items that are not public are left out unless asked for. */
        public PublishedListQuery(String jurisdictionCode, String bodyId, ItemType type, String exerciseLevelCode,
                                  String nameContains, LocalDate asOf, Instant knownAt, int page, int size) {
            this(jurisdictionCode, bodyId, type, exerciseLevelCode, nameContains, asOf, knownAt, page, size, true);
        }
    }

    public record PublishedList(LocalDate asOf, Instant knownAt, List<PublishedItem> items, int page, int size,
                                long total) {
    }

    /** One item of a published list, in the version in force on the list's date. */
    public record PublishedItem(String itemId, int version, String name, String typeCode, String typeLabel,
                                String exerciseLevelCode, String catalogueCode, String implementationCode,
                                String bodyId, String bodyName, String jurisdictionCode, int legalLimitDays,
                                int promisedLimitDays, boolean immediate, List<LegalBasis> legalBases,
                                String documentNumber, LocalDate effectiveDate) {
    }

    /** The full published content of one item on a date, for an item guide or an export. */
    public record PublishedItemQuery(String itemId, LocalDate asOf) {
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

    /** Every event of an item, oldest first. */
    public record ItemHistoryQuery(String itemId, int page, int size) {
    }

    public record ItemHistory(String itemId, List<HistoryEntry> entries, int page, int size, long total) {
    }

    /**
     * One event of an item's history: who did it (user, role, body), the document and effective date of a
     * decision, and when it was recorded. {@code position} is the event's global index in the store.
     */
    public record HistoryEntry(long sequence, String eventId, long position, String event, String description,
                               String actorUserId, String actorName, String actorRole, String actorBody,
                               String documentNumber, LocalDate effectiveDate, Instant recordedAt,
                               Map<String, Object> details) {
    }

    /** Every published version of an item with the effective dates between which it was in force. */
    public record ItemVersionsQuery(String itemId) {
    }

    public record ItemVersions(String itemId, List<VersionPeriod> periods) {
    }

    /**
     * @param effectiveTo exclusive; null while in force
     * @param endedBy     what ended the period (AMEND, CANCEL, TRANSFER_OUT, MERGE, SUSPEND, DEVOLVE …), or null
     */
    public record VersionPeriod(int version, LocalDate effectiveFrom, LocalDate effectiveTo, String endedBy,
                                String documentNumber, String endDocumentNumber, Instant recordedAt,
                                ItemContent content) {
    }

    /** What changed in a jurisdiction's or body's published list between two effective dates. */
    public record ListDiffQuery(String jurisdictionCode, String bodyId, LocalDate from, LocalDate to) {
    }

    public record ListDiff(LocalDate from, LocalDate to, List<PublishedItem> added, List<RemovedItem> removed,
                           List<ChangedItem> changed) {
    }

    /** @param outcome CANCELLED, TRANSFERRED, MERGED, SUSPENDED or DEVOLVED, with the deciding document */
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
     * (Debao 2017: 1743 / 4501 = 38.72%).
     */
    public record CleanupStatistics(String jurisdictionCode, String bodyId, LocalDate from, LocalDate to, long sorted,
                                    long cancelled, long devolved, long transferred, long merged, long suspended,
                                    long kept, long removed, double reductionRate, String definition) {
    }
}
