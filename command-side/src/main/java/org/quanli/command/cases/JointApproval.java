package org.quanli.command.cases;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.quanli.kernel.rules.RuleViolation.require;
import static org.quanli.kernel.text.Text.strippedNonBlank;
import static org.quanli.kernel.text.Text.strippedOrNull;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.quanli.command.CommandSideConfiguration;
import org.quanli.command.places.PlaceDirectory;
import org.quanli.command.places.PlaceDirectory.RegisteredBody;
import org.quanli.command.powerlist.ItemDirectory;
import org.quanli.kernel.calendar.ChinaTime;
import org.quanli.kernel.cases.CaseClock;
import org.quanli.kernel.cases.CaseTime;
import org.quanli.kernel.cases.JointApprovalMessages;
import org.quanli.kernel.cases.JointApprovalMessages.*;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.rules.Forbidden;

/**
 * A joint approval (并联审批): the lead body's window takes one application for several bodies' cases; it is
 * concluded when every part is done, and judged on its own limit of 45 working days from receipt, extended once by
 * at most 15 with approval. Each part becomes a case of its body ({@link JointApprovalProcess}); a part is done when
 * its case concludes ({@link JointPartConcluded}) or ends without a conclusion: not accepted, withdrawn or terminated
 * ({@link JointPartEnded}). The joint approval is concluded when no part is open, whichever way its parts closed:
 * its handling is over, and the parts' events say which of them were granted, denied or ended. A part's end is
 * recorded by the window officer of the part's body (as the process does) or back-filled by the lead window; a part
 * whose case is in the ledger is recorded only as its case was done.
 *
 * <p>Who leads: the comprehensive window (综合窗口) of a government's service centre takes applications for the bodies
 * of that government and of the governments below it, never for another place's bodies: every part's body lies in
 * the lead body's jurisdiction or below ({@value #PARTS_WITHIN_LEAD_JURISDICTION}).
 */
@Aggregate(cache = CommandSideConfiguration.AGGREGATE_CACHE)
public class JointApproval {

    static final String PART_DONE = "joint-part-already-done";
    static final String PARTS_WITHIN_LEAD_JURISDICTION = "joint-parts-within-lead-jurisdiction";
    static final Set<String> PART_END_OUTCOMES = Set.of("NOT_ACCEPTED", "WITHDRAWN", "TERMINATED");

    @AggregateIdentifier
    private String jointApprovalId;
    private String leadBodyId;
    private LocalDate receivedOn;
    /** Every part: case id to the body handling it. */
    private final Map<String, String> partBodies = new HashMap<>();
    private final Set<String> openParts = new HashSet<>();
    private int extensionDays;
    private boolean extended;
    private boolean concluded;
    /** The latest day a part was concluded or ended on: parts may be reported in any order. */
    private LocalDate lastPartDoneOn;

    protected JointApproval() {
    }

    @CommandHandler
    public JointApproval(StartJointApproval command, MetaData metaData, ItemDirectory items, CaseClock clock,
                         JointApprovalParts knownParts, PlaceDirectory places, Clock wallClock) {
        Actor actor = Actor.fromMetaData(metaData);
        if (actor.role() != Role.WINDOW_OFFICER || actor.bodyId() == null) {
            throw new Forbidden("并联审批须由综合窗口工作人员受理");
        }
        RegisteredBody lead = places.body(actor.bodyId()).orElse(null);
        require(lead != null && lead.isActive(), "lead-body-active", "牵头单位 " + actor.bodyId() + " 未登记或已撤并");
        require(command.projectName() != null && !command.projectName().isBlank(), "joint-approval-names-project",
                "必须注明项目名称");
        List<JointPart> parts = command.parts() == null ? List.of() : command.parts();
        require(parts.size() >= 2, "joint-approval-has-parts", "并联审批至少涉及两个部门的办件");
        Set<String> caseIds = new HashSet<>();
        for (JointPart part : parts) {
            require(part.caseId() != null && caseIds.add(part.caseId()), "joint-parts-distinct",
                    "并联审批的各办件编号必须不同");
            require(knownParts.part(part.caseId()).isEmpty(), "joint-part-new",
                    "办件 " + part.caseId() + " 已是另一并联审批的部分");
            require(part.itemId() != null && part.bodyId() != null && items.item(part.itemId()).isPresent(),
                    "item-known", "事项 " + part.itemId() + " 不在权责清单上");
            String partJurisdiction = places.body(part.bodyId()).map(RegisteredBody::jurisdictionCode).orElse(null);
            require(partJurisdiction != null && places.isSameOrBelow(partJurisdiction, lead.jurisdictionCode()),
                    PARTS_WITHIN_LEAD_JURISDICTION, "并联审批的各部门须属于牵头单位所在行政区划(" + lead.jurisdictionCode()
                            + ")或其下级:" + part.bodyId() + (partJurisdiction == null ? " 未登记"
                            : " 属于 " + partJurisdiction));
        }
        require(command.receivedOn() != null, "received-on-required", "必须注明收件日期");
        Case.requireNotInFuture(command.receivedOn(), ChinaTime.today(wallClock), "received-not-in-future",
                "收件日期");
        // Each part is submitted as a case with this applicant.
        require(command.applicant() != null && command.applicant().identified(), "applicant-required",
                "必须登记申请人及其证件");
        apply(new JointApprovalStarted(command.jointApprovalId(), actor.bodyId(), command.projectName().strip(),
                List.copyOf(parts), command.receivedOn(), time(clock, command.receivedOn(), command.receivedOn(), 0),
                command.applicant(), strippedNonBlank(command.materials()), strippedOrNull(command.window())));
    }

    @CommandHandler
    void handle(RecordPartConcluded command, MetaData metaData, CaseClock clock, JointApprovalParts knownParts) {
        requireOpenPartRecordedByItsBodyOrTheLead(command.caseId(), metaData);
        require(command.concludedOn() != null && !command.concludedOn().isBefore(receivedOn),
                "concluded-after-receipt", "办结日期不得早于收件日期(" + receivedOn + ")");
        requireDoneAsItsCase(command.caseId(), "CONCLUDED", command.concludedOn(), knownParts);
        apply(new JointPartConcluded(jointApprovalId, command.caseId(), command.concludedOn(), openParts.size() - 1));
        concludeIfNoPartIsOpen(clock);
    }

    @CommandHandler
    void handle(RecordPartEnded command, MetaData metaData, CaseClock clock, JointApprovalParts knownParts) {
        requireOpenPartRecordedByItsBodyOrTheLead(command.caseId(), metaData);
        require(command.outcome() != null && PART_END_OUTCOMES.contains(command.outcome()), "joint-part-outcome",
                "部分办件的结束方式须为 NOT_ACCEPTED、WITHDRAWN 或 TERMINATED");
        require(command.endedOn() != null && !command.endedOn().isBefore(receivedOn), "ended-after-receipt",
                "结束日期不得早于收件日期(" + receivedOn + ")");
        requireDoneAsItsCase(command.caseId(), command.outcome(), command.endedOn(), knownParts);
        apply(new JointPartEnded(jointApprovalId, command.caseId(), command.endedOn(), command.outcome(),
                openParts.size() - 1));
        concludeIfNoPartIsOpen(clock);
    }

    private void requireOpenPartRecordedByItsBodyOrTheLead(String caseId, MetaData metaData) {
        Actor actor = Actor.fromMetaData(metaData);
        String partBody = partBodies.get(caseId);
        boolean window = actor.role() == Role.WINDOW_OFFICER;
        if (!window || !(actor.belongsTo(leadBodyId) || partBody != null && actor.belongsTo(partBody))) {
            throw new Forbidden("只有牵头单位的综合窗口或该部分办件的办理单位窗口才能登记其办结或结束");
        }
        require(partBody != null, "joint-part-of-approval", "办件 " + caseId + " 不是本并联审批的部分");
        require(openParts.contains(caseId), PART_DONE, "办件 " + caseId + " 不是本并联审批尚未办结的部分");
    }

    /**
     * A part whose case was submitted in the ledger is done when, and as, its case was: concluded, not accepted,
     * withdrawn or terminated on that day. Only a part handled outside the ledger is back-filled as the lead says.
     */
    private static void requireDoneAsItsCase(String caseId, String outcome, LocalDate on,
                                             JointApprovalParts knownParts) {
        knownParts.part(caseId).filter(JointApprovalParts.Part::submitted).ifPresent(part -> require(
                outcome.equals(part.caseOutcome()) && on.equals(part.caseDoneOn()), "joint-part-done-as-its-case",
                "办件 " + caseId + " 在账本中" + (part.caseOutcome() == null ? "尚在办理"
                        : "已于 " + part.caseDoneOn() + " " + outcomeName(part.caseOutcome()))
                        + ",只能按其办件的结果登记"));
    }

    private static String outcomeName(String outcome) {
        return switch (outcome) {
            case "CONCLUDED" -> "办结";
            case "NOT_ACCEPTED" -> "不予受理";
            case "WITHDRAWN" -> "撤回";
            default -> "终止";
        };
    }

    /** Concluded on the day the last part was done, whichever part was reported last. */
    private void concludeIfNoPartIsOpen(CaseClock clock) {
        if (openParts.isEmpty()) {
            CaseTime time = time(clock, receivedOn, lastPartDoneOn, extensionDays);
            apply(new JointApprovalConcluded(jointApprovalId, lastPartDoneOn, !time.overdue(), time));
        }
    }

    @CommandHandler
    void handle(ExtendJointApproval command, MetaData metaData, CaseClock clock) {
        requireLeadWindow(metaData);
        require(!concluded, "already-concluded", "并联审批已办结");
        require(!extended, "one-extension", "并联审批只能延期一次");
        require(command.days() > 0 && command.days() <= JointApprovalMessages.EXTENSION_CAP_DAYS,
                "joint-extension-within-cap", "并联审批延长期限不得超过 " + JointApprovalMessages.EXTENSION_CAP_DAYS
                        + " 个工作日");
        require(command.reason() != null && !command.reason().isBlank(), "extension-needs-reason", "延期必须说明理由");
        require(command.approvedBy() != null && !command.approvedBy().isBlank(), "extension-approved",
                "延期须经本级人民政府负责人批准");
        require(command.approvedOn() != null && !command.approvedOn().isBefore(receivedOn),
                "extension-after-receipt", "延期批准日期不得早于收件日期(" + receivedOn + ")");
        boolean afterDeadline = time(clock, receivedOn, command.approvedOn(), 0).overdue();
        apply(new JointApprovalExtended(jointApprovalId, command.days(), command.reason().strip(),
                command.approvedBy().strip(), command.approvedOn(), afterDeadline,
                time(clock, receivedOn, command.approvedOn(), afterDeadline ? 0 : command.days())));
    }

    @EventSourcingHandler
    void on(JointApprovalStarted event) {
        jointApprovalId = event.jointApprovalId();
        leadBodyId = event.leadBodyId();
        receivedOn = event.receivedOn();
        event.parts().forEach(p -> {
            partBodies.put(p.caseId(), p.bodyId());
            openParts.add(p.caseId());
        });
    }

    @EventSourcingHandler
    void on(JointPartConcluded event) {
        partDone(event.caseId(), event.concludedOn());
    }

    @EventSourcingHandler
    void on(JointPartEnded event) {
        partDone(event.caseId(), event.endedOn());
    }

    private void partDone(String caseId, LocalDate on) {
        openParts.remove(caseId);
        lastPartDoneOn = lastPartDoneOn == null || on.isAfter(lastPartDoneOn) ? on : lastPartDoneOn;
    }

    @EventSourcingHandler
    void on(JointApprovalExtended event) {
        extended = true;
        // An extension approved after the deadline is on the record but does not make the approval on time.
        extensionDays = event.afterDeadline() ? 0 : event.days();
    }

    @EventSourcingHandler
    void on(JointApprovalConcluded event) {
        concluded = true;
    }

    private void requireLeadWindow(MetaData metaData) {
        Actor actor = Actor.fromMetaData(metaData);
        if (actor.role() != Role.WINDOW_OFFICER || !actor.belongsTo(leadBodyId)) {
            throw new Forbidden("只有牵头单位的综合窗口工作人员才能办理本并联审批");
        }
    }

    private static CaseTime time(CaseClock clock, LocalDate from, LocalDate asOf, int extension) {
        return clock.on(from, JointApprovalMessages.LIMIT_DAYS, extension, List.of(), asOf);
    }
}
