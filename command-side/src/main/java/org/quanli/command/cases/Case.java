package org.quanli.command.cases;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.quanli.kernel.rules.RuleViolation.require;
import static org.quanli.kernel.text.Text.strippedNonBlank;
import static org.quanli.kernel.text.Text.strippedOrNull;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.spring.stereotype.Aggregate;
import org.quanli.command.CommandSideConfiguration;
import org.quanli.command.delegation.AcceptanceAuthority;
import org.quanli.command.delegation.AcceptanceAuthority.Acceptance;
import org.quanli.command.powerlist.ItemDirectory;
import org.quanli.command.powerlist.ItemDirectory.VersionTerms;
import org.quanli.kernel.calendar.ChinaTime;
import org.quanli.kernel.cases.CaseClock;
import org.quanli.kernel.cases.CaseMessages;
import org.quanli.kernel.cases.CaseMessages.*;
import org.quanli.kernel.cases.CaseTime;
import org.quanli.kernel.cases.CaseType;
import org.quanli.kernel.cases.SpecialProcedureKind;
import org.quanli.kernel.cases.SupervisionLevel;
import org.quanli.kernel.cases.SupervisionTrigger;
import org.quanli.kernel.cases.Suspension;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.rules.Forbidden;
import org.quanli.kernel.rules.RuleViolation;

/**
 * A case (办件): one application under one item, handled by one body, from receipt to delivery of the result. The
 * rules are those of docs/DOMAIN.md "Cases": one correction notice within 5 working days of receipt or the case counts as
 * accepted on the day of receipt (行政许可法 第32条); acceptance only when the body may accept cases of the item on
 * that date; special procedures stop the clock (第45条); one approved extension within the cap (第42条), which does
 * not make an already overdue case on time; a denial and a non-acceptance state reasons — one without is still
 * recorded (it happened and binds the applicant) and flagged red. A deficiency acceptance (容缺) whose material has not
 * come by the promised day is terminated the day after, by a persistent deadline. Only window officers of the
 * handling body move a case; a part of a joint approval is submitted by the lead window.
 *
 * <p>Electronic supervision: while the clock runs, a yellow deadline (remaining working days down to the threshold)
 * and a red one (the first day after the deadline) are scheduled on Axon's {@link DeadlineManager}, which the
 * application backs by db-scheduler on PostgreSQL, through {@link CaseDeadlines}, which cancels them by the case's own
 * schedule ids; they are rescheduled when a special procedure starts or ends and when the case is extended, and
 * cancelled when it ends. When one fires, the case checks its own figures on that day and records
 * {@link CaseFlagged}: a cancelled deadline that was already firing does nothing.
 */
@Aggregate(cache = CommandSideConfiguration.AGGREGATE_CACHE)
public class Case {

    /**
     * Who raises a flag when a deadline comes due: no officer acted, the ledger's electronic supervision did. It has
     * a user id and a name but no role or body, so it can never pass for a person.
     */
    static final MetaData E_SUPERVISION = MetaData.with(Actor.USER_ID, "e-supervision").and(Actor.NAME, "电子监察");

    static final String SUPERVISION = "case-supervision";
    static final String FOLLOW_UP = "case-bad-review-follow-up";
    static final String DEFICIENCY_LAPSE = "case-deficiency-lapse";
    static final String LAPSE_REASON = "容缺材料逾期未补齐,终止办理";

    /**
     * Where a case stands. A case moves forward through received, accepted, decided and concluded, or ends not
     * accepted, withdrawn or terminated; {@code step} orders the forward ones, {@code rule} names it in
     * the rule a step out of place breaks, {@code label} says it to the user.
     */
    private enum Stage {
        RECEIVED(0, "received", "尚未受理"),
        ACCEPTED(1, "accepted", "已受理"),
        DECIDED(2, "decided", "已作出决定"),
        CONCLUDED(3, "concluded", "已办结"),
        NOT_ACCEPTED(-1, "not-accepted", "已不予受理"),
        WITHDRAWN(-1, "withdrawn", "已撤回"),
        TERMINATED(-1, "terminated", "已终止");

        final int step;
        final String rule;
        final String label;

        Stage(int step, String rule, String label) {
            this.step = step;
            this.rule = rule;
            this.label = label;
        }

        boolean ended() {
            return step < 0;
        }
    }

    @AggregateIdentifier
    private String caseId;
    private String itemId;
    private String bodyId;
    private LocalDate receivedOn;
    private Stage stage;
    private LocalDate correctionNoticeDate;
    private LocalDate correctionCompletedOn;
    private LocalDate acceptedOn;
    private int itemVersion;
    private int promisedDays;
    private int extensionDays;
    private boolean extended;
    private final List<Suspension> suspensions = new ArrayList<>();
    private SpecialProcedureKind openProcedure;
    private LocalDate openProcedureStart;
    private boolean deficiencyOpen;
    private LocalDate decidedOn;
    private LocalDate concludedOn;
    private boolean delivered;
    private boolean yellowWarned;
    private boolean redFlagged;
    @AggregateMember
    private CaseEvaluation evaluation;

    protected Case() {
    }

    /**
     * Every step after receipt is taken by a window officer of the handling body, checked here once for all of them;
     * the one exception is the review of a rating appeal, which supervision does ({@link CaseEvaluation}).
     */
    @CommandHandlerInterceptor
    void onlyTheHandlingBodysWindow(Object command, MetaData metaData) {
        if (!(command instanceof ReviewRatingAppeal)) {
            requireWindowOfficerOf(Actor.fromMetaData(metaData), bodyId);
        }
    }

    // --- receipt ------------------------------------------------------------------------------------------------

    @CommandHandler
    public Case(SubmitCase command, MetaData metaData, ItemDirectory items, JointApprovalParts jointParts,
                Clock wallClock) {
        Actor actor = Actor.fromMetaData(metaData);
        if (command.jointApprovalId() == null) {
            requireWindowOfficerOf(actor, command.bodyId());
        } else {
            requireJointPartSubmitter(actor, command, jointParts);
        }
        require(command.channel() != null, "channel-required", "必须注明收件渠道(窗口或网上)");
        require(command.applicant() != null && command.applicant().identified(), "applicant-required",
                "必须登记申请人及其证件");
        require(command.receivedOn() != null, "received-on-required", "必须注明收件日期");
        requireNotInFuture(command.receivedOn(), ChinaTime.today(wallClock), "received-not-in-future",
                "收件日期");
        require(command.itemId() != null && items.item(command.itemId()).isPresent(), "item-known",
                "事项 " + command.itemId() + " 不在权责清单上");
        Optional<VersionTerms> version = items.versionOn(command.itemId(), command.receivedOn());
        apply(new CaseSubmitted(command.caseId(), command.itemId(), command.bodyId(), command.channel(),
                command.applicant(), command.receivedOn(), strippedNonBlank(command.materials()),
                version.map(VersionTerms::version).orElse(null),
                version.map(v -> CaseType.ofPromisedLimit(v.promisedLimitDays())).orElse(null),
                strippedOrNull(command.window()), command.jointApprovalId()));
    }

    @CommandHandler
    void handle(RequestCorrection command, CaseClock clock, CasePolicy policy,
                ItemDirectory items, AcceptanceAuthority authority, CaseDeadlines deadlines,
                SupervisionSchedule supervision) {
        require(correctionNoticeDate == null, "one-correction-notice",
                "补正材料应一次性告知,本件已发出过补正通知");
        requireStage("要求补正", Stage.RECEIVED);
        List<String> missing = strippedNonBlank(command.missing());
        require(!missing.isEmpty(), "correction-lists-missing", "补正通知必须一次性列明全部缺少的材料");
        require(command.noticeDate() != null && !command.noticeDate().isBefore(receivedOn), "notice-after-receipt",
                "补正通知日期不得早于收件日期(" + receivedOn + ")");
        int days = clock.calendar().workingDaysBetween(receivedOn, command.noticeDate());
        boolean late = days > policy.correctionNoticeDays();
        apply(new CorrectionRequested(caseId, missing, command.noticeDate(), days, late));
        if (late) {
            // 第32条: a notice after the period makes the case count as accepted on the day of receipt.
            Optional<Acceptance> acceptance = authority.acceptance(bodyId, itemId, receivedOn);
            Optional<VersionTerms> terms = items.versionOn(itemId, receivedOn);
            apply(accepted(receivedOn, acceptance.orElse(null), terms.orElse(null), true, clock));
            superviseFrom(command.noticeDate(), clock, deadlines, supervision);
        }
    }

    @CommandHandler
    void handle(CompleteCorrection command) {
        require(correctionNoticeDate != null && correctionCompletedOn == null, "no-correction-pending",
                "本件没有待补正的材料");
        require(command.completedOn() != null && !command.completedOn().isBefore(correctionNoticeDate),
                "correction-after-notice", "补正日期不得早于补正通知日期(" + correctionNoticeDate + ")");
        apply(new CorrectionCompleted(caseId, command.completedOn()));
    }

    // --- acceptance ---------------------------------------------------------------------------------------------

    @CommandHandler
    AcceptanceOutcome handle(AcceptCase command, ItemDirectory items,
                             AcceptanceAuthority authority, CaseClock clock, CaseDeadlines deadlines,
                             SupervisionSchedule supervision, Clock wallClock) {
        LocalDate on = command.acceptedOn();
        requireAcceptable(on, ChinaTime.today(wallClock));
        Optional<Acceptance> acceptance = authority.acceptance(bodyId, itemId, on);
        Optional<VersionTerms> terms = items.versionOn(itemId, on);
        if (acceptance.isEmpty() || terms.isEmpty()) {
            // The business records a refusal; the applicant is told why and how to seek review.
            List<String> reasons = List.of("本单位在 " + on + " 不能受理事项 " + itemId
                    + " 的办件:该事项当日不在本单位有效的权责清单上,也未依下放、赋权、委托由本单位承接或代办");
            apply(new CaseNotAccepted(caseId, on, reasons, CaseMessages.RIGHTS_OF_REVIEW, true));
            return new AcceptanceOutcome(AcceptanceOutcome.Outcome.NOT_ACCEPTED, reasons,
                    CaseMessages.RIGHTS_OF_REVIEW);
        }
        apply(accepted(on, acceptance.get(), terms.get(), false, clock));
        superviseFrom(on, clock, deadlines, supervision);
        return AcceptanceOutcome.ACCEPTED;
    }

    @CommandHandler
    void handle(AcceptCaseWithDeficiency command, MetaData metaData, ItemDirectory items,
                AcceptanceAuthority authority, CaseClock clock, CaseDeadlines deadlines,
                SupervisionSchedule supervision, Clock wallClock) {
        LocalDate on = command.acceptedOn();
        requireAcceptable(on, ChinaTime.today(wallClock));
        List<String> missing = strippedNonBlank(command.missing());
        require(!missing.isEmpty(), "deficiency-lists-missing", "容缺受理必须列明容缺的材料");
        Optional<Acceptance> acceptance = authority.acceptance(bodyId, itemId, on);
        Optional<VersionTerms> terms = items.versionOn(itemId, on);
        require(acceptance.isPresent() && terms.isPresent(), "body-may-accept",
                "本单位在 " + on + " 不能受理事项 " + itemId + " 的办件");
        LocalDate promisedCompletion = clock.calendar().addWorkingDays(on,
                terms.get().promisedLimitDays());
        require(command.supplyBy() != null && !command.supplyBy().isBefore(on)
                        && command.supplyBy().isBefore(promisedCompletion), "supply-before-promised-completion",
                "容缺材料的补齐日期必须早于承诺办结日期(" + promisedCompletion + ")");
        apply(accepted(on, acceptance.get(), terms.get(), false, clock));
        apply(new DeficiencyPromised(caseId, missing, command.supplyBy()));
        superviseFrom(on, clock, deadlines, supervision);
        // 容缺: if the material has not come by the promised day, the case is terminated the day after. The deadline
        // carries the accepting officer: the termination follows from the terms that officer recorded.
        LocalDate lapse = command.supplyBy().plusDays(1);
        deadlines.schedule(caseId, supervision.dueAt(lapse), DEFICIENCY_LAPSE,
                GenericMessage.asMessage(new DeficiencyLapse(lapse)).andMetaData(metaData));
    }

    @CommandHandler
    void handle(SupplyDeficiency command, CaseClock clock, CaseDeadlines deadlines) {
        require(deficiencyOpen, "no-deficiency-pending", "本件没有待补齐的容缺材料");
        require(command.suppliedOn() != null && !command.suppliedOn().isBefore(acceptedOn), "supplied-after-acceptance",
                "补齐日期不得早于受理日期(" + acceptedOn + ")");
        apply(new DeficiencySupplied(caseId, command.suppliedOn(), time(clock, command.suppliedOn())));
        deadlines.cancel(caseId, DEFICIENCY_LAPSE);
    }

    @DeadlineHandler(deadlineName = DEFICIENCY_LAPSE)
    void on(DeficiencyLapse lapse, MetaData metaData, CaseDeadlines deadlines) {
        // Checked on firing: the material may have come, or the case ended, after the deadline was set.
        if (deficiencyOpen && stage == Stage.ACCEPTED) {
            // A deadline's events get no correlation data of their own: the actor is the one the deadline carries.
            apply(new CaseTerminated(caseId, lapse.day(), LAPSE_REASON),
                    MetaData.from(Actor.fromMetaData(metaData).toMetaData()));
            stopTheClock(deadlines);
        }
    }

    @CommandHandler
    void handle(RejectCase command) {
        requireStage("不予受理", Stage.RECEIVED);
        List<String> reasons = strippedNonBlank(command.reasons());
        require(command.decidedOn() != null && !command.decidedOn().isBefore(receivedOn), "decided-after-receipt",
                "不予受理日期不得早于收件日期(" + receivedOn + ")");
        // The refusal happened and binds the applicant, so it is recorded; the missing reasons are flagged red.
        apply(new CaseNotAccepted(caseId, command.decidedOn(), reasons, CaseMessages.RIGHTS_OF_REVIEW, false));
        if (reasons.isEmpty()) {
            apply(new CaseFlagged(caseId, SupervisionLevel.RED, SupervisionTrigger.REFUSAL_WITHOUT_REASONS,
                    command.decidedOn(), "不予受理未说明理由", itemVersion, null));
        }
    }

    // --- handling -----------------------------------------------------------------------------------------------

    @CommandHandler
    void handle(RecordReviewStep command, CaseClock clock) {
        requireInHand();
        require(strippedOrNull(command.step()) != null && strippedOrNull(command.unit()) != null && strippedOrNull(command.officer()) != null,
                "review-step-named", "审查环节必须注明环节名称、承办单位和经办人");
        require(command.startedOn() != null && command.completedOn() != null
                        && !command.startedOn().isBefore(acceptedOn) && !command.completedOn().isBefore(command.startedOn()),
                "review-step-dates", "审查环节的起止日期须在受理之后且不倒置");
        require(command.limitDays() == null || command.limitDays() >= 0, "review-step-limit", "环节时限不能为负");
        int days = clock.calendar().workingDaysBetween(command.startedOn(), command.completedOn());
        boolean over = command.limitDays() != null && days > command.limitDays();
        apply(new ReviewStepRecorded(caseId, command.step().strip(), command.unit().strip(), command.officer().strip(),
                strippedOrNull(command.opinion()), command.startedOn(), command.completedOn(), command.limitDays(), days, over,
                itemVersion, time(clock, command.completedOn())));
        if (over) {
            apply(new CaseFlagged(caseId, SupervisionLevel.RED, SupervisionTrigger.REVIEW_STEP_OVER_LIMIT,
                    command.completedOn(), command.step().strip() + "用时 " + days + " 个工作日,超过环节时限 "
                    + command.limitDays() + " 个工作日", itemVersion, time(clock, command.completedOn())));
        }
    }

    @CommandHandler
    void handle(StartSpecialProcedure command, CaseClock clock, CaseDeadlines deadlines) {
        requireInHand();
        require(command.kind() != null && command.kind().stopsTheClock(), "extension-is-approved-not-started",
                "延期须经批准(延期申请),不作为中止程序登记;请注明听证、检验检测、专家评审等特别程序");
        require(openProcedure == null, "one-special-procedure-at-a-time", "已有进行中的特别程序,须先结束");
        require(strippedOrNull(command.reason()) != null, "special-procedure-needs-reason", "特别程序必须说明理由");
        require(command.startedOn() != null && !command.startedOn().isBefore(acceptedOn), "procedure-after-acceptance",
                "特别程序开始日期不得早于受理日期(" + acceptedOn + ")");
        require(suspensions.stream().noneMatch(s -> !s.end().isBefore(command.startedOn())), "procedures-in-order",
                "特别程序开始日期不得早于上一特别程序的结束日期");
        // Its start day is already suspended (both ends of a procedure count), so the figures include it.
        CaseTime time = time(clock, extensionDays, new Suspension(command.startedOn(), null), command.startedOn());
        apply(new SpecialProcedureStarted(caseId, command.kind(), command.reason().strip(), command.startedOn(),
                itemVersion, time));
        // The clock stands still: nothing can come due until the procedure ends.
        deadlines.cancel(caseId, SUPERVISION);
    }

    @CommandHandler
    void handle(EndSpecialProcedure command, CaseClock clock, CaseDeadlines deadlines,
                SupervisionSchedule supervision) {
        require(openProcedure != null, "no-special-procedure-in-progress", "没有进行中的特别程序");
        require(command.endedOn() != null && !command.endedOn().isBefore(openProcedureStart), "procedure-ends-after-start",
                "特别程序结束日期不得早于开始日期(" + openProcedureStart + ")");
        int suspended = clock.calendar().workingDaysIn(openProcedureStart, command.endedOn());
        CaseTime time = time(clock, extensionDays, new Suspension(openProcedureStart, command.endedOn()),
                command.endedOn());
        apply(new SpecialProcedureEnded(caseId, openProcedure, openProcedureStart, command.endedOn(), suspended,
                itemVersion, time));
        superviseFrom(command.endedOn(), clock, deadlines, supervision);
    }

    @CommandHandler
    void handle(ExtendCase command, CaseClock clock, CasePolicy policy,
                CaseDeadlines deadlines, SupervisionSchedule supervision) {
        requireInHand();
        require(!extended, "one-extension", "办件只能延期一次");
        require(command.days() > 0 && command.days() <= policy.extensionCapDays(), "extension-within-cap",
                "延长期限不得超过 " + policy.extensionCapDays() + " 个工作日(行政许可法第四十二条)");
        require(strippedOrNull(command.reason()) != null, "extension-needs-reason", "延期必须说明理由");
        require(strippedOrNull(command.approvedBy()) != null, "extension-approved", "延期须经本行政机关负责人批准");
        require(command.approvedOn() != null && !command.approvedOn().isBefore(acceptedOn), "extension-after-acceptance",
                "延期批准日期不得早于受理日期(" + acceptedOn + ")");
        boolean afterDeadline = time(clock, command.approvedOn()).overdue();
        int effectiveDays = afterDeadline ? 0 : command.days();
        CaseTime time = time(clock, effectiveDays, openSuspension(), command.approvedOn());
        apply(new CaseExtended(caseId, command.days(), command.reason().strip(), command.approvedBy().strip(),
                command.approvedOn(), afterDeadline, itemVersion, time));
        superviseFrom(command.approvedOn(), clock, deadlines, supervision);
    }

    // --- outcome ------------------------------------------------------------------------------------------------

    @CommandHandler
    void handle(DecideCase command, CaseClock clock, CaseDeadlines deadlines) {
        requireInHand();
        require(openProcedure == null, "special-procedure-in-progress", "特别程序尚未结束,不能作出决定");
        List<String> reasons = strippedNonBlank(command.reasons());
        require(!command.granted() || !deficiencyOpen, "deficiency-supplied-before-grant",
                "容缺材料尚未补齐,不能准予");
        require(command.decidedOn() != null && !command.decidedOn().isBefore(acceptedOn), "decided-after-acceptance",
                "决定日期不得早于受理日期(" + acceptedOn + ")");
        CaseTime time = time(clock, command.decidedOn());
        apply(new CaseDecided(caseId, command.granted(), reasons, command.decidedOn(), itemVersion, time));
        if (!command.granted() && reasons.isEmpty()) {
            // A denial without reasons is still the decision; supervision flags it red.
            apply(new CaseFlagged(caseId, SupervisionLevel.RED, SupervisionTrigger.REFUSAL_WITHOUT_REASONS,
                    command.decidedOn(), "不予许可未说明理由", itemVersion, time));
        }
        // The material promised under a deficiency acceptance no longer matters once the case is decided.
        deadlines.cancel(caseId, DEFICIENCY_LAPSE);
    }

    @CommandHandler
    void handle(ConcludeCase command, CaseClock clock, CaseDeadlines deadlines) {
        requireStage("办结", Stage.DECIDED);
        require(command.concludedOn() != null && !command.concludedOn().isBefore(decidedOn),
                "concluded-after-decision", "办结日期不得早于决定日期(" + decidedOn + ")");
        CaseTime time = time(clock, command.concludedOn());
        apply(new CaseConcluded(caseId, itemId, bodyId, acceptedOn, command.concludedOn(), !time.overdue(),
                itemVersion, time));
        stopTheClock(deadlines);
    }

    @CommandHandler
    void handle(DeliverResult command) {
        requireStage("送达", Stage.CONCLUDED);
        require(!delivered, "already-delivered", "办件结果已送达");
        require(command.deliveredOn() != null && !command.deliveredOn().isBefore(concludedOn),
                "delivered-after-conclusion", "送达日期不得早于办结日期(" + concludedOn + ")");
        apply(new ResultDelivered(caseId, command.deliveredOn(), strippedOrNull(command.method())));
    }

    @CommandHandler
    void handle(WithdrawCase command, CaseDeadlines deadlines) {
        requireStage("撤回", Stage.RECEIVED, Stage.ACCEPTED);
        require(command.withdrawnOn() != null && !command.withdrawnOn().isBefore(receivedOn), "withdrawn-after-receipt",
                "撤回日期不得早于收件日期(" + receivedOn + ")");
        apply(new CaseWithdrawn(caseId, command.withdrawnOn(), strippedOrNull(command.reason())));
        stopTheClock(deadlines);
    }

    @CommandHandler
    void handle(TerminateCase command, CaseDeadlines deadlines) {
        requireStage("终止", Stage.ACCEPTED);
        require(strippedOrNull(command.reason()) != null, "termination-needs-reason", "终止办理必须说明理由");
        require(command.terminatedOn() != null && !command.terminatedOn().isBefore(acceptedOn),
                "terminated-after-acceptance", "终止日期不得早于受理日期(" + acceptedOn + ")");
        apply(new CaseTerminated(caseId, command.terminatedOn(), command.reason().strip()));
        stopTheClock(deadlines);
    }

    // --- evaluation ---------------------------------------------------------------------------------------------

    /** A case is rated once it is out of hand; the rating and what follows it are the evaluation's own. */
    @CommandHandler
    void handle(EvaluateCase command, CaseClock clock, EvaluationPolicy policy, CaseDeadlines deadlines,
                SupervisionSchedule supervision) {
        requireStage("评价", Stage.CONCLUDED, Stage.NOT_ACCEPTED, Stage.TERMINATED);
        evaluation.rate(command, receivedOn, clock, policy, deadlines, supervision);
    }

    @DeadlineHandler(deadlineName = FOLLOW_UP)
    void onFollowUpDue(SupervisionDue due) {
        evaluation.followUpDue(due, itemVersion);
    }

    // --- supervision --------------------------------------------------------------------------------------------

    @DeadlineHandler(deadlineName = SUPERVISION)
    void on(SupervisionDue due, CaseClock clock, SupervisionSchedule supervision) {
        // A deadline may outlive what it was for (a missed cancellation, a restart): the case checks its own figures.
        if ((stage != Stage.ACCEPTED && stage != Stage.DECIDED) || openProcedure != null) {
            return;
        }
        CaseTime time = time(clock, due.day());
        if (due.level() == SupervisionLevel.YELLOW && !yellowWarned && !time.overdue()
                && time.remainingDays() <= supervision.yellowDays()) {
            apply(new CaseFlagged(caseId, SupervisionLevel.YELLOW, SupervisionTrigger.DEADLINE_NEAR, due.day(),
                    "剩余 " + time.remainingDays() + " 个工作日,办理时限至 " + time.deadline(), itemVersion, time),
                    E_SUPERVISION);
        } else if (due.level() == SupervisionLevel.RED && !redFlagged && time.overdue()) {
            apply(new CaseFlagged(caseId, SupervisionLevel.RED, SupervisionTrigger.OVERDUE, due.day(),
                    "办理时限 " + time.deadline() + " 已过,尚未办结", itemVersion, time), E_SUPERVISION);
        }
    }

    /** The case is out of hand: nothing of its handling can come due any more. */
    private void stopTheClock(CaseDeadlines deadlines) {
        deadlines.cancel(caseId, SUPERVISION, DEFICIENCY_LAPSE);
    }

    /** (Re)schedules the yellow and red deadlines from the case's figures on {@code asOf}. */
    private void superviseFrom(LocalDate asOf, CaseClock clock, CaseDeadlines deadlines,
                               SupervisionSchedule supervision) {
        deadlines.cancel(caseId, SUPERVISION);
        if (openProcedure != null) {
            return;
        }
        CaseTime time = time(clock, asOf);
        int limit = promisedDays + extensionDays + time.suspendedDays();
        // An immediate case has no warning period; it is only flagged if it is left open past its day.
        if (!yellowWarned && promisedDays > 0) {
            int warnAfter = Math.max(0, limit - supervision.yellowDays());
            LocalDate day = clock.calendar().addWorkingDays(acceptedOn, warnAfter);
            day = day.isBefore(asOf) ? asOf : day;
            deadlines.schedule(caseId, supervision.dueAt(day), SUPERVISION,
                    new SupervisionDue(SupervisionLevel.YELLOW, day));
        }
        if (!redFlagged) {
            LocalDate firstOverdue = time.deadline().plusDays(1);
            deadlines.schedule(caseId, supervision.dueAt(firstOverdue), SUPERVISION,
                    new SupervisionDue(SupervisionLevel.RED, firstOverdue));
        }
    }

    @EventSourcingHandler
    void on(CaseFlagged event) {
        if (event.trigger() == SupervisionTrigger.DEADLINE_NEAR) {
            yellowWarned = true;
        } else if (event.trigger() == SupervisionTrigger.OVERDUE) {
            redFlagged = true;
        }
    }

    // --- state --------------------------------------------------------------------------------------------------

    @EventSourcingHandler
    void on(CaseSubmitted event) {
        caseId = event.caseId();
        itemId = event.itemId();
        bodyId = event.bodyId();
        receivedOn = event.receivedOn();
        stage = Stage.RECEIVED;
        evaluation = new CaseEvaluation(caseId, bodyId);
        // The version in force on receipt, until acceptance names the one the case is handled under.
        itemVersion = event.itemVersion() == null ? 0 : event.itemVersion();
    }

    @EventSourcingHandler
    void on(CorrectionRequested event) {
        correctionNoticeDate = event.noticeDate();
    }

    @EventSourcingHandler
    void on(CorrectionCompleted event) {
        correctionCompletedOn = event.completedOn();
    }

    @EventSourcingHandler
    void on(CaseAccepted event) {
        stage = Stage.ACCEPTED;
        acceptedOn = event.acceptedOn();
        itemVersion = event.itemVersion();
        promisedDays = event.time().promisedDays();
    }

    @EventSourcingHandler
    void on(DeficiencyPromised event) {
        deficiencyOpen = true;
    }

    @EventSourcingHandler
    void on(DeficiencySupplied event) {
        deficiencyOpen = false;
    }

    @EventSourcingHandler
    void on(CaseNotAccepted event) {
        stage = Stage.NOT_ACCEPTED;
    }

    @EventSourcingHandler
    void on(SpecialProcedureStarted event) {
        openProcedure = event.kind();
        openProcedureStart = event.startedOn();
    }

    @EventSourcingHandler
    void on(SpecialProcedureEnded event) {
        suspensions.add(new Suspension(event.startedOn(), event.endedOn()));
        openProcedure = null;
        openProcedureStart = null;
    }

    @EventSourcingHandler
    void on(CaseExtended event) {
        extended = true;
        // A new deadline deserves its own warning.
        yellowWarned = yellowWarned && event.afterDeadline();
        // A late extension is on the record but does not move the deadline the case is judged by.
        extensionDays = event.afterDeadline() ? 0 : event.days();
    }

    @EventSourcingHandler
    void on(CaseDecided event) {
        stage = Stage.DECIDED;
        decidedOn = event.decidedOn();
    }

    @EventSourcingHandler
    void on(CaseConcluded event) {
        stage = Stage.CONCLUDED;
        concludedOn = event.concludedOn();
    }

    @EventSourcingHandler
    void on(ResultDelivered event) {
        delivered = true;
    }

    @EventSourcingHandler
    void on(CaseWithdrawn event) {
        stage = Stage.WITHDRAWN;
    }

    @EventSourcingHandler
    void on(CaseTerminated event) {
        stage = Stage.TERMINATED;
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private CaseAccepted accepted(LocalDate on, Acceptance acceptance, VersionTerms terms, boolean deemed,
                                  CaseClock clock) {
        int promised = terms == null ? 0 : terms.promisedLimitDays();
        CaseTime time = clock.on(on, promised, 0, List.of(), on);
        return new CaseAccepted(caseId, itemId, bodyId, on, acceptance == null ? null : acceptance.capacity(),
                acceptance == null ? null : acceptance.onBehalfOfBodyId(),
                acceptance == null ? null : acceptance.delegationId(), terms == null ? 0 : terms.version(),
                CaseType.ofPromisedLimit(promised), terms == null ? 0 : terms.legalLimitDays(), deemed, time);
    }

    private void requireAcceptable(LocalDate on, LocalDate today) {
        requireStage("受理", Stage.RECEIVED);
        require(correctionNoticeDate == null || correctionCompletedOn != null, "correction-pending",
                "补正材料尚未补齐,不能受理");
        LocalDate earliest = correctionCompletedOn != null ? correctionCompletedOn : receivedOn;
        require(on != null && !on.isBefore(earliest), "accepted-after-receipt",
                "受理日期不得早于收件或补正日期(" + earliest + ")");
        requireNotInFuture(on, today, "accepted-not-in-future", "受理日期");
    }

    /** A receipt or an acceptance is recorded when it has happened: never on a day after today in Beijing. */
    static void requireNotInFuture(LocalDate date, LocalDate today, String rule, String what) {
        require(!date.isAfter(today), rule, what + "(" + date + ")不得晚于今天(" + today + ")");
    }

    private void requireInHand() {
        requireStage("办理", Stage.ACCEPTED);
    }

    /**
     * Refuses a step the case's stage does not allow, naming what stands in the way: {@code already-<stage>} when the
     * case is past every stage the step allows or has ended (a second acceptance is refused as
     * {@code already-accepted}, a second conclusion as {@code already-concluded}), {@code not-yet-<stage>} when it has
     * not reached the first one the step needs (a conclusion before the decision: {@code not-yet-decided}).
     */
    private void requireStage(String step, Stage... allowed) {
        List<Stage> allowedStages = List.of(allowed);
        if (allowedStages.contains(stage)) {
            return;
        }
        int furthest = allowedStages.stream().mapToInt(a -> a.step).max().orElseThrow();
        if (stage.ended() || stage.step > furthest) {
            throw new RuleViolation("already-" + stage.rule, "办件" + stage.label + ",不能" + step);
        }
        Stage next = allowedStages.stream().filter(a -> a.step > stage.step)
                .min(Comparator.comparingInt(a -> a.step)).orElseThrow();
        throw new RuleViolation("not-yet-" + next.rule, "办件" + stage.label + ",须先" + next.label.substring(1)
                + "才能" + step);
    }


    private static void requireWindowOfficerOf(Actor actor, String bodyId) {
        if (actor.role() != Role.WINDOW_OFFICER || !actor.belongsTo(bodyId)) {
            throw new Forbidden("只有办理单位的窗口工作人员才能登记和办理本单位的办件");
        }
    }

    /**
     * A part of a joint approval is submitted by the lead body's window that took the one application (as the
     * joint-approval process does), or by the part's own body, and only as the joint approval lists it.
     */
    private static void requireJointPartSubmitter(Actor actor, SubmitCase command, JointApprovalParts jointParts) {
        var part = jointParts.part(command.caseId()).filter(p -> p.jointApprovalId().equals(command.jointApprovalId())
                && p.bodyId().equals(command.bodyId()) && p.itemId().equals(command.itemId()));
        if (actor.role() != Role.WINDOW_OFFICER || part.isEmpty()
                || !actor.belongsTo(part.get().leadBodyId()) && !actor.belongsTo(command.bodyId())) {
            throw new Forbidden("并联审批的部分办件只能由牵头单位综合窗口按该并联审批所列的部门和事项登记");
        }
    }

    private CaseTime time(CaseClock clock, LocalDate asOf) {
        return time(clock, extensionDays, openSuspension(), asOf);
    }

    /**
     * The figures on {@code asOf} with {@code extension} days and the ended procedures plus {@code current}: the one
     * in progress (no end), just starting or just ending; null if none.
     */
    private CaseTime time(CaseClock clock, int extension, Suspension current, LocalDate asOf) {
        List<Suspension> all = new ArrayList<>(suspensions);
        if (current != null) {
            all.add(current);
        }
        return clock.on(acceptedOn, promisedDays, extension, all, asOf);
    }

    private Suspension openSuspension() {
        return openProcedure == null ? null : new Suspension(openProcedureStart, null);
    }
}
