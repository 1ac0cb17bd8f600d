package org.quanli.query.delegation;

import java.time.LocalDate;
import java.util.Map;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.quanli.kernel.cases.CaseMessages.CaseAccepted;
import org.quanli.kernel.cases.CaseMessages.CaseNotAccepted;
import org.quanli.kernel.cases.CaseMessages.CaseSubmitted;
import org.quanli.kernel.delegation.AcceptanceCapacity;
import org.quanli.kernel.places.PlacesMessages.ImplementingBodyRegistered;
import org.quanli.platform.messaging.RecordedEvent;
import org.quanli.platform.messaging.StoredEvents;
import org.quanli.platform.projections.AppendRow;
import org.quanli.platform.projections.BatchedWrites;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The facts the findings compare with the delegations, besides the holdings (read through the list projection's
 * views): each body's level, and which body accepted or was refused which case under which item. Each write is
 * keyed, so applying an event twice changes nothing.
 */
@Component
@ProcessingGroup(DelegationProjection.PROCESSING_GROUP)
class FindingFactsProjection {

    /** Each case's item and body, for the refusals by rule that name only the case. */
    private static final AppendRow.Table SUBJECT = AppendRow.Table.of("case_subject", "case_id",
            "item_id", "body_id");

    private final JdbcClient jdbc;
    private final StoredEvents events;
    private final BatchedWrites writes;

    FindingFactsProjection(JdbcClient jdbc, StoredEvents events, BatchedWrites writes) {
        this.jdbc = jdbc;
        this.events = events;
        this.writes = writes;
    }

    @EventHandler
    void on(ImplementingBodyRegistered event, DomainEventMessage<?> message, TrackingToken token) {
        RecordedEvent recorded = events.recorded(message, token);
        writes.write(event.bodyId(), """
                insert into delegation_body_view (body_id, jurisdiction_code, level, event_id, position)
                values (:body, :jurisdiction, :level, :eventId, :position) on conflict (body_id) do nothing""",
                new MapSqlParameterSource("body", event.bodyId()).addValue("jurisdiction", event.jurisdictionCode())
                        .addValue("level", event.jurisdictionLevel().name()).addValue("eventId", recorded.eventId())
                        .addValue("position", recorded.position()));
    }

    @EventHandler
    void on(CaseSubmitted event) {
        writes.append(SUBJECT.row(Map.of("case_id", event.caseId(), "item_id", event.itemId(),
                "body_id", event.bodyId())));
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
        writes.write(event.itemId() + "/" + event.bodyId(), """
                insert into received_item_activity (item_id, body_id, first_accepted_on, case_id, event_type, event_id,
                    position) values (:item, :body, :on, :caseId, 'CaseAccepted', :eventId, :position)
                on conflict (item_id, body_id) do update set first_accepted_on = excluded.first_accepted_on,
                    case_id = excluded.case_id, event_type = excluded.event_type, event_id = excluded.event_id,
                    position = excluded.position
                where excluded.first_accepted_on < received_item_activity.first_accepted_on""",
                new MapSqlParameterSource("item", event.itemId()).addValue("body", event.bodyId())
                        .addValue("on", event.acceptedOn()).addValue("caseId", event.caseId())
                        .addValue("eventId", recorded.eventId()).addValue("position", recorded.position()));
    }

    /** The ledger refused the acceptance because the body could not accept the item that day. */
    @EventHandler
    void on(CaseNotAccepted event, DomainEventMessage<?> message, TrackingToken token) {
        if (!event.byRule()) {
            return;
        }
        // The case's subject may still be held back in this batch.
        writes.flushPending();
        jdbc.sql("select item_id, body_id from case_subject where case_id = ?").param(event.caseId())
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .optional()
                .ifPresent(subject -> attempt(event.caseId(), subject[0], subject[1], event.decidedOn(),
                        "REFUSED_BY_RULE", null, events.recorded(message, token)));
    }

    private void attempt(String caseId, String itemId, String bodyId, LocalDate on, String outcome, String capacity,
                         RecordedEvent recorded) {
        writes.write(caseId, """
                insert into case_acceptance_attempt (case_id, item_id, body_id, on_date, outcome, capacity, event_type,
                    event_id, position)
                values (:caseId, :item, :body, :on, :outcome, :capacity, :type, :eventId, :position)
                on conflict do nothing""", new MapSqlParameterSource("caseId", caseId).addValue("item", itemId)
                .addValue("body", bodyId).addValue("on", on).addValue("outcome", outcome)
                .addValue("capacity", capacity)
                .addValue("type", outcome.equals("ACCEPTED") ? "CaseAccepted" : "CaseNotAccepted")
                .addValue("eventId", recorded.eventId()).addValue("position", recorded.position()));
    }

    @ResetHandler
    void reset() {
        jdbc.sql("""
                truncate delegation_body_view, received_item_activity, case_subject, case_acceptance_attempt""").update();
    }
}
