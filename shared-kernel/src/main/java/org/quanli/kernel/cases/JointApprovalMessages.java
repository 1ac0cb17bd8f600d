package org.quanli.kernel.cases;

import java.time.LocalDate;
import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Revision;

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

    /** The lead window takes the application once; each part becomes a case of its body (fanned out by a process). */
    public record StartJointApproval(@TargetAggregateIdentifier String jointApprovalId, String projectName,
                                     List<JointPart> parts, LocalDate receivedOn, Applicant applicant,
                                     List<String> materials, String window) implements JointApprovalCommand {
    }

    /**
     * Revision 2 added the applicant, materials and window the part cases are submitted with; older events are upcast
     * with them null (their parts were submitted by hand).
     */
    @Revision("2")
    public record JointApprovalStarted(String jointApprovalId, String leadBodyId, String projectName,
                                       List<JointPart> parts, LocalDate receivedOn, CaseTime time,
                                       Applicant applicant, List<String> materials, String window)
                                               implements JointApprovalEvent {
    }

    public record RecordPartConcluded(@TargetAggregateIdentifier String jointApprovalId, String caseId,
                                      LocalDate concludedOn) implements JointApprovalCommand {
    }

    /** @param openParts the parts still open after this one */
    public record JointPartConcluded(String jointApprovalId, String caseId, LocalDate concludedOn, int openParts)
            implements JointApprovalEvent {
    }

    /** A part that ended without a conclusion: not accepted, withdrawn or terminated. */
    public record RecordPartEnded(@TargetAggregateIdentifier String jointApprovalId, String caseId, LocalDate endedOn,
                                  String outcome) implements JointApprovalCommand {
    }

    /** @param outcome NOT_ACCEPTED, WITHDRAWN or TERMINATED; @param openParts the parts still open after this one */
    public record JointPartEnded(String jointApprovalId, String caseId, LocalDate endedOn, String outcome,
                                 int openParts) implements JointApprovalEvent {
    }

    public record JointApprovalConcluded(String jointApprovalId, LocalDate concludedOn, boolean onTime,
                                         CaseTime time) implements JointApprovalEvent {
    }

    public record ExtendJointApproval(@TargetAggregateIdentifier String jointApprovalId, int days, String reason,
                                      String approvedBy, LocalDate approvedOn) implements JointApprovalCommand {
    }

    public record JointApprovalExtended(String jointApprovalId, int days, String reason, String approvedBy,
                                        LocalDate approvedOn, boolean afterDeadline, CaseTime time)
                                                implements JointApprovalEvent {
    }
}
