package org.quanli.command.cases;

import java.time.LocalDate;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.quanli.command.cases.JointApprovalParts.Part;
import org.quanli.kernel.cases.CaseMessages.CaseConcluded;
import org.quanli.kernel.cases.CaseMessages.CaseNotAccepted;
import org.quanli.kernel.cases.CaseMessages.CaseTerminated;
import org.quanli.kernel.cases.CaseMessages.CaseWithdrawn;
import org.quanli.kernel.cases.CaseMessages.SubmitCase;
import org.quanli.kernel.cases.Channel;
import org.quanli.kernel.cases.JointApprovalMessages.JointApprovalStarted;
import org.quanli.kernel.cases.JointApprovalMessages.JointPart;
import org.quanli.kernel.cases.JointApprovalMessages.RecordPartConcluded;
import org.quanli.kernel.cases.JointApprovalMessages.RecordPartEnded;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.rules.RuleViolation;
import org.quanli.platform.messaging.CommandSender;
import org.quanli.platform.messaging.StreamingProcess;
import org.springframework.stereotype.Component;

/**
 * Joint approval (并联审批) fan-out and report back. When a joint approval starts, each part becomes a case of its body,
 * submitted as the lead window officer who took the application (the case accepts that because the joint approval
 * lists the part, see {@link JointApprovalParts}), with the joint approval's applicant, materials, window and day of
 * receipt. When a part case concludes, or ends without a conclusion (not accepted, withdrawn, terminated), the
 * joint approval is told, as the part body's officer who recorded it.
 *
 * <p>A streaming processor with its own token and dead letters, like the delegation process. Running it again sends
 * nothing twice: part case ids are fixed in the joint approval's event, a part already submitted or already closed
 * is skipped (the lookup is current), and the race with a hand-made submission or back-filled conclusion is settled
 * by the aggregate, whose refusal here means "already done".
 */
@Component
@StreamingProcess
@ProcessingGroup(JointApprovalProcess.PROCESSING_GROUP)
class JointApprovalProcess {

    static final String PROCESSING_GROUP = "joint-approval-process";

    private final CommandSender commands;
    private final JointApprovalParts parts;

    JointApprovalProcess(CommandSender commands, JointApprovalParts parts) {
        this.commands = commands;
        this.parts = parts;
    }

    @EventHandler
    void on(JointApprovalStarted event, MetaData metaData) {
        if (event.applicant() == null) {
            // Revision 1: no applicant on the joint approval, its parts were submitted by hand.
            return;
        }
        Actor leadWindow = Actor.fromMetaData(metaData);
        for (JointPart part : event.parts()) {
            if (parts.part(part.caseId()).map(Part::submitted).orElse(false)) {
                continue;
            }
            try {
                commands.send(new SubmitCase(part.caseId(), part.itemId(), part.bodyId(), Channel.WINDOW,
                        event.applicant(), event.receivedOn(), event.materials(), event.window(),
                        event.jointApprovalId()), leadWindow);
            } catch (AggregateStreamCreationException alreadySubmitted) {
                // The case exists (submitted by hand, or by a concurrent delivery of this event).
            }
        }
    }

    // The case-ending handlers take only a part whose joint approval has not been told yet (OpenJointPart): the
    // processor passes every other case's end by without a batch.

    @EventHandler
    void on(CaseConcluded event, @OpenJointPart Part part, MetaData metaData) {
        report(part, () -> commands.send(new RecordPartConcluded(part.jointApprovalId(), event.caseId(),
                event.concludedOn()), Actor.fromMetaData(metaData)));
    }

    @EventHandler
    void on(CaseNotAccepted event, @OpenJointPart Part part, MetaData metaData) {
        ended(part, event.decidedOn(), "NOT_ACCEPTED", metaData);
    }

    @EventHandler
    void on(CaseWithdrawn event, @OpenJointPart Part part, MetaData metaData) {
        ended(part, event.withdrawnOn(), "WITHDRAWN", metaData);
    }

    @EventHandler
    void on(CaseTerminated event, @OpenJointPart Part part, MetaData metaData) {
        ended(part, event.terminatedOn(), "TERMINATED", metaData);
    }

    private void ended(Part part, LocalDate on, String outcome, MetaData metaData) {
        report(part, () -> commands.send(new RecordPartEnded(part.jointApprovalId(), part.caseId(), on, outcome),
                Actor.fromMetaData(metaData)));
    }

    /** Sends the report unless the part is closed (the handler called again with what it was given before). */
    private static void report(Part part, Runnable send) {
        if (part.closed()) {
            return;
        }
        try {
            send.run();
        } catch (RuleViolation e) {
            // Recorded meanwhile (back-filled by the lead window): the report is done, anything else is a failure.
            if (!JointApproval.PART_DONE.equals(e.rule())) {
                throw e;
            }
        }
    }
}
