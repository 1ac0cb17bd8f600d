package org.quanli.command.cases;

import java.time.LocalDate;
import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.quanli.kernel.cases.CaseMessages.CaseConcluded;
import org.quanli.kernel.cases.CaseMessages.CaseNotAccepted;
import org.quanli.kernel.cases.CaseMessages.CaseSubmitted;
import org.quanli.kernel.cases.CaseMessages.CaseTerminated;
import org.quanli.kernel.cases.CaseMessages.CaseWithdrawn;
import org.quanli.kernel.cases.JointApprovalMessages.JointApprovalStarted;
import org.quanli.kernel.cases.JointApprovalMessages.JointPart;
import org.quanli.kernel.cases.JointApprovalMessages.JointPartConcluded;
import org.quanli.kernel.cases.JointApprovalMessages.JointPartEnded;
import org.quanli.platform.messaging.ProcessingConfiguration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The joint-approval part lookup, kept by a subscribing processor in the transaction that appends the events, so a
 * part case submitted right after its joint approval started is already known to be one.
 */
@Component
@ProcessingGroup(JdbcJointApprovalParts.PROCESSING_GROUP)
class JdbcJointApprovalParts implements JointApprovalParts {

    static final String PROCESSING_GROUP = ProcessingConfiguration.COMMAND_LOOKUP_PREFIX + "joint-approval-parts";

    private final JdbcClient jdbc;

    JdbcJointApprovalParts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(JointApprovalStarted event) {
        for (JointPart part : event.parts()) {
            jdbc.sql("""
                    insert into joint_part_directory (case_id, joint_approval_id, lead_body_id, item_id, body_id)
                    values (?, ?, ?, ?, ?) on conflict do nothing""")
                    .params(part.caseId(), event.jointApprovalId(), event.leadBodyId(), part.itemId(), part.bodyId())
                    .update();
        }
    }

    @EventHandler
    void on(CaseSubmitted event) {
        if (event.jointApprovalId() == null) {
            return; // most cases are no part of a joint approval: nothing to write on their submission
        }
        jdbc.sql("update joint_part_directory set submitted = true where case_id = ?").param(event.caseId()).update();
    }

    // A case's end is written only on a part's row: for any other case the primary key finds nothing to update.

    @EventHandler
    void on(CaseConcluded event) {
        caseDone(event.caseId(), "CONCLUDED", event.concludedOn());
    }

    @EventHandler
    void on(CaseNotAccepted event) {
        caseDone(event.caseId(), "NOT_ACCEPTED", event.decidedOn());
    }

    @EventHandler
    void on(CaseWithdrawn event) {
        caseDone(event.caseId(), "WITHDRAWN", event.withdrawnOn());
    }

    @EventHandler
    void on(CaseTerminated event) {
        caseDone(event.caseId(), "TERMINATED", event.terminatedOn());
    }

    private void caseDone(String caseId, String outcome, LocalDate on) {
        jdbc.sql("update joint_part_directory set case_outcome = ?, case_done_on = ? where case_id = ?")
                .params(outcome, on, caseId).update();
    }

    @EventHandler
    void on(JointPartConcluded event) {
        close(event.caseId());
    }

    @EventHandler
    void on(JointPartEnded event) {
        close(event.caseId());
    }

    private void close(String caseId) {
        jdbc.sql("update joint_part_directory set closed = true where case_id = ?").param(caseId).update();
    }

    @Override
    public Optional<Part> part(String caseId) {
        return jdbc.sql("""
                select case_id, joint_approval_id, lead_body_id, item_id, body_id, submitted, closed, case_outcome,
                    case_done_on
                from joint_part_directory where case_id = ?""")
                .param(caseId)
                .query((rs, n) -> new Part(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBoolean(6), rs.getBoolean(7), rs.getString(8),
                        rs.getObject(9, LocalDate.class)))
                .optional();
    }
}
