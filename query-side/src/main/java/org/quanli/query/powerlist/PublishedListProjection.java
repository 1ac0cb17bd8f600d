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
 */
@Component
@ProcessingGroup(PowerListProjection.GROUP)
class PublishedListProjection {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final StoredEvents events;

    PublishedListProjection(JdbcClient jdbc, JsonMapper json, StoredEvents events) {
        this.jdbc = jdbc;
        this.json = json;
        this.events = events;
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
        if (close(event.itemId(), PeriodEnd.PASSED, event.decision(), recordedAt)) {
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
                jdbc.sql("""
                        insert into item_entrustment (item_id, receiver_body_id, delegation_id, effective_from,
                            term_end, document_number, recorded_at)
                        values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                        .params(item.itemId(), receiver.bodyId(), event.delegationId(),
                                event.decision().effectiveDate(), event.termEnd(), event.decision().documentNumber(),
                                SqlValues.timestamp(recordedAt))
                        .update();
            }
        }
    }

    @EventHandler
    void on(DelegationRecalled event, @Timestamp Instant recordedAt) {
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
        jdbc.sql("""
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
                on conflict (item_id, opened_sequence) do nothing""")
                .param("sourceItem", received == null ? null : received.sourceItemId())
                .param("sourceBody", received == null ? null : received.sourceBodyId())
                .param("delegation", received == null ? null : received.delegationId())
                .param("mode", received == null ? null : received.mode().name())
                .param("powerSource", received == null ? null : received.powerSource().name())
                .param("listed", received == null ? null : received.mode() != DelegationMode.ENTRUST)
                .param("eventId", recorded.eventId())
                .param("position", recorded.position())
                .param("item", itemId)
                .param("sequence", sequence)
                .param("openedBy", openedBy)
                .param("version", version)
                .param("from", decision.effectiveDate())
                .param("body", bodyId)
                .param("jurisdiction", jurisdictionCode)
                .param("name", content.name())
                .param("type", content.type().code())
                .param("level", content.exerciseLevel() == null ? null : content.exerciseLevel().code())
                .param("catalogue", content.catalogueCode())
                .param("implementation", content.implementationCode())
                .param("legal", content.legalLimitDays())
                .param("promised", content.promisedLimitDays())
                .param("public", content.publicity().isPublic())
                .param("content", json.writeValueAsString(content))
                .param("document", decision.documentNumber())
                .param("recordedAt", SqlValues.timestamp(recordedAt))
                .update();
    }

    /** Opens a new period of the item's latest version, possibly under another body. */
    private void reopen(String itemId, long sequence, String openedBy, String bodyId, String jurisdictionCode,
                        Decision decision, Instant recordedAt, RecordedEvent recorded) {
        jdbc.sql("""
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
                on conflict (item_id, opened_sequence) do nothing""")
                .param("item", itemId)
                .param("sequence", sequence)
                .param("openedBy", openedBy)
                .param("from", decision.effectiveDate())
                .param("body", bodyId)
                .param("jurisdiction", jurisdictionCode)
                .param("document", decision.documentNumber())
                .param("recordedAt", SqlValues.timestamp(recordedAt))
                .param("eventId", recorded.eventId())
                .param("position", recorded.position())
                .update();
    }

    /** A clean-up outcome that takes the item off the list: ends its period and counts the outcome. */
    private void takenOff(String itemId, long sequence, String bodyId, String jurisdictionCode, PeriodEnd end,
                  CleanupOutcome outcome, Decision decision, Instant recordedAt) {
        close(itemId, end, decision, recordedAt);
        outcome(itemId, sequence, bodyId, jurisdictionCode, outcome, decision, recordedAt);
    }

    /**
     * Ends the item's open period on the decision's effective date.
     *
     * @return whether there was an open period
     */
    private boolean close(String itemId, PeriodEnd end, Decision decision, Instant recordedAt) {
        return jdbc.sql("""
                update item_holding_period set effective_to = greatest(effective_from, ?), ended_by = ?,
                    end_document_number = ?, end_recorded_at = ?
                where item_id = ? and ended_by is null""")
                .params(decision.effectiveDate(), end.name(), decision.documentNumber(),
                        SqlValues.timestamp(recordedAt), itemId)
                .update() > 0;
    }

    /** Records a clean-up outcome. */
    private void outcome(String itemId, long sequence, String bodyId, String jurisdictionCode, CleanupOutcome outcome,
                 Decision decision, Instant recordedAt) {
        jdbc.sql("""
                insert into cleanup_outcome (item_id, sequence_number, body_id, jurisdiction_code, outcome,
                    effective_date, document_number, recorded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (item_id, sequence_number) do nothing""")
                .params(itemId, sequence, bodyId, jurisdictionCode, outcome.name(), decision.effectiveDate(),
                        decision.documentNumber(), SqlValues.timestamp(recordedAt))
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("truncate item_holding_period, cleanup_outcome, item_entrustment").update();
    }
}
