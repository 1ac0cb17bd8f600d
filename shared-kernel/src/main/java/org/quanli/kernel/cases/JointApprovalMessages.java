package org.quanli.kernel.cases;

import java.time.LocalDate;
import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Joint approval (并联审批, 一件事): one application at the lead body's comprehensive window fans out to several bodies'
 * cases and is concluded when all of them are. It has its own limit (45 working days, and one extension of at most
 * 15 with approval), counted like a case's from the day of receipt.
 */
public final class JointApprovalMessages {

    public static final int LIMIT_DAYS = 45;
    public static final int EXTENSION_CAP_DAYS = 15;

    private JointApprovalMessages() {
    }

    /** One part: the case a body handles under one of its items. */
    public record JointPart(String caseId, String itemId, String bodyId) {
    }

    public record StartJointApproval(@TargetAggregateIdentifier String jointApprovalId, String projectName,
                                     List<JointPart> parts, LocalDate receivedOn) {
    }

    public record JointApprovalStarted(String jointApprovalId, String leadBodyId, String projectName,
                                       List<JointPart> parts, LocalDate receivedOn, CaseTime time) {
    }

    public record RecordPartConcluded(@TargetAggregateIdentifier String jointApprovalId, String caseId,
                                      LocalDate concludedOn) {
    }

    /** @param openParts the parts still open after this one */
    public record JointPartConcluded(String jointApprovalId, String caseId, LocalDate concludedOn, int openParts) {
    }

    public record JointApprovalConcluded(String jointApprovalId, LocalDate concludedOn, boolean onTime,
                                         CaseTime time) {
    }

    public record ExtendJointApproval(@TargetAggregateIdentifier String jointApprovalId, int days, String reason,
                                      String approvedBy, LocalDate approvedOn) {
    }

    public record JointApprovalExtended(String jointApprovalId, int days, String reason, String approvedBy,
                                        LocalDate approvedOn, boolean afterDeadline, CaseTime time) {
    }
}
