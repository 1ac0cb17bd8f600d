package org.quanli.query.cases;

import java.time.LocalDate;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.quanli.kernel.cases.Applicant;
import org.quanli.kernel.cases.JointApprovalMessages.JointApprovalConcluded;
import org.quanli.kernel.cases.JointApprovalMessages.JointApprovalExtended;
import org.quanli.kernel.cases.JointApprovalMessages.JointApprovalStarted;
import org.quanli.kernel.cases.JointApprovalMessages.JointPart;
import org.quanli.kernel.cases.JointApprovalMessages.JointPartConcluded;
import org.quanli.kernel.cases.JointApprovalMessages.JointPartEnded;
import org.quanli.kernel.personal.PersonalData;
import org.quanli.kernel.personal.PersonalDataMessages.SubjectErased;
import org.quanli.platform.db.SqlValues;
import org.quanli.platform.personal.PersonalDataCodec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Joint approvals (并联审批) with their parts and each part's state, and their own time figures (45 working days from
 * receipt, one extension). Only the joint approval's own events are read here, so that its rows never depend on the
 * order in which other streams are processed; the state of each part's case is joined in when asked.
 */
@Component
@ProcessingGroup(JointApprovalProjection.GROUP)
class JointApprovalProjection {

    static final String GROUP = "joint-approvals";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final PersonalDataCodec personalData;

    JointApprovalProjection(JdbcClient jdbc, JsonMapper json, PersonalDataCodec personalData) {
        this.jdbc = jdbc;
        this.json = json;
        this.personalData = personalData;
    }

    /** The person's key is gone: so is the masked copy of their name and number. */
    @EventHandler
    void on(SubjectErased event) {
        jdbc.sql("""
                update joint_approval_view set applicant_name = :erased, applicant_document_number = :erased
                where applicant_subject_id = :subject""")
                .param("erased", PersonalData.ERASED).param("subject", event.subjectId()).update();
    }

    @EventHandler
    void on(JointApprovalStarted event, DomainEventMessage<?> message) {
        // Events of revision 1 carry no applicant (their parts were submitted by hand).
        Applicant masked = event.applicant() == null ? null : event.applicant().masked();
        var time = event.time();
        jdbc.sql("""
                insert into joint_approval_view (joint_approval_id, lead_body_id, project_name, window_name,
                    applicant_name, applicant_document_type, applicant_document_number, applicant_subject_id,
                    materials, received_on,
                    time_as_of, promised_days, extension_days, suspended_days, working_days, deadline, remaining_days,
                    overdue, sequence_number, last_recorded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (joint_approval_id) do nothing""")
                .params(event.jointApprovalId(), event.leadBodyId(), event.projectName(), event.window(),
                        masked == null ? null : masked.name(),
                        masked == null ? null : masked.documentType().name(),
                        masked == null ? null : masked.documentNumber(),
                        masked == null || masked.erased() ? null
                                : personalData.subjectNamed(event.applicant().documentNumber()).orElse(null),
                        event.materials() == null ? null : json.writeValueAsString(event.materials()),
                        event.receivedOn(), time.asOf(), time.promisedDays(), time.extensionDays(),
                        time.suspendedDays(), time.workingDays(), time.deadline(), time.remainingDays(),
                        time.overdue(), message.getSequenceNumber(), SqlValues.timestamp(message.getTimestamp()))
                .update();
        List<JointPart> parts = event.parts();
        for (int i = 0; i < parts.size(); i++) {
            JointPart part = parts.get(i);
            jdbc.sql("""
                    insert into joint_approval_part (joint_approval_id, case_id, ordinal, item_id, body_id, state)
                    values (?, ?, ?, ?, ?, 'OPEN') on conflict do nothing""")
                    .params(event.jointApprovalId(), part.caseId(), i, part.itemId(), part.bodyId())
                    .update();
        }
    }

    @EventHandler
    void on(JointPartConcluded event, DomainEventMessage<?> message) {
        part(event.jointApprovalId(), event.caseId(), "CONCLUDED", event.concludedOn(), null);
        touch(message);
    }

    @EventHandler
    void on(JointPartEnded event, DomainEventMessage<?> message) {
        part(event.jointApprovalId(), event.caseId(), "ENDED", event.endedOn(), event.outcome());
        touch(message);
    }

    @EventHandler
    void on(JointApprovalExtended event, DomainEventMessage<?> message) {
        RowChange.set("extension_requested_days", event.days())
                .and("extension_after_deadline", event.afterDeadline()).time(event.time())
                .apply(jdbc, "joint_approval_view", "joint_approval_id", message, null);
    }

    @EventHandler
    void on(JointApprovalConcluded event, DomainEventMessage<?> message) {
        RowChange.set("concluded_on", event.concludedOn()).and("on_time", event.onTime()).time(event.time())
                .apply(jdbc, "joint_approval_view", "joint_approval_id", message, null);
    }

    private void part(String jointApprovalId, String caseId, String state, LocalDate on, String outcome) {
        jdbc.sql("""
                update joint_approval_part set state = ?, ended_on = ?, outcome = ?
                where joint_approval_id = ? and case_id = ?""")
                .params(state, on, outcome, jointApprovalId, caseId).update();
    }

    private void touch(DomainEventMessage<?> message) {
        RowChange.none().apply(jdbc, "joint_approval_view", "joint_approval_id", message, null);
    }

    @ResetHandler
    void reset() {
        jdbc.sql("truncate joint_approval_view, joint_approval_part").update();
    }
}
