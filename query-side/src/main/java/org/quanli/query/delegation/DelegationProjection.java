package org.quanli.query.delegation;

import java.time.LocalDate;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.quanli.kernel.delegation.DelegationMessages.CapacityGapClosed;
import org.quanli.kernel.delegation.DelegationMessages.CapacityGapReported;
import org.quanli.kernel.delegation.DelegationMessages.DelegatedItem;
import org.quanli.kernel.delegation.DelegationMessages.DelegationDecided;
import org.quanli.kernel.delegation.DelegationMessages.DelegationRecalled;
import org.quanli.kernel.delegation.DelegationMessages.GuidanceRecorded;
import org.quanli.kernel.delegation.DelegationMessages.HandoverRecorded;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemDelegationRefused;
import org.quanli.kernel.delegation.DelegationMessages.ReceiptConfirmed;
import org.quanli.kernel.delegation.DelegationMessages.Receiver;
import org.quanli.kernel.delegation.DelegationMessages.TransitionArranged;
import org.quanli.kernel.delegation.DelegationMode;
import org.quanli.platform.db.SqlValues;
import org.quanli.platform.messaging.RecordedEvent;
import org.quanli.platform.messaging.StoredEvents;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The facts of each delegation, from its own events: what it sent down to whom, confirmations, transitions,
 * handovers, capacity gaps, guidance and recall, each with the id and store position of the event that states it;
 * and from its items' events, which items refused it.
 * All of one delegation's events arrive in order, so every row is written from the delegation's own facts only;
 * nothing here depends on the order of other aggregates' events. Every write can be applied twice.
 */
@Component
@ProcessingGroup(DelegationProjection.PROCESSING_GROUP)
class DelegationProjection {

    static final String PROCESSING_GROUP = "delegation";

    private final JdbcClient jdbc;
    private final StoredEvents events;

    DelegationProjection(JdbcClient jdbc, StoredEvents events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @EventHandler
    void on(DelegationDecided event, DomainEventMessage<?> message, TrackingToken token) {
        RecordedEvent recorded = events.recorded(message, token);
        jdbc.sql("""
                insert into delegation_view (delegation_id, mode, deciding_jurisdiction_code, document_number,
                    effective_date, transition_end, term_end, event_id, position, recorded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (delegation_id) do nothing""")
                .params(event.delegationId(), event.mode().name(), event.decidingJurisdictionCode(),
                        event.decision().documentNumber(), event.decision().effectiveDate(), event.transitionEnd(),
                        event.termEnd(), recorded.eventId(), recorded.position(),
                        SqlValues.timestamp(recorded.recordedAt()))
                .update();
        for (DelegatedItem item : event.items()) {
            jdbc.sql("""
                    insert into delegation_item_view (delegation_id, item_id, source_body_id, source_jurisdiction_code,
                        type_code) values (?, ?, ?, ?, ?) on conflict do nothing""")
                    .params(event.delegationId(), item.itemId(), item.bodyId(), item.jurisdictionCode(),
                            item.type().code())
                    .update();
        }
        for (Receiver receiver : event.receivers()) {
            jdbc.sql("""
                    insert into delegation_receiver_view (delegation_id, receiver_body_id, jurisdiction_code, level)
                    values (?, ?, ?, ?) on conflict do nothing""")
                    .params(event.delegationId(), receiver.bodyId(), receiver.jurisdictionCode(),
                            receiver.level().name())
                    .update();
        }
        // A transition set by the decision itself: every devolving body acts for every receiver until its end.
        if (event.mode() == DelegationMode.DEVOLVE && event.transitionEnd() != null) {
            for (DelegatedItem item : event.items()) {
                for (Receiver receiver : event.receivers()) {
                    jdbc.sql("""
                            insert into delegation_transition_view (delegation_id, item_id, receiver_body_id,
                                acting_body_id, until, event_type, event_id, position)
                            values (?, ?, ?, ?, ?, 'DelegationDecided', ?, ?) on conflict do nothing""")
                            .params(event.delegationId(), item.itemId(), receiver.bodyId(), item.bodyId(),
                                    event.transitionEnd(), recorded.eventId(), recorded.position())
                            .update();
                }
            }
        }
    }

    /** The acting body acts for the receiver, for the items it devolved by this decision (as the command side). */
    @EventHandler
    void on(TransitionArranged event, DomainEventMessage<?> message, TrackingToken token) {
        RecordedEvent recorded = events.recorded(message, token);
        jdbc.sql("""
                insert into delegation_transition_view (delegation_id, item_id, receiver_body_id, acting_body_id,
                    until, event_type, event_id, position)
                select delegation_id, item_id, ?, source_body_id, ?, 'TransitionArranged', ?, ?
                from delegation_item_view where delegation_id = ? and source_body_id = ?
                on conflict (delegation_id, item_id, receiver_body_id) do update set
                    acting_body_id = excluded.acting_body_id, until = excluded.until,
                    event_type = excluded.event_type, event_id = excluded.event_id, position = excluded.position""")
                .params(event.onBehalfOfBodyId(), event.until(), recorded.eventId(), recorded.position(),
                        event.delegationId(), event.actingBodyId())
                .update();
    }

    /** The earliest confirmation stands: the receiver took the power on from that day. */
    @EventHandler
    void on(ReceiptConfirmed event, DomainEventMessage<?> message, TrackingToken token) {
        RecordedEvent recorded = events.recorded(message, token);
        jdbc.sql("""
                update delegation_receiver_view set confirmed_on = ?, confirm_event_id = ?, confirm_position = ?
                where delegation_id = ? and receiver_body_id = ? and (confirmed_on is null or confirmed_on > ?)""")
                .params(event.confirmedOn(), recorded.eventId(), recorded.position(), event.delegationId(),
                        event.receiverBodyId(), event.confirmedOn())
                .update();
    }

    /** The latest handover stands, as on the command side. */
    @EventHandler
    void on(HandoverRecorded event, DomainEventMessage<?> message, TrackingToken token) {
        RecordedEvent recorded = events.recorded(message, token);
        jdbc.sql("""
                update delegation_receiver_view set handed_over_on = ?, handover_event_id = ?, handover_position = ?
                where delegation_id = ? and receiver_body_id = ?""")
                .params(event.handedOverOn(), recorded.eventId(), recorded.position(), event.delegationId(),
                        event.receiverBodyId())
                .update();
    }

    @EventHandler
    void on(CapacityGapReported event, DomainEventMessage<?> message, TrackingToken token) {
        RecordedEvent recorded = events.recorded(message, token);
        jdbc.sql("""
                insert into capacity_gap_view (gap_id, delegation_id, receiver_body_id, kind, description, measure,
                    lead_body_id, deadline, reported_event_id, reported_position)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (gap_id) do nothing""")
                .params(event.gapId(), event.delegationId(), event.receiverBodyId(), event.kind().name(),
                        event.description(), event.measure(), event.leadBodyId(), event.deadline(),
                        recorded.eventId(), recorded.position())
                .update();
    }

    @EventHandler
    void on(CapacityGapClosed event, DomainEventMessage<?> message, TrackingToken token) {
        RecordedEvent recorded = events.recorded(message, token);
        jdbc.sql("""
                update capacity_gap_view set closed_on = ?, remedy = ?, closed_event_id = ?, closed_position = ?
                where gap_id = ?""")
                .params(event.closedOn(), event.remedy(), recorded.eventId(), recorded.position(), event.gapId())
                .update();
    }

    @EventHandler
    void on(GuidanceRecorded event, DomainEventMessage<?> message, TrackingToken token) {
        RecordedEvent recorded = events.recorded(message, token);
        jdbc.sql("""
                insert into delegation_guidance_view (event_id, position, delegation_id, giving_body_id, given_on, form,
                    description) values (?, ?, ?, ?, ?, ?, ?) on conflict (event_id) do nothing""")
                .params(recorded.eventId(), recorded.position(), event.delegationId(), event.givingBodyId(),
                        event.givenOn(), event.form().name(), event.description())
                .update();
    }

    @EventHandler
    void on(DelegationRecalled event, DomainEventMessage<?> message, TrackingToken token) {
        RecordedEvent recorded = events.recorded(message, token);
        LocalDate effective = event.decision().effectiveDate();
        jdbc.sql("""
                update delegation_view set recall_document_number = ?, recall_effective_date = ?,
                    recall_event_id = ?, recall_position = ?
                where delegation_id = ?""")
                .params(event.decision().documentNumber(), effective, recorded.eventId(), recorded.position(),
                        event.delegationId())
                .update();
    }

    /** An item that could not take the decision: the decision holds nothing of it. */
    @EventHandler
    void on(PowerItemDelegationRefused event, DomainEventMessage<?> message, TrackingToken token) {
        RecordedEvent recorded = events.recorded(message, token);
        jdbc.sql("""
                insert into delegation_refusal_view (delegation_id, item_id, rule, reason, event_id, position)
                values (?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(event.delegationId(), event.itemId(), event.rule(), event.reason(), recorded.eventId(),
                        recorded.position())
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("""
                truncate delegation_view, delegation_item_view, delegation_receiver_view, delegation_transition_view,
                    capacity_gap_view, delegation_guidance_view, delegation_refusal_view""").update();
    }
}
