package org.quanli.query.complaints;

import java.time.LocalDate;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.quanli.kernel.cases.PersonalNumbers;
import org.quanli.kernel.cases.Applicant;
import org.quanli.kernel.complaints.Complainant;
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
import org.quanli.kernel.complaints.ComplaintStatus;
import org.quanli.kernel.personal.PersonalData;
import org.quanli.kernel.personal.PersonalDataMessages.SubjectErased;
import org.quanli.platform.db.SqlValues;
import org.quanli.platform.personal.PersonalDataCodec;
import org.quanli.query.cases.RowChange;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where each complaint stands ({@code complaint_view}), with the facts the statistics count, and the reply limits it
 * ran under ({@code complaint_round}). The complainant is kept sealed apart ({@code complaint_complainant}) and
 * masked on the row; a published reply is kept with personal numbers and the complainant's name masked. Every write
 * to the row is keyed by the complaint's event sequence number, every other write names its key, so an event handed
 * over twice or a replay gives the same rows.
 */
@Component
@ProcessingGroup(ComplaintViewProjection.GROUP)
class ComplaintViewProjection {

    static final String GROUP = "complaints";

    private static final String TABLE = "complaint_view";

    private final JdbcClient jdbc;
    private final PersonalDataCodec personalData;

    ComplaintViewProjection(JdbcClient jdbc, PersonalDataCodec personalData) {
        this.jdbc = jdbc;
        this.personalData = personalData;
    }

    @EventHandler
    void on(ComplaintRegistered event, DomainEventMessage<?> message) {
        Complainant complainant = event.complainant();
        Complainant masked = complainant == null ? null : complainant.masked();
        jdbc.sql("""
                insert into complaint_view (complaint_id, channel, category, received_at, received_on, text,
                    anonymous, complainant_name, complainant_phone, body_id, jurisdiction_code, item_id, case_id,
                    registered_by_body_id, status, sequence_number, last_recorded_at)
                values (:id, :channel, :category, :receivedAt, :receivedOn, :text, :anonymous, :name, :phone, :bodyId,
                    :jurisdiction, :itemId, :caseId, :registeredBy, :status, :sequence, :recordedAt)
                on conflict (complaint_id) do nothing""")
                .param("id", event.complaintId()).param("channel", event.channel().name())
                .param("category", event.category().name()).param("receivedAt", event.receivedAt())
                .param("receivedOn", event.receivedAt().toLocalDate()).param("text", event.text())
                .param("anonymous", complainant == null)
                .param("name", masked == null ? null : masked.name())
                .param("phone", masked == null ? null : masked.phone())
                .param("bodyId", event.bodyId()).param("jurisdiction", event.jurisdictionCode())
                .param("itemId", event.itemId()).param("caseId", event.caseId())
                .param("registeredBy", event.registeredByBodyId())
                .param("status", ComplaintStatus.REGISTERED.name())
                .param("sequence", message.getSequenceNumber())
                .param("recordedAt", SqlValues.timestamp(message.getTimestamp()))
                .update();
        if (complainant != null) {
            String sealed = personalData.seal(complainant);
            jdbc.sql("""
                    insert into complaint_complainant (complaint_id, subject_id, sealed) values (?, ?, ?)
                    on conflict (complaint_id) do nothing""")
                    .params(event.complaintId(), personalData.subjectOf(sealed).orElse(null), sealed)
                    .update();
        }
    }

    /** The person's key is gone: the masked copies go too, the complaint and its figures stay. */
    @EventHandler
    void on(SubjectErased event) {
        personalData.forget(event.subjectId());
        jdbc.sql("""
                update complaint_view set complainant_name = :erased, complainant_phone = :erased
                where complaint_id in (select complaint_id from complaint_complainant where subject_id = :subject)""")
                .param("erased", PersonalData.ERASED).param("subject", event.subjectId()).update();
    }

    // --- transfer -------------------------------------------------------------------------------------------------

    @EventHandler
    void on(ComplaintTransferred event, DomainEventMessage<?> message) {
        round(event.complaintId(), event.round(), event.toBodyId(), event.transferredOn(), event.dueOn());
        change(message, limit(RowChange.set("responsible_body_id", event.toBodyId())
                .and("status", ComplaintStatus.TRANSFERRED), event.round(), event.limitDays(), event.dueOn()),
                null);
    }

    @EventHandler
    void on(ComplaintTransferredOn event, DomainEventMessage<?> message) {
        // The limit runs on unchanged: the same round, now with the body that is responsible.
        jdbc.sql("update complaint_round set body_id = ? where complaint_id = ? and round = ?")
                .params(event.toBodyId(), event.complaintId(), event.round()).update();
        change(message, limit(RowChange.set("responsible_body_id", event.toBodyId())
                .and("status", ComplaintStatus.TRANSFERRED), event.round(), event.limitDays(), event.dueOn()),
                "transfers_on = transfers_on + 1");
    }

    @EventHandler
    void on(ComplaintEscalated event, DomainEventMessage<?> message) {
        endRound(event.complaintId(), event.round() - 1, event.escalatedOn());
        round(event.complaintId(), event.round(), event.toBodyId(), event.escalatedOn(), event.dueOn());
        change(message, limit(RowChange.set("responsible_body_id", event.toBodyId())
                .and("status", ComplaintStatus.TRANSFERRED).and("escalated_on", event.escalatedOn())
                .and("accepted_on", null), event.round(), event.limitDays(), event.dueOn()), null);
    }

    // --- handling -------------------------------------------------------------------------------------------------

    @EventHandler
    void on(ComplaintAccepted event, DomainEventMessage<?> message) {
        change(message, RowChange.set("status", ComplaintStatus.ACCEPTED).and("accepted_on", event.acceptedOn()),
                null);
    }

    @EventHandler
    void on(ComplaintInvestigationRecorded event, DomainEventMessage<?> message) {
        change(message, RowChange.none(), null);
    }

    @EventHandler
    void on(ComplaintConcluded event, DomainEventMessage<?> message) {
        change(message, RowChange.set("status", ComplaintStatus.CONCLUDED).and("concluded_on", event.concludedOn())
                .and("concluded_within_limit", event.withinLimit()).and("outcome", event.outcome()), null);
    }

    @EventHandler
    void on(ComplaintReplied event, DomainEventMessage<?> message) {
        endRound(event.complaintId(), event.round(), event.repliedOn());
        change(message, RowChange.set("status", ComplaintStatus.REPLIED).and("replied_on", event.repliedOn())
                        .and("replied_within_limit", event.withinLimit())
                        .and("public_reply", event.publicReply() == null ? null
                                : publishable(event.complaintId(), event.publicReply())),
                "first_replied_on = coalesce(first_replied_on, :replied_on)");
    }

    @EventHandler
    void on(ComplaintRated event, DomainEventMessage<?> message) {
        change(message, RowChange.set("status", ComplaintStatus.RATED).and("rating", event.rating())
                .and("rated_on", event.ratedOn()), null);
    }

    @EventHandler
    void on(ComplaintReopened event, DomainEventMessage<?> message) {
        round(event.complaintId(), event.round(), event.bodyId(), event.reopenedOn(), event.dueOn());
        change(message, limit(RowChange.set("status", ComplaintStatus.REOPENED)
                .and("reopened_on", event.reopenedOn()), event.round(), event.limitDays(), event.dueOn()), null);
    }

    // --- supervision ------------------------------------------------------------------------------------------------

    @EventHandler
    void on(ComplaintFlagged event, DomainEventMessage<?> message) {
        // Only a flag on the current limit stands, and red stays red.
        jdbc.sql("""
                update complaint_view set
                    flag_level = case when round = :round and coalesce(flag_level, 'YELLOW') = 'YELLOW'
                        then :level else flag_level end,
                    flagged_on = case when round = :round and coalesce(flag_level, 'YELLOW') = 'YELLOW'
                        then :aboutDate else flagged_on end,
                    sequence_number = :sequence, last_recorded_at = :recordedAt
                where complaint_id = :id and sequence_number < :sequence""")
                .param("round", event.round()).param("level", event.level().name())
                .param("aboutDate", event.aboutDate()).param("id", event.complaintId())
                .param("sequence", message.getSequenceNumber())
                .param("recordedAt", SqlValues.timestamp(message.getTimestamp()))
                .update();
    }

    // --- writing --------------------------------------------------------------------------------------------------

    /** A new reply limit: the round, its limit and due date; the previous round's flag no longer stands. */
    private static RowChange limit(RowChange change, int round, int limitDays, LocalDate dueOn) {
        return change.and("round", round).and("limit_days", limitDays).and("due_on", dueOn)
                .and("flag_level", null).and("flagged_on", null);
    }

    private void round(String complaintId, int round, String bodyId, LocalDate startedOn, LocalDate dueOn) {
        jdbc.sql("""
                insert into complaint_round (complaint_id, round, body_id, started_on, due_on) values (?, ?, ?, ?, ?)
                on conflict (complaint_id, round) do nothing""")
                .params(complaintId, round, bodyId, startedOn, dueOn).update();
    }

    private void endRound(String complaintId, int round, LocalDate endedOn) {
        jdbc.sql("update complaint_round set ended_on = ? where complaint_id = ? and round = ? and ended_on is null")
                .params(endedOn, complaintId, round).update();
    }

    /** A reply for the portal: personal numbers and the complainant's name, should they appear, masked. */
    private String publishable(String complaintId, String reply) {
        String text = PersonalNumbers.mask(reply);
        Complainant complainant = jdbc.sql("select sealed from complaint_complainant where complaint_id = ?")
                .param(complaintId).query(String.class).optional()
                .map(sealed -> personalData.open(sealed, Complainant.class)).orElse(null);
        if (complainant != null && !complainant.erased() && complainant.name().codePointCount(0,
                complainant.name().length()) > 1) {
            text = text.replace(complainant.name(), Applicant.maskName(complainant.name()));
        }
        return text;
    }

    private void change(DomainEventMessage<?> message, RowChange change, String extra) {
        change.apply(jdbc, TABLE, "complaint_id", message, extra);
    }

    @ResetHandler
    void reset() {
        jdbc.sql("truncate complaint_view, complaint_complainant, complaint_round").update();
    }
}
