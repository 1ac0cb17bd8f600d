package org.quanli.query.powerlist;

import java.time.LocalDate;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemApproved;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemDrafted;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemPublished;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemReturned;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemSubmitted;
import org.quanli.platform.messaging.RecordedEvent;
import org.quanli.platform.db.SqlValues;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every event of every item, with who did it, the document and effective date of decisions, the recorded time
 * and the event's position in the store: the history reform offices reconstruct and auditors cite.
 */
@Component
@ProcessingGroup("item-history")
class ItemHistoryProjection {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ItemHistoryProjection(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(PowerItemDrafted event, DomainEventMessage<?> message, TrackingToken token) {
        record(message, token, "起草事项「" + event.content().name() + "」", null, null);
    }

    @EventHandler
    void on(PowerItemSubmitted event, DomainEventMessage<?> message, TrackingToken token) {
        record(message, token, "报送法制审核", null, null);
    }

    @EventHandler
    void on(PowerItemReturned event, DomainEventMessage<?> message, TrackingToken token) {
        record(message, token, "退回修改:" + String.join(";", event.reasons()), null, null);
    }

    @EventHandler
    void on(PowerItemApproved event, DomainEventMessage<?> message, TrackingToken token) {
        record(message, token, event.opinion() == null ? "审核通过" : "审核通过:" + event.opinion(), null, null);
    }

    @EventHandler
    void on(PowerItemPublished event, DomainEventMessage<?> message, TrackingToken token) {
        record(message, token, "发布第" + event.version() + "版,自" + event.decision().effectiveDate() + "起生效",
                event.decision().documentNumber(), event.decision().effectiveDate());
    }

    private void record(DomainEventMessage<?> message, TrackingToken token, String description,
                        String documentNumber, LocalDate effectiveDate) {
        RecordedEvent recorded = RecordedEvent.of(message, token);
        jdbc.sql("""
                insert into item_history (event_id, item_id, sequence_number, position, event_type, description,
                    actor_user_id, actor_name, actor_role, actor_body, document_number, effective_date, recorded_at,
                    details)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) on conflict (event_id) do nothing""")
                .params(recorded.eventId(), recorded.aggregateId(), recorded.sequence(), recorded.position(),
                        message.getPayloadType().getSimpleName(), description, recorded.actorUserId(),
                        recorded.actorName(), recorded.actorRole(), recorded.actorBody(), documentNumber,
                        effectiveDate, SqlValues.timestamp(recorded.recordedAt()), json.writeValueAsString(message.getPayload()))
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("truncate item_history").update();
    }
}
