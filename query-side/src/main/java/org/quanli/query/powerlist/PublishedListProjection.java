package org.quanli.query.powerlist;

import java.time.Instant;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.quanli.kernel.decision.Decision;
import org.quanli.kernel.delegation.DelegationMessages.DelegatedItem;
import org.quanli.kernel.delegation.DelegationMessages.DelegationDecided;
import org.quanli.kernel.delegation.DelegationMessages.DelegationRecalled;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemDelegated;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemReceived;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemRecalled;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemRestored;
import org.quanli.kernel.delegation.DelegationMessages.Receiver;
import org.quanli.kernel.delegation.DelegationMode;
import org.quanli.kernel.powerlist.ItemContent;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemAmended;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemCancelled;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemKept;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemMergedInto;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemPassedToSuccessor;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemPublished;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemResumed;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemSuspended;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemTransferredOut;
import org.quanli.platform.db.SqlValues;
import org.quanli.platform.messaging.RecordedEvent;
import org.quanli.platform.messaging.StoredEvents;
import org.quanli.platform.projections.BatchedWrites;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who holds which version of which item from when to when ({@code item_holding_period}, the query side's one model of
 * it; the lists read the listed periods through {@code published_item_version}): periods during which one version of
 * an item stood on one body's list, each opened and closed by a decision with its document, effective date and
 * recorded time.
 * Publication opens version 1; an amendment closes the open period and opens the next version; cancelling,
 * transferring, merging and suspending close it; a resumption opens the same version again; passing to a successor
 * body closes it and opens the same version under the successor. The clean-up outcomes are kept per item
 * ({@code cleanup_outcome}) for the statistics.
 *
 * <p>Delegations (by their effective dates, like every decision): a devolution (下放) closes the source's period and
 * counts as the clean-up outcome DEVOLVE; the receiver's own item, devolved or granted (赋权), opens a period on the
 * receiver's list naming its source item, body and delegation; a recall (收回) closes the receiver's period, and a
 * devolved item it gives back opens again (outcome RESTORE, counted as kept). An entrustment (委托) puts nothing on
 * the receiver's list: the entrustee's own item is held (for the term, see the view {@code item_holding_term}) but not
 * listed, the item stays on the entrusting body's list, and {@code item_entrustment} names who exercises it in that
 * body's name, for the term, until a recall. Each period keeps its power source and the event that opened it, the
 * evidence the lineage and the findings cite.
 *
 * <p>Per item, periods follow one another and never overlap: a decision dated before the start of the period it
 * closes (only passing to a successor is not held to the item's order of effective dates) ends that period on the
 * day it started, and a new period never starts before the previous one ended.
 *
 * <p>Every statement here is about one item and goes out with the rest of the batch at its commit
 * ({@link BatchedWrites}), in the order of the item's events; the two that depend on more (a recall's entrustments,
 * a successor's period that opens only if one was open) run at once, after what the batch held back.
 */
@Component
@ProcessingGroup(PowerListProjection.GROUP)
class PublishedListProjection {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final StoredEvents events;
    private final BatchedWrites writes;

    PublishedListProjection(JdbcClient jdbc, JsonMapper json, StoredEvents events, BatchedWrites writes) {
        this.jdbc = jdbc;
        this.json = json;
        this.events = events;
        this.writes = writes;
    }

    @EventHandler
    void on(PowerItemPublished event, @SequenceNumber long sequence, @Timestamp Instant recordedAt,
            DomainEventMessage<?> message, TrackingToken token) {
        open(event.itemId(), sequence, "PUBLISH", event.version(), event.content(), event.bodyId(),
                event.jurisdictionCode(), null, event.decision(), recordedAt, events.recorded(message, token));
    }

    @EventHandler
    void on(PowerItemAmended event, @SequenceNumber long sequence, @Timestamp Instant recordedAt,
            DomainEventMessage<?> message, TrackingToken token) {
        close(event.itemId(), PeriodEnd.AMEND, event.decision(), recordedAt);
        open(event.itemId(), sequence, "AMEND", event.version(), event.content(), event.bodyId(),
                event.jurisdictionCode(), null, event.decision(), recordedAt, events.recorded(message, token));
    }

    @EventHandler
    void on(PowerItemCancelled event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        takenOff(event.itemId(), sequence, event.bodyId(), event.jurisdictionCode(), PeriodEnd.CANCEL,
                CleanupOutcome.CANCEL, event.decision(), recordedAt);
    }

    @EventHandler
    void on(PowerItemTransferredOut event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        takenOff(event.itemId(), sequence, event.bodyId(), event.jurisdictionCode(), PeriodEnd.TRANSFER_OUT,
                CleanupOutcome.TRANSFER_OUT, event.decision(), recordedAt);
    }

    @EventHandler
    void on(PowerItemMergedInto event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        takenOff(event.itemId(), sequence, event.bodyId(), event.jurisdictionCode(), PeriodEnd.MERGE,
                CleanupOutcome.MERGE, event.decision(), recordedAt);
    }

    @EventHandler
    void on(PowerItemSuspended event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        takenOff(event.itemId(), sequence, event.bodyId(), event.jurisdictionCode(), PeriodEnd.SUSPEND,
                CleanupOutcome.SUSPEND, event.decision(), recordedAt);
    }

    @EventHandler
    void on(PowerItemResumed event, @SequenceNumber long sequence, @Timestamp Instant recordedAt,
            DomainEventMessage<?> message, TrackingToken token) {
        reopen(event.itemId(), sequence, "RESUME", event.bodyId(), event.jurisdictionCode(), event.decision(),
                recordedAt, events.recorded(message, token));
        outcome(event.itemId(), sequence, event.bodyId(), event.jurisdictionCode(), CleanupOutcome.RESUME,
                event.decision(), recordedAt);
    }

    @EventHandler
    void on(PowerItemKept event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        outcome(event.itemId(), sequence, event.bodyId(), event.jurisdictionCode(), CleanupOutcome.KEEP,
                event.decision(), recordedAt);
    }

    @EventHandler
    void on(PowerItemPassedToSuccessor event, @SequenceNumber long sequence, @Timestamp Instant recordedAt,
            DomainEventMessage<?> message, TrackingToken token) {
        // A suspended or unpublished item has no open period: it comes back (resumed, published) under the successor.
        if (closedAtOnce(event.itemId(), PeriodEnd.PASSED, event.decision(), recordedAt)) {
            reopen(event.itemId(), sequence, "PASSED", event.toBodyId(), event.jurisdictionCode(), event.decision(),
                    recordedAt, events.recorded(message, token));
        }
    }

    // --- delegation --------------------------------------------------------------------------------------------

    @EventHandler
    void on(PowerItemDelegated event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        if (event.mode() == DelegationMode.DEVOLVE) {
            takenOff(event.itemId(), sequence, event.bodyId(), event.jurisdictionCode(), PeriodEnd.DEVOLVE,
                    CleanupOutcome.DEVOLVE, event.decision(), recordedAt);
        }
    }

    @EventHandler
    void on(PowerItemReceived event, @SequenceNumber long sequence, @Timestamp Instant recordedAt,
            DomainEventMessage<?> message, TrackingToken token) {
        // An entrustee's own item is held but not listed: it is exercised in the entrusting body's name, and that
        // body's list names who exercises it (item_entrustment).
        open(event.itemId(), sequence, "RECEIVE", event.version(), event.content(), event.bodyId(),
                event.jurisdictionCode(), event, event.decision(), recordedAt, events.recorded(message, token));
    }

    @EventHandler
    void on(PowerItemRecalled event, @Timestamp Instant recordedAt) {
        close(event.itemId(), PeriodEnd.RECALL, event.decision(), recordedAt);
    }

    @EventHandler
    void on(PowerItemRestored event, @SequenceNumber long sequence, @Timestamp Instant recordedAt,
            DomainEventMessage<?> message, TrackingToken token) {
        reopen(event.itemId(), sequence, "RESTORE", event.bodyId(), event.jurisdictionCode(), event.decision(),
                recordedAt, events.recorded(message, token));
        outcome(event.itemId(), sequence, event.bodyId(), event.jurisdictionCode(), CleanupOutcome.RESTORE,
                event.decision(), recordedAt);
    }

    @EventHandler
    void on(DelegationDecided event, @Timestamp Instant recordedAt) {
        if (event.mode() != DelegationMode.ENTRUST) {
            return;
        }
        for (DelegatedItem item : event.items()) {
            for (Receiver receiver : event.receivers()) {
                writes.write(item.itemId(), """
                        insert into item_entrustment (item_id, receiver_body_id, delegation_id, effective_from,
                            term_end, document_number, recorded_at)
                        values (:item, :receiver, :delegation, :from, :termEnd, :document, :recordedAt)
                        on conflict do nothing""", new MapSqlParameterSource("item", item.itemId())
                        .addValue("receiver", receiver.bodyId()).addValue("delegation", event.delegationId())
                        .addValue("from", event.decision().effectiveDate()).addValue("termEnd", event.termEnd())
                        .addValue("document", event.decision().documentNumber())
                        .addValue("recordedAt", SqlValues.timestamp(recordedAt)));
            }
        }
    }

    @EventHandler
    void on(DelegationRecalled event, @Timestamp Instant recordedAt) {
        // About every item of the delegation: the entrustments the batch still holds back must be there first.
        writes.flushPending();
        jdbc.sql("""
                update item_entrustment set effective_to = greatest(effective_from, ?), end_document_number = ?,
                    end_recorded_at = ?
                where delegation_id = ? and effective_to is null""")
                .params(event.decision().effectiveDate(), event.decision().documentNumber(),
                        SqlValues.timestamp(recordedAt), event.delegationId())
                .update();
    }

    // --- periods and outcomes ------------------------------------------------------------------------------------

    /**
     * Opens a period of a new version.
     *
     * @param received the receipt that opens a received item's first period, or null
     */
    private void open(String itemId, long sequence, String openedBy, int version, ItemContent content, String bodyId,
                      String jurisdictionCode, PowerItemReceived received, Decision decision, Instant recordedAt,
                      RecordedEvent recorded) {
        // A received item's later versions keep naming where it came from, how it is held and whether it is listed;
        // an amendment continues the holding whose period it closed.
        writes.write(itemId, """
                insert into item_holding_period (item_id, opened_sequence, opened_by, version, effective_from,
                    body_id, jurisdiction_code, name, type_code, exercise_level_code, catalogue_code,
                    implementation_code, legal_limit_days, promised_limit_days, is_public, content, document_number,
                    recorded_at, source_item_id, source_body_id, delegation_id, delegation_mode, power_source, listed,
                    held_since_sequence, open_event_id, open_position)
                select :item, :sequence, :openedBy, :version,
                    greatest(:from, (select max(coalesce(p.effective_to, p.effective_from))
                                     from item_holding_period p where p.item_id = :item)),
                    :body, :jurisdiction, :name, :type, :level, :catalogue, :implementation, :legal, :promised,
                    :public, :content::jsonb, :document, :recordedAt,
                    coalesce(:sourceItem, s.source_item_id), coalesce(:sourceBody, s.source_body_id),
                    coalesce(:delegation, s.delegation_id), coalesce(:mode, s.delegation_mode),
                    coalesce(:powerSource, s.power_source, 'STATUTORY'), coalesce(:listed, s.listed, true),
                    case when s.ended_by = 'AMEND' then s.held_since_sequence else :sequence end, :eventId, :position
                from (select 1) one left join lateral (
                    select source_item_id, source_body_id, delegation_id, delegation_mode, power_source, listed,
                        ended_by, held_since_sequence from item_holding_period
                    where item_id = :item order by opened_sequence desc limit 1) s on true
                on conflict (item_id, opened_sequence) do nothing""",
                opening(itemId, sequence, openedBy, bodyId, jurisdictionCode, decision, recordedAt, recorded)
                .addValue("sourceItem", received == null ? null : received.sourceItemId())
                .addValue("sourceBody", received == null ? null : received.sourceBodyId())
                .addValue("delegation", received == null ? null : received.delegationId())
                .addValue("mode", received == null ? null : received.mode().name())
                .addValue("powerSource", received == null ? null : received.powerSource().name())
                .addValue("listed", received == null ? null : received.mode() != DelegationMode.ENTRUST)
                .addValue("version", version)
                .addValue("name", content.name())
                .addValue("type", content.type().code())
                .addValue("level", content.exerciseLevel() == null ? null : content.exerciseLevel().code())
                .addValue("catalogue", content.catalogueCode())
                .addValue("implementation", content.implementationCode())
                .addValue("legal", content.legalLimitDays())
                .addValue("promised", content.promisedLimitDays())
                .addValue("public", content.publicity().isPublic())
                .addValue("content", json.writeValueAsString(content)));
    }

    /** Opens a new period of the item's latest version, possibly under another body. */
    private void reopen(String itemId, long sequence, String openedBy, String bodyId, String jurisdictionCode,
                        Decision decision, Instant recordedAt, RecordedEvent recorded) {
        writes.write(itemId, """
                insert into item_holding_period (item_id, opened_sequence, opened_by, version, effective_from,
                    body_id, jurisdiction_code, name, type_code, exercise_level_code, catalogue_code,
                    implementation_code, legal_limit_days, promised_limit_days, is_public, content, document_number,
                    recorded_at, source_item_id, source_body_id, delegation_id, delegation_mode, power_source, listed,
                    held_since_sequence, open_event_id, open_position)
                select item_id, :sequence, :openedBy, version, greatest(:from, coalesce(effective_to, effective_from)),
                    :body, :jurisdiction, name, type_code, exercise_level_code, catalogue_code, implementation_code,
                    legal_limit_days, promised_limit_days, is_public, content, :document, :recordedAt,
                    source_item_id, source_body_id, delegation_id, delegation_mode, power_source, listed, :sequence,
                    :eventId, :position
                from item_holding_period where item_id = :item
                order by opened_sequence desc limit 1
                on conflict (item_id, opened_sequence) do nothing""",
                opening(itemId, sequence, openedBy, bodyId, jurisdictionCode, decision, recordedAt, recorded));
    }

    /** What every new period names: the item, the event that opens it, the body and the decision. */
    private static MapSqlParameterSource opening(String itemId, long sequence, String openedBy, String bodyId,
                                                 String jurisdictionCode, Decision decision, Instant recordedAt,
                                                 RecordedEvent recorded) {
        return new MapSqlParameterSource("item", itemId).addValue("sequence", sequence)
                .addValue("openedBy", openedBy).addValue("from", decision.effectiveDate()).addValue("body", bodyId)
                .addValue("jurisdiction", jurisdictionCode).addValue("document", decision.documentNumber())
                .addValue("recordedAt", SqlValues.timestamp(recordedAt)).addValue("eventId", recorded.eventId())
                .addValue("position", recorded.position());
    }

    /** A clean-up outcome that takes the item off the list: ends its period and counts the outcome. */
    private void takenOff(String itemId, long sequence, String bodyId, String jurisdictionCode, PeriodEnd end,
                  CleanupOutcome outcome, Decision decision, Instant recordedAt) {
        close(itemId, end, decision, recordedAt);
        outcome(itemId, sequence, bodyId, jurisdictionCode, outcome, decision, recordedAt);
    }

    /**
     * Ends the item's open period on the decision's effective date.
     */
    private void close(String itemId, PeriodEnd end, Decision decision, Instant recordedAt) {
        writes.write(itemId, CLOSE, closing(itemId, end, decision, recordedAt));
    }

    /**
     * Ends the item's open period at once, the batch's held-back statements first, and says whether there was one:
     * for a handler whose next statement depends on it.
     */
    private boolean closedAtOnce(String itemId, PeriodEnd end, Decision decision, Instant recordedAt) {
        writes.flushPending();
        return jdbc.sql(CLOSE).paramSource(closing(itemId, end, decision, recordedAt)).update() > 0;
    }

    private static final String CLOSE = """
            update item_holding_period set effective_to = greatest(effective_from, :from), ended_by = :end,
                end_document_number = :document, end_recorded_at = :recordedAt
            where item_id = :item and ended_by is null""";

    private static MapSqlParameterSource closing(String itemId, PeriodEnd end, Decision decision, Instant recordedAt) {
        return new MapSqlParameterSource("item", itemId).addValue("from", decision.effectiveDate())
                .addValue("end", end.name()).addValue("document", decision.documentNumber())
                .addValue("recordedAt", SqlValues.timestamp(recordedAt));
    }

    /** Records a clean-up outcome. */
    private void outcome(String itemId, long sequence, String bodyId, String jurisdictionCode, CleanupOutcome outcome,
                 Decision decision, Instant recordedAt) {
        writes.write(itemId, """
                insert into cleanup_outcome (item_id, sequence_number, body_id, jurisdiction_code, outcome,
                    effective_date, document_number, recorded_at)
                values (:item, :sequence, :body, :jurisdiction, :outcome, :from, :document, :recordedAt)
                on conflict (item_id, sequence_number) do nothing""", new MapSqlParameterSource("item", itemId)
                .addValue("sequence", sequence).addValue("body", bodyId).addValue("jurisdiction", jurisdictionCode)
                .addValue("outcome", outcome.name()).addValue("from", decision.effectiveDate())
                .addValue("document", decision.documentNumber())
                .addValue("recordedAt", SqlValues.timestamp(recordedAt)));
    }

    @ResetHandler
    void reset() {
        jdbc.sql("truncate item_holding_period, cleanup_outcome, item_entrustment").update();
    }
}
