package org.quanli.query.complaints;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.quanli.kernel.complaints.ComplaintMessages.ComplaintAccepted;
import org.quanli.kernel.complaints.ComplaintMessages.ComplaintConcluded;
import org.quanli.kernel.complaints.ComplaintMessages.ComplaintEscalated;
import org.quanli.kernel.complaints.ComplaintMessages.ComplaintFlagged;
import org.quanli.kernel.complaints.ComplaintMessages.ComplaintInvestigationRecorded;
import org.quanli.kernel.complaints.ComplaintMessages.ComplaintRated;
import org.quanli.kernel.complaints.ComplaintMessages.ComplaintRegistered;
import org.quanli.kernel.complaints.ComplaintMessages.ComplaintReopened;
import org.quanli.kernel.complaints.ComplaintMessages.ComplaintReplied;
import org.quanli.kernel.complaints.ComplaintMessages.ComplaintTransferred;
import org.quanli.kernel.complaints.ComplaintMessages.ComplaintTransferredOn;
import org.quanli.platform.db.SqlValues;
import org.quanli.platform.messaging.RecordedEvent;
import org.quanli.platform.messaging.StoredEvents;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import static org.quanli.query.cases.RowChange.facts;

/**
 * A complaint's trail (投诉轨迹), as an auditor replays it: every event, described in Chinese, with the date it is
 * about (and for the receipt the date and time received) kept apart from the time it was recorded, who recorded it
 * (the event's metadata), the body the step concerns, the reply limit it ran under, and the event's id and store
 * position as evidence. The complainant's identity never enters this table, nor the complaint's text, the answer to
 * the complainant or the complainant's comment on the rating: those are read where the reader's role allows.
 */
@Component
@ProcessingGroup(ComplaintViewProjection.GROUP)
class ComplaintTrailProjection {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final StoredEvents storedEvents;

    ComplaintTrailProjection(JdbcClient jdbc, JsonMapper json, StoredEvents storedEvents) {
        this.jdbc = jdbc;
        this.json = json;
        this.storedEvents = storedEvents;
    }

    @EventHandler
    void on(ComplaintRegistered e, DomainEventMessage<?> m, TrackingToken t) {
        record(m, t, "登记投诉(" + e.channel().label() + (e.complainant() == null ? ",匿名" : "") + ")",
                e.receivedAt().toLocalDate(), e.receivedAt(), e.bodyId(), null, null,
                facts("channel", e.channel(), "category", e.category(), "anonymous", e.complainant() == null,
                        "itemId", e.itemId(), "caseId", e.caseId(), "jurisdictionCode", e.jurisdictionCode(),
                        "registeredByBodyId", e.registeredByBodyId()));
    }

    @EventHandler
    void on(ComplaintTransferred e, DomainEventMessage<?> m, TrackingToken t) {
        record(m, t, "按责转办", e.transferredOn(), null, e.toBodyId(), e.round(), e.dueOn(),
                facts("fromBodyId", e.fromBodyId(), "toBodyId", e.toBodyId(),
                        "toJurisdictionCode", e.toJurisdictionCode(), "reasons", e.reasons(),
                        "category", e.category(), "limitDays", e.limitDays()));
    }

    @EventHandler
    void on(ComplaintTransferredOn e, DomainEventMessage<?> m, TrackingToken t) {
        record(m, t, "非本单位职责,转交责任单位(时限不变)", e.transferredOn(), null, e.toBodyId(), e.round(), e.dueOn(),
                facts("fromBodyId", e.fromBodyId(), "toBodyId", e.toBodyId(),
                        "toJurisdictionCode", e.toJurisdictionCode(), "reasons", e.reasons(),
                        "limitDays", e.limitDays()));
    }

    @EventHandler
    void on(ComplaintAccepted e, DomainEventMessage<?> m, TrackingToken t) {
        record(m, t, "受理", e.acceptedOn(), null, e.bodyId(), e.round(), e.dueOn(), facts());
    }

    @EventHandler
    void on(ComplaintInvestigationRecorded e, DomainEventMessage<?> m, TrackingToken t) {
        record(m, t, "调查核实", e.investigatedOn(), null, e.bodyId(), e.round(), null,
                facts("summary", e.summary(), "investigator", e.investigator()));
    }

    @EventHandler
    void on(ComplaintConcluded e, DomainEventMessage<?> m, TrackingToken t) {
        record(m, t, "办结(" + e.outcome().label() + (e.withinLimit() ? ",时限内" : ",超过时限") + ")",
                e.concludedOn(), null, e.bodyId(), e.round(), e.dueOn(),
                facts("outcome", e.outcome(), "findings", e.findings(), "measures", e.measures(),
                        "workingDays", e.workingDays(), "withinLimit", e.withinLimit()));
    }

    @EventHandler
    void on(ComplaintReplied e, DomainEventMessage<?> m, TrackingToken t) {
        // That the complainant was answered, and when: the answer itself is the complainant's.
        record(m, t, "答复投诉人" + (e.publicReply() == null ? "" : "并公开回复")
                        + (e.withinLimit() ? "" : "(超过答复时限)"), e.repliedOn(), null, e.bodyId(), e.round(),
                e.dueOn(), facts("published", e.publicReply() != null, "workingDays", e.workingDays(),
                        "withinLimit", e.withinLimit()));
    }

    @EventHandler
    void on(ComplaintRated e, DomainEventMessage<?> m, TrackingToken t) {
        record(m, t, "投诉人评价:" + e.rating().label(), e.ratedOn(), null, e.bodyId(), e.round(), null,
                facts("rating", e.rating(), "label", e.rating().label(), "satisfied", e.rating().satisfied()));
    }

    @EventHandler
    void on(ComplaintReopened e, DomainEventMessage<?> m, TrackingToken t) {
        record(m, t, "不满意,重新办理(重新计时)", e.reopenedOn(), null, e.bodyId(), e.round(), e.dueOn(),
                facts("reasons", e.reasons(), "limitDays", e.limitDays()));
    }

    @EventHandler
    void on(ComplaintEscalated e, DomainEventMessage<?> m, TrackingToken t) {
        record(m, t, "提级办理", e.escalatedOn(), null, e.toBodyId(), e.round(), e.dueOn(),
                facts("fromBodyId", e.fromBodyId(), "fromJurisdictionCode", e.fromJurisdictionCode(),
                        "toBodyId", e.toBodyId(), "toJurisdictionCode", e.toJurisdictionCode(),
                        "reasons", e.reasons(), "limitDays", e.limitDays()));
    }

    @EventHandler
    void on(ComplaintFlagged e, DomainEventMessage<?> m, TrackingToken t) {
        record(m, t, e.level().label() + ":" + e.trigger().label(), e.aboutDate(), null, e.bodyId(), e.round(),
                e.dueOn(), facts("level", e.level(), "trigger", e.trigger(), "remainingDays", e.remainingDays()));
    }

    private void record(DomainEventMessage<?> message, TrackingToken token, String label, LocalDate aboutDate,
                        LocalDateTime aboutTime, String bodyId, Integer round, LocalDate dueOn,
                        Map<String, Object> facts) {
        RecordedEvent recorded = storedEvents.recorded(message, token);
        jdbc.sql("""
                insert into complaint_trail (event_id, complaint_id, sequence_number, position, event_type, label,
                    about_date, about_time, recorded_at, actor_user_id, actor_name, actor_role, actor_body, body_id,
                    round, due_on, facts)
                values (:eventId, :complaintId, :sequence, :position, :type, :label, :aboutDate, :aboutTime,
                    :recordedAt, :userId, :userName, :role, :body, :bodyId, :round, :dueOn, :facts::jsonb)
                on conflict (event_id) do nothing""")
                .param("eventId", recorded.eventId()).param("complaintId", recorded.aggregateId())
                .param("sequence", recorded.sequence()).param("position", recorded.position())
                .param("type", message.getPayloadType().getSimpleName()).param("label", label)
                .param("aboutDate", aboutDate).param("aboutTime", aboutTime)
                .param("recordedAt", SqlValues.timestamp(recorded.recordedAt()))
                .param("userId", recorded.actorUserId()).param("userName", recorded.actorName())
                .param("role", recorded.actorRole()).param("body", recorded.actorBody())
                .param("bodyId", bodyId).param("round", round).param("dueOn", dueOn)
                .param("facts", json.writeValueAsString(facts))
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("truncate complaint_trail").update();
    }
}
