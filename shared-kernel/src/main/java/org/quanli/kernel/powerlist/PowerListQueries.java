package org.quanli.kernel.powerlist;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.quanli.kernel.codes.ItemType;

/** Queries about power lists, answered by the query side's projections, and what they answer. */
public final class PowerListQueries {

    private PowerListQueries() {
    }

    /**
     * The published list as it stands on {@code asOf} (an effective date): items published with an effective date on
     * or before it and not superseded by then. Filters are optional; pages count from 0.
     */
    public record PublishedListQuery(String jurisdictionCode, String bodyId, ItemType type, String nameContains,
                                     LocalDate asOf, int page, int size) {
    }

    public record PublishedList(LocalDate asOf, List<PublishedItem> items, int page, int size, long total) {
    }

    /** One item of a published list, in the version in effect on the list's date. */
    public record PublishedItem(String itemId, int version, String name, String typeCode, String typeLabel,
                                String bodyId, String bodyName, String jurisdictionCode, int legalLimitDays,
                                int promisedLimitDays, boolean immediate, List<LegalBasis> legalBases,
                                String documentNumber, LocalDate effectiveDate) {
    }

    /** An item as the people who maintain it see it: its current state and the version to send in If-Match. */
    public record ItemQuery(String itemId) {
    }

    public record ItemSummary(String itemId, String bodyId, String jurisdictionCode, ItemStatus status,
                              String statusLabel, long version, Integer publishedVersion, ItemContent content,
                              Instant lastChangedAt) {
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
}
