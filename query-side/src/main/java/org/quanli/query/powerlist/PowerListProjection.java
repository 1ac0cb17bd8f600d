package org.quanli.query.powerlist;

import java.time.Instant;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemDelegated;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemDelegationRefused;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemReceived;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemRecalled;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemRestored;
import org.quanli.kernel.delegation.DelegationMode;
import org.quanli.kernel.powerlist.ChangeKind;
import org.quanli.kernel.powerlist.ItemContent;
import org.quanli.kernel.powerlist.ListStatus;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemAdjustmentProposed;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemAmended;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemAmendmentDrafted;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemApproved;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemCancelled;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemChangeWithdrawn;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemDraftRevised;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemDrafted;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemKept;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemMergedInto;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemPassedToSuccessor;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemPublished;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemResumed;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemReturned;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemSubmitted;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemSuspended;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemTransferredOut;
import org.quanli.kernel.powerlist.ReviewStatus;
import org.quanli.platform.db.SqlValues;
import org.quanli.platform.projections.BatchedWrites;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Items as their maintainers see them ({@code item_view}): whether the item stands on the list, where its pending
 * change stands in review, the content in force and the pending content, and the aggregate version that If-Match
 * carries. Every event of an item moves the version on.
 */
@Component
@ProcessingGroup(PowerListProjection.GROUP)
class PowerListProjection {

    /** The processing group of the item view and the published lists, so that both move on together. */
    static final String GROUP = "power-lists";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final BatchedWrites writes;

    PowerListProjection(JdbcClient jdbc, JsonMapper json, BatchedWrites writes) {
        this.jdbc = jdbc;
        this.json = json;
        this.writes = writes;
    }

    // --- drafting and review -------------------------------------------------------------------------------------

    @EventHandler
    void on(PowerItemDrafted event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        write(event.itemId(), """
                insert into item_view (item_id, body_id, jurisdiction_code, list_status, review_status, pending_change,
                    pending_content, version, last_changed_at)
                values (:item, :body, :jurisdiction, :listStatus, :reviewStatus, :change, :content::jsonb, :version,
                    :at)
                on conflict (item_id) do nothing""", changed(sequence, recordedAt)
                .addValue("body", event.bodyId()).addValue("jurisdiction", event.jurisdictionCode())
                .addValue("listStatus", ListStatus.UNPUBLISHED.name())
                .addValue("reviewStatus", ReviewStatus.DRAFT.name())
                .addValue("change", ChangeKind.PUBLISH.name()).addValue("content", json(event.content())));
    }

    @EventHandler
    void on(PowerItemDraftRevised event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        write(event.itemId(), """
                update item_view set pending_content = :content::jsonb, version = :version, last_changed_at = :at
                where item_id = :item""", changed(sequence, recordedAt).addValue("content", json(event.content())));
    }

    @EventHandler
    void on(PowerItemAmendmentDrafted event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        pending(event.itemId(), ChangeKind.AMEND, ReviewStatus.DRAFT, event.content(), sequence, recordedAt);
    }

    @EventHandler
    void on(PowerItemAdjustmentProposed event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        // An adjustment goes straight to review; it carries no content of its own.
        pending(event.itemId(), event.kind(), ReviewStatus.SUBMITTED, null, sequence, recordedAt);
    }

    @EventHandler
    void on(PowerItemChangeWithdrawn event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        pending(event.itemId(), null, ReviewStatus.NONE, null, sequence, recordedAt);
    }

    @EventHandler
    void on(PowerItemSubmitted event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        review(event.itemId(), ReviewStatus.SUBMITTED, sequence, recordedAt);
    }

    @EventHandler
    void on(PowerItemReturned event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        review(event.itemId(), ReviewStatus.RETURNED, sequence, recordedAt);
    }

    @EventHandler
    void on(PowerItemApproved event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        review(event.itemId(), ReviewStatus.APPROVED, sequence, recordedAt);
    }

    // --- decisions -----------------------------------------------------------------------------------------------

    @EventHandler
    void on(PowerItemPublished event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        // A back-filled item (RecordPublishedItem) has no draft: its publication creates the row.
        inForce(event.itemId(), event.bodyId(), event.jurisdictionCode(), event.version(), event.content(), sequence,
                recordedAt);
    }

    @EventHandler
    void on(PowerItemAmended event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        write(event.itemId(), """
                update item_view set list_status = :listStatus, review_status = 'NONE', pending_change = null,
                    pending_content = null, published_version = :published, content = :content::jsonb,
                    version = :version, last_changed_at = :at
                where item_id = :item""", changed(sequence, recordedAt)
                .addValue("listStatus", ListStatus.IN_FORCE.name()).addValue("published", event.version())
                .addValue("content", json(event.content())));
    }

    @EventHandler
    void on(PowerItemCancelled event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        decided(event.itemId(), ListStatus.CANCELLED, sequence, recordedAt);
    }

    @EventHandler
    void on(PowerItemTransferredOut event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        decided(event.itemId(), ListStatus.TRANSFERRED, sequence, recordedAt);
    }

    @EventHandler
    void on(PowerItemMergedInto event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        decided(event.itemId(), ListStatus.MERGED, sequence, recordedAt);
    }

    @EventHandler
    void on(PowerItemSuspended event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        decided(event.itemId(), ListStatus.SUSPENDED, sequence, recordedAt);
    }

    @EventHandler
    void on(PowerItemResumed event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        decided(event.itemId(), ListStatus.IN_FORCE, sequence, recordedAt);
    }

    @EventHandler
    void on(PowerItemKept event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        // Kept as it stands: only the pending adjustment is done with.
        pending(event.itemId(), null, ReviewStatus.NONE, null, sequence, recordedAt);
    }

    @EventHandler
    void on(PowerItemPassedToSuccessor event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        // The item's pending change, if any, goes with it to the successor body.
        write(event.itemId(), """
                update item_view set body_id = :body, jurisdiction_code = :jurisdiction, version = :version,
                    last_changed_at = :at
                where item_id = :item""", changed(sequence, recordedAt).addValue("body", event.toBodyId())
                .addValue("jurisdiction", event.jurisdictionCode()));
    }

    // --- delegation --------------------------------------------------------------------------------------------

    /** A devolution takes the item off its holder's list; a grant or an entrustment leaves it there. */
    @EventHandler
    void on(PowerItemDelegated event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        if (event.mode() == DelegationMode.DEVOLVE) {
            decided(event.itemId(), ListStatus.DEVOLVED, sequence, recordedAt);
        } else {
            unchangedButVersion(event.itemId(), sequence, recordedAt);
        }
    }

    /** The item stays as it was; its version moves on, as with every event. */
    @EventHandler
    void on(PowerItemDelegationRefused event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        unchangedButVersion(event.itemId(), sequence, recordedAt);
    }

    /** The receiver's own item is in force from the delegation's effective date. */
    @EventHandler
    void on(PowerItemReceived event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        inForce(event.itemId(), event.bodyId(), event.jurisdictionCode(), event.version(), event.content(), sequence,
                recordedAt);
    }

    @EventHandler
    void on(PowerItemRecalled event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        decided(event.itemId(), ListStatus.RECALLED, sequence, recordedAt);
    }

    @EventHandler
    void on(PowerItemRestored event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        decided(event.itemId(), ListStatus.IN_FORCE, sequence, recordedAt);
    }

    // --- writing -------------------------------------------------------------------------------------------------

    private void unchangedButVersion(String itemId, long sequence, Instant recordedAt) {
        write(itemId, """
                update item_view set version = :version, last_changed_at = :at
                where item_id = :item""", changed(sequence, recordedAt));
    }

    /** A published or received item stands on the list in this version, with nothing pending. */
    private void inForce(String itemId, String bodyId, String jurisdictionCode, int version, ItemContent content,
                         long sequence, Instant recordedAt) {
        write(itemId, """
                insert into item_view (item_id, body_id, jurisdiction_code, list_status, review_status, version,
                    published_version, content, last_changed_at)
                values (:item, :body, :jurisdiction, :listStatus, :reviewStatus, :version, :published,
                    :content::jsonb, :at)
                on conflict (item_id) do update set list_status = excluded.list_status, review_status = 'NONE',
                    pending_change = null, pending_content = null, version = excluded.version,
                    published_version = excluded.published_version, content = excluded.content,
                    last_changed_at = excluded.last_changed_at""", changed(sequence, recordedAt)
                .addValue("body", bodyId).addValue("jurisdiction", jurisdictionCode)
                .addValue("listStatus", ListStatus.IN_FORCE.name()).addValue("reviewStatus", ReviewStatus.NONE.name())
                .addValue("published", version).addValue("content", json(content)));
    }

    private void pending(String itemId, ChangeKind kind, ReviewStatus status, ItemContent content, long sequence,
                         Instant recordedAt) {
        write(itemId, """
                update item_view set pending_change = :change, review_status = :reviewStatus,
                    pending_content = :content::jsonb, version = :version, last_changed_at = :at
                where item_id = :item""", changed(sequence, recordedAt)
                .addValue("change", kind == null ? null : kind.name()).addValue("reviewStatus", status.name())
                .addValue("content", content == null ? null : json(content)));
    }

    private void review(String itemId, ReviewStatus status, long sequence, Instant recordedAt) {
        write(itemId, """
                update item_view set review_status = :reviewStatus, version = :version, last_changed_at = :at
                where item_id = :item""", changed(sequence, recordedAt).addValue("reviewStatus", status.name()));
    }

    /** A decided adjustment sets the list status and clears the pending change. */
    private void decided(String itemId, ListStatus status, long sequence, Instant recordedAt) {
        write(itemId, """
                update item_view set list_status = :listStatus, review_status = 'NONE', pending_change = null,
                    pending_content = null, version = :version, last_changed_at = :at
                where item_id = :item""", changed(sequence, recordedAt).addValue("listStatus", status.name()));
    }

    /** The parameters of every statement here: the item's version and the time it last changed. */
    private static MapSqlParameterSource changed(long sequence, Instant recordedAt) {
        return new MapSqlParameterSource("version", sequence).addValue("at", SqlValues.timestamp(recordedAt));
    }

    /**
     * The statements go out together when the batch commits ({@link BatchedWrites}), keyed by item: an item's
     * statements run in the order of its events. None of this group's handlers reads {@code item_view}.
     */
    private void write(String itemId, String sql, MapSqlParameterSource parameters) {
        writes.write(itemId, sql, parameters.addValue("item", itemId));
    }

    private String json(ItemContent content) {
        return json.writeValueAsString(content);
    }

    @ResetHandler
    void reset() {
        jdbc.sql("truncate item_view").update();
    }
}
