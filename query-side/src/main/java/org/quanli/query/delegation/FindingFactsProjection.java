package org.quanli.query.delegation;

import java.time.LocalDate;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.quanli.kernel.codes.PowerSource;
import org.quanli.kernel.decision.Decision;
import org.quanli.kernel.cases.CaseMessages.CaseAccepted;
import org.quanli.kernel.cases.CaseMessages.CaseNotAccepted;
import org.quanli.kernel.cases.CaseMessages.CaseSubmitted;
import org.quanli.kernel.delegation.AcceptanceCapacity;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemDelegated;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemReceived;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemRecalled;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemRestored;
import org.quanli.kernel.delegation.DelegationMode;
import org.quanli.kernel.places.PlacesMessages.ImplementingBodyRegistered;
import org.quanli.kernel.powerlist.ItemContent;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemAmended;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemCancelled;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemMergedInto;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemPassedToSuccessor;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemPublished;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemResumed;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemSuspended;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemTransferredOut;
import org.quanli.platform.messaging.RecordedEvent;
import org.quanli.platform.messaging.StoredEvents;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who held each item in force between which effective dates, as the command side's item directory keeps it, plus
 * each item's versions and where its power comes from, and each body's level. One item's events arrive in order;
 * each write names the body it closes or opens, so applying an event twice changes nothing.
 */
@Component
@ProcessingGroup(DelegationProjection.PROCESSING_GROUP)
class HoldingProjection {

    private final JdbcClient jdbc;
    private final StoredEvents events;

    HoldingProjection(JdbcClient jdbc, StoredEvents events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @EventHandler
    void on(ImplementingBodyRegistered event, DomainEventMessage<?> message, TrackingToken token) {
        RecordedEvent recorded = events.recorded(message, token);
        jdbc.sql("""
                insert into delegation_body_view (body_id, jurisdiction_code, level, event_id, position)
                values (?, ?, ?, ?, ?) on conflict (body_id) do nothing""")
                .params(event.bodyId(), event.jurisdictionCode(), event.jurisdictionLevel().name(),
                        recorded.eventId(), recorded.position())
                .update();
    }

    @EventHandler
    void on(PowerItemPublished event, DomainEventMessage<?> message, TrackingToken token) {
        RecordedEvent recorded = events.recorded(message, token);
        Decision decision = event.decision();
        jdbc.sql("""
                insert into holding_item_view (item_id, body_id, jurisdiction_code, power_source, document_number,
                    effective_date, event_type, event_id, position)
                values (?, ?, ?, ?, ?, ?, 'PowerItemPublished', ?, ?) on conflict (item_id) do nothing""")
                .params(event.itemId(), event.bodyId(), event.jurisdictionCode(), PowerSource.STATUTORY.name(),
                        decision.documentNumber(), decision.effectiveDate(), recorded.eventId(), recorded.position())
                .update();
        version(event.itemId(), event.version(), event.content(), decision, "PowerItemPublished", recorded);
        open(event.itemId(), event.bodyId(), event.jurisdictionCode(), decision, "PUBLISHED", recorded);
    }

    @EventHandler
    void on(PowerItemReceived event, DomainEventMessage<?> message, TrackingToken token) {
        RecordedEvent recorded = events.recorded(message, token);
        Decision decision = event.decision();
        jdbc.sql("""
                insert into holding_item_view (item_id, body_id, jurisdiction_code, power_source, document_number,
                    effective_date, source_item_id, source_body_id, delegation_id, mode, event_type, event_id, position)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PowerItemReceived', ?, ?) on conflict (item_id) do nothing""")
                .params(event.itemId(), event.bodyId(), event.jurisdictionCode(), event.powerSource().name(),
                        decision.documentNumber(), decision.effectiveDate(), event.sourceItemId(),
                        event.sourceBodyId(), event.delegationId(), event.mode().name(), recorded.eventId(),
                        recorded.position())
                .update();
        version(event.itemId(), event.version(), event.content(), decision, "PowerItemReceived", recorded);
        open(event.itemId(), event.bodyId(), event.jurisdictionCode(), decision, "RECEIVED", recorded);
    }

    @EventHandler
    void on(PowerItemAmended event, DomainEventMessage<?> message, TrackingToken token) {
        version(event.itemId(), event.version(), event.content(), event.decision(), "PowerItemAmended",
                events.recorded(message, token));
    }

    @EventHandler
    void on(PowerItemCancelled event) {
        close(event.itemId(), event.bodyId(), event.decision(), "CANCELLED");
    }

    @EventHandler
    void on(PowerItemTransferredOut event) {
        close(event.itemId(), event.bodyId(), event.decision(), "TRANSFERRED");
    }

    @EventHandler
    void on(PowerItemMergedInto event) {
        close(event.itemId(), event.bodyId(), event.decision(), "MERGED");
    }

    @EventHandler
    void on(PowerItemSuspended event) {
        close(event.itemId(), event.bodyId(), event.decision(), "SUSPENDED");
    }

    @EventHandler
    void on(PowerItemResumed event, DomainEventMessage<?> message, TrackingToken token) {
        open(event.itemId(), event.bodyId(), event.jurisdictionCode(), event.decision(), "RESUMED",
                events.recorded(message, token));
    }

    /** The successor holds the item from the merger's effective date, if the merged body held it in force then. */
    @EventHandler
    void on(PowerItemPassedToSuccessor event, DomainEventMessage<?> message, TrackingToken token) {
        boolean inForce = close(event.itemId(), event.fromBodyId(), event.decision(), "PASSED_TO_SUCCESSOR");
        if (inForce) {
            open(event.itemId(), event.toBodyId(), event.jurisdictionCode(), event.decision(),
                    "PASSED_TO_SUCCESSOR", events.recorded(message, token));
        }
    }

    @EventHandler
    void on(PowerItemDelegated event) {
        if (event.mode() == DelegationMode.DEVOLVE) {
            close(event.itemId(), event.bodyId(), event.decision(), "DEVOLVED");
        }
    }

    @EventHandler
    void on(PowerItemRecalled event) {
        close(event.itemId(), event.bodyId(), event.decision(), "RECALLED");
    }

    @EventHandler
    void on(PowerItemRestored event, DomainEventMessage<?> message, TrackingToken token) {
        open(event.itemId(), event.bodyId(), event.jurisdictionCode(), event.decision(), "RESTORED",
                events.recorded(message, token));
    }

    private void version(String itemId, int version, ItemContent content, Decision decision, String eventType,
                         RecordedEvent recorded) {
        jdbc.sql("""
                insert into holding_item_version (item_id, version, name, type_code, document_number, effective_from,
                    event_type, event_id, position)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (item_id, version) do nothing""")
                .params(itemId, version, content.name(), content.type().code(), decision.documentNumber(),
                        decision.effectiveDate(), eventType, recorded.eventId(), recorded.position())
                .update();
    }

    private void open(String itemId, String bodyId, String jurisdictionCode, Decision decision, String openedBy,
                      RecordedEvent recorded) {
        jdbc.sql("""
                insert into holding_period (item_id, effective_from, body_id, jurisdiction_code, opened_by,
                    open_document, open_event_id, open_position)
                values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(itemId, decision.effectiveDate(), bodyId, jurisdictionCode, openedBy,
                        decision.documentNumber(), recorded.eventId(), recorded.position())
                .update();
    }

    /** @return whether the body held the item in force until now */
    private boolean close(String itemId, String bodyId, Decision decision, String endedBy) {
        LocalDate to = decision.effectiveDate();
        return jdbc.sql("""
                update holding_period set effective_to = ?, ended_by = ?, end_document = ?
                where item_id = ? and body_id = ? and effective_to is null""")
                .params(to, endedBy, decision.documentNumber(), itemId, bodyId)
                .update() > 0;
    }

    @EventHandler
    void on(CaseSubmitted event) {
        jdbc.sql("insert into case_subject (case_id, item_id, body_id) values (?, ?, ?) on conflict do nothing")
                .params(event.caseId(), event.itemId(), event.bodyId())
                .update();
    }

    /**
     * A body accepting a case under its own item, or acting on a receiver's behalf: what the released-on-paper
     * finding (明放暗不放) compares with the devolutions of that item. A case once accepted stays accepted, so the row
     * is written once.
     */
    @EventHandler
    void on(CaseAccepted event, DomainEventMessage<?> message, TrackingToken token) {
        RecordedEvent recorded = events.recorded(message, token);
        firstAcceptance(event, recorded);
        if (event.capacity() == AcceptanceCapacity.OWN || event.capacity() == AcceptanceCapacity.ON_BEHALF) {
            attempt(event.caseId(), event.itemId(), event.bodyId(), event.acceptedOn(), "ACCEPTED",
                    event.capacity().name(), recorded);
        }
    }

    /**
     * The first case each body accepted under each item (a deficiency acceptance is an acceptance too): what the
     * dormant-delegation finding asks about for received items. Back-dated cases arrive in any order, so the earliest
     * acceptance date wins.
     */
    private void firstAcceptance(CaseAccepted event, RecordedEvent recorded) {
        jdbc.sql("""
                insert into received_item_activity (item_id, body_id, first_accepted_on, case_id, event_type, event_id,
                    position) values (?, ?, ?, ?, ?, ?, ?)
                on conflict (item_id, body_id) do update set first_accepted_on = excluded.first_accepted_on,
                    case_id = excluded.case_id, event_type = excluded.event_type, event_id = excluded.event_id,
                    position = excluded.position
                where excluded.first_accepted_on < received_item_activity.first_accepted_on""")
                .params(event.itemId(), event.bodyId(), event.acceptedOn(), event.caseId(), "CaseAccepted",
                        recorded.eventId(), recorded.position())
                .update();
    }

    /** The ledger refused the acceptance because the body could not accept the item that day. */
    @EventHandler
    void on(CaseNotAccepted event, DomainEventMessage<?> message, TrackingToken token) {
        if (!event.byRule()) {
            return;
        }
        jdbc.sql("select item_id, body_id from case_subject where case_id = ?").param(event.caseId())
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .optional()
                .ifPresent(subject -> attempt(event.caseId(), subject[0], subject[1], event.decidedOn(),
                        "REFUSED_BY_RULE", null, events.recorded(message, token)));
    }

    private void attempt(String caseId, String itemId, String bodyId, LocalDate on, String outcome, String capacity,
                         RecordedEvent recorded) {
        jdbc.sql("""
                insert into case_acceptance_attempt (case_id, item_id, body_id, on_date, outcome, capacity, event_type,
                    event_id, position) values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(caseId, itemId, bodyId, on, outcome, capacity,
                        outcome.equals("ACCEPTED") ? "CaseAccepted" : "CaseNotAccepted", recorded.eventId(),
                        recorded.position())
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("""
                truncate delegation_body_view, holding_item_view, holding_item_version, holding_period,
                    received_item_activity, case_subject, case_acceptance_attempt""").update();
    }
}
