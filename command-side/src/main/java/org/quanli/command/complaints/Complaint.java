package org.quanli.command.complaints;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.quanli.kernel.rules.RuleViolation.require;
import static org.quanli.kernel.text.Text.strippedNonBlank;
import static org.quanli.kernel.text.Text.strippedOrNull;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.quanli.command.cases.CaseDeadlines;
import org.quanli.command.cases.SupervisionDue;
import org.quanli.command.cases.SupervisionSchedule;
import org.quanli.command.places.JurisdictionAuthority;
import org.quanli.command.places.PlaceDirectory;
import org.quanli.command.places.PlaceDirectory.RegisteredBody;
import org.quanli.command.powerlist.ItemDirectory;
import org.quanli.kernel.calendar.ChinaTime;
import org.quanli.kernel.calendar.WorkingDayCalendar;
import org.quanli.kernel.cases.PersonalNumbers;
import org.quanli.kernel.cases.SupervisionLevel;
import org.quanli.kernel.complaints.Complainant;
import org.quanli.kernel.complaints.ComplaintCategory;
import org.quanli.kernel.complaints.ComplaintMessages.*;
import org.quanli.kernel.complaints.ComplaintOutcome;
import org.quanli.kernel.complaints.ComplaintRating;
import org.quanli.kernel.complaints.ComplaintStatus;
import org.quanli.kernel.complaints.ComplaintSupervisionTrigger;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.rules.Forbidden;
import org.quanli.kernel.rules.RuleViolation;

/**
 * A complaint (投诉) from reception to the complainant's rating: 统一接听、按责转办、限时办结. The unified reception
 * (or the supervision office) registers it and transfers it to the responsible body, which accepts, investigates,
 * concludes and answers it within the limit of its category; a body that is not responsible passes it on with
 * reasons, under the same due date. After a 不满意 rating the complaint may be reopened once, under a new limit, or the
 * supervision office escalates it to a body of the jurisdiction above. Reception and supervision act for the
 * jurisdiction they belong to and the ones below it; only the responsible body's complaint handler handles it.
 *
 * <p>Supervision: while the reply limit runs, a yellow deadline (remaining working days down to
 * {@code quanli.supervision.yellow-days}) and a red one (the first day after the due date) are kept as persistent
 * deadlines the way a case keeps them ({@link CaseDeadlines}, db-scheduler); a new limit reschedules them and the
 * reply cancels them. A deadline that fires checks the complaint's own state on its day first. A reply recorded after
 * the due date with no red flag yet (a back-filled complaint) raises the red flag itself, in the replying officer's
 * name.
 */
// Not in the command side's aggregate cache, unlike the other aggregates: its state holds the complainant in clear.
@Aggregate
public class Complaint {

    static final String SUPERVISION = "complaint-supervision";

    private static final Set<Role> RECEPTION = Set.of(Role.COMPLAINT_RECEPTION, Role.SUPERVISION_OFFICE);

    @AggregateIdentifier
    private String complaintId;
    private ComplaintStatus status;
    private ComplaintCategory category;
    private Complainant complainant;
    private String jurisdictionCode;
    private LocalDate receivedOn;
    private String responsibleBodyId;
    private LocalDate limitStart;
    private int limitDays;
    private LocalDate dueOn;
    private int round;
    private LocalDate lastStepOn;
    private ComplaintRating lastRating;
    private boolean reopened;
    private boolean yellowWarned;
    private boolean redFlagged;

    protected Complaint() {
    }

    // --- reception ----------------------------------------------------------------------------------------------

    @CommandHandler
    public Complaint(RegisterComplaint command, MetaData metaData, PlaceDirectory places, ItemDirectory items,
                     CaseLookup cases, Clock wallClock) {
        Actor actor = Actor.fromMetaData(metaData);
        requireRole(actor, RECEPTION, "投诉须由统一受理机构(政务服务中心、12345平台)或效能督查机构登记");
        require(command.channel() != null, "channel-required", "必须注明投诉渠道");
        require(command.category() != null, "category-required", "必须注明投诉类别");
        require(command.receivedAt() != null, "received-at-required", "必须注明接收时间");
        LocalDateTime now = ChinaTime.now(wallClock);
        require(!command.receivedAt().isAfter(now), "received-not-in-future",
                "接收时间(" + command.receivedAt() + ")不得晚于现在");
        require(strippedOrNull(command.text()) != null, "text-required", "必须登记投诉内容");
        require(command.complainant() == null || command.complainant().identified(), "complainant-identified",
                "实名投诉须登记投诉人姓名和联系电话;不愿具名的按匿名投诉登记");
        RegisteredBody body = places.body(command.bodyId()).orElseThrow(() -> new RuleViolation("body-known",
                "被投诉单位 " + command.bodyId() + " 未登记"));
        JurisdictionAuthority.requireActsFor(actor, body.jurisdictionCode(), places);
        LocalDate receivedOn = command.receivedAt().toLocalDate();
        if (command.itemId() != null) {
            require(items.item(command.itemId()).filter(item -> item.bodyId().equals(body.bodyId())).isPresent()
                            || items.holdingOn(command.itemId(), receivedOn)
                            .filter(holding -> holding.bodyId().equals(body.bodyId())).isPresent(),
                    "item-of-body", "事项 " + command.itemId() + " 不是被投诉单位的事项");
        }
        if (command.caseId() != null) {
            require(cases.handlingBodyOf(command.caseId()).filter(body.bodyId()::equals).isPresent(),
                    "case-of-body", "办件 " + command.caseId() + " 不是被投诉单位办理的办件");
        }
        // The complainant's own identity goes, sealed, in the complainant; numbers typed into the text are masked
        // so that the text holds no identity card or mobile number in clear.
        apply(new ComplaintRegistered(command.complaintId(), command.channel(), command.receivedAt(),
                PersonalNumbers.mask(command.text().strip()), strip(command.complainant()), body.bodyId(),
                body.jurisdictionCode(), command.itemId(), command.caseId(), command.category(), actor.bodyId()));
    }

    // --- transfer -----------------------------------------------------------------------------------------------

    @CommandHandler
    void handle(TransferComplaint command, MetaData metaData, PlaceDirectory places, WorkingDayCalendar calendar,
                ComplaintPolicy policy, CaseDeadlines deadlines, SupervisionSchedule supervision, Clock wallClock) {
        Actor actor = Actor.fromMetaData(metaData);
        requireRole(actor, RECEPTION, "投诉须由统一受理机构或效能督查机构按责转办");
        JurisdictionAuthority.requireActsFor(actor, jurisdictionCode, places);
        require(status == ComplaintStatus.REGISTERED, "already-transferred",
                "投诉已转办;承办单位不负责的,由其说明理由后转交");
        List<String> reasons = requireReasons(command.reasons(), "transfer-states-reasons", "转办须说明理由(职责依据)");
        RegisteredBody to = requireActiveBody(command.toBodyId(), places);
        String actorJurisdiction = places.body(actor.bodyId()).map(RegisteredBody::jurisdictionCode).orElseThrow();
        require(places.isSameOrBelow(to.jurisdictionCode(), actorJurisdiction), "transfer-within-jurisdiction",
                "只能转办至本级及下级行政区划的单位," + to.name() + " 不在 " + actorJurisdiction + " 及其下级");
        LocalDate on = requireDate(command.transferredOn(), receivedOn, "transferred", "转办", "接收", wallClock);
        int limit = policy.limitDays(category);
        LocalDate due = calendar.addWorkingDays(on, limit);
        apply(new ComplaintTransferred(complaintId, actor.bodyId(), to.bodyId(), to.jurisdictionCode(), reasons, on,
                category, limit, due, 1));
        superviseFrom(on, calendar, deadlines, supervision);
    }

    @CommandHandler
    void handle(TransferComplaintOn command, MetaData metaData, PlaceDirectory places, Clock wallClock) {
        Actor actor = Actor.fromMetaData(metaData);
        boolean handler = actor.role() == Role.COMPLAINT_HANDLER && actor.belongsTo(responsibleBodyId);
        if (!handler) {
            requireRole(actor, RECEPTION, "只有承办单位的投诉承办人员(不属本单位职责)或统一受理、效能督查机构才能转交投诉");
            JurisdictionAuthority.requireActsFor(actor, jurisdictionOf(responsibleBodyId, places), places);
        }
        requireStatus("转交", ComplaintStatus.TRANSFERRED);
        List<String> reasons = requireReasons(command.reasons(), "transfer-on-states-reasons",
                "转交须说明不属本单位职责的理由");
        RegisteredBody to = requireActiveBody(command.toBodyId(), places);
        require(!to.bodyId().equals(responsibleBodyId), "transfer-on-to-another-body",
                "转交须交给另一个单位,不能交回 " + to.name());
        LocalDate on = requireDate(command.transferredOn(), lastStepOn, "transferred-on", "转交", "上一次转办", wallClock);
        apply(new ComplaintTransferredOn(complaintId, responsibleBodyId, to.bodyId(), to.jurisdictionCode(), reasons,
                on, limitDays, dueOn, round));
    }

    // --- handling -----------------------------------------------------------------------------------------------

    @CommandHandler
    void handle(AcceptComplaint command, MetaData metaData, Clock wallClock) {
        requireHandler(metaData);
        requireStatus("受理", ComplaintStatus.TRANSFERRED);
        LocalDate on = requireDate(command.acceptedOn(), lastStepOn, "accepted", "受理", "转办", wallClock);
        apply(new ComplaintAccepted(complaintId, responsibleBodyId, on, dueOn, round));
    }

    @CommandHandler
    void handle(RecordComplaintInvestigation command, MetaData metaData, Clock wallClock) {
        requireHandler(metaData);
        requireStatus("调查", ComplaintStatus.ACCEPTED, ComplaintStatus.REOPENED);
        require(strippedOrNull(command.summary()) != null, "investigation-states-summary", "调查核实须记录情况");
        require(strippedOrNull(command.investigator()) != null, "investigation-names-investigator", "调查核实须注明调查人员");
        LocalDate on = requireDate(command.investigatedOn(), lastStepOn, "investigated", "调查", "受理", wallClock);
        apply(new ComplaintInvestigationRecorded(complaintId, responsibleBodyId, command.summary().strip(),
                command.investigator().strip(), on, round));
    }

    @CommandHandler
    void handle(ConcludeComplaint command, MetaData metaData, WorkingDayCalendar calendar, Clock wallClock) {
        requireHandler(metaData);
        requireStatus("办结", ComplaintStatus.ACCEPTED, ComplaintStatus.REOPENED);
        require(command.outcome() != null, "conclusion-states-outcome", "办结须注明调查结论(属实、部分属实、不属实)");
        require(strippedOrNull(command.findings()) != null, "conclusion-states-findings", "办结须说明查明的事实");
        List<String> measures = strippedNonBlank(command.measures());
        require(command.outcome() == ComplaintOutcome.NOT_SUBSTANTIATED || !measures.isEmpty(),
                "substantiated-complaint-states-measures", "投诉属实或部分属实的,须列明整改或处理措施");
        LocalDate on = requireDate(command.concludedOn(), lastStepOn, "concluded", "办结", "受理或调查", wallClock);
        apply(new ComplaintConcluded(complaintId, responsibleBodyId, command.outcome(), command.findings().strip(),
                measures, on, dueOn, calendar.workingDaysBetween(limitStart, on), !on.isAfter(dueOn), round));
    }

    @CommandHandler
    void handle(ReplyToComplaint command, MetaData metaData, WorkingDayCalendar calendar, CaseDeadlines deadlines,
                Clock wallClock) {
        requireHandler(metaData);
        requireStatus("答复", ComplaintStatus.CONCLUDED);
        require(strippedOrNull(command.feedback()) != null, "reply-states-feedback", "答复须写明向投诉人反馈的内容");
        String publicReply = strippedOrNull(command.publicReply());
        require(publicReply == null || !holdsPersonalData(publicReply), "public-reply-without-personal-data",
                "公开回复不得含有投诉人姓名、联系电话、身份证号码等个人信息");
        LocalDate on = requireDate(command.repliedOn(), lastStepOn, "replied", "答复", "办结", wallClock);
        boolean withinLimit = !on.isAfter(dueOn);
        apply(new ComplaintReplied(complaintId, responsibleBodyId, command.feedback().strip(), publicReply, on, dueOn,
                calendar.workingDaysBetween(limitStart, on), withinLimit, round));
        deadlines.cancel(complaintId, SUPERVISION);
        if (!withinLimit && !redFlagged) {
            apply(flag(SupervisionLevel.RED, ComplaintSupervisionTrigger.NOT_ANSWERED_IN_TIME, dueOn.plusDays(1),
                    calendar));
        }
    }

    // --- rating, reopening, escalation ---------------------------------------------------------------------------

    @CommandHandler
    void handle(RateComplaint command, MetaData metaData, PlaceDirectory places, Clock wallClock) {
        Actor actor = Actor.fromMetaData(metaData);
        requireRole(actor, RECEPTION, "投诉人的评价由统一受理机构或效能督查机构回访登记");
        JurisdictionAuthority.requireActsFor(actor, jurisdictionCode, places);
        requireStatus("评价", ComplaintStatus.REPLIED);
        require(command.rating() != null, "rating-required", "须登记满意、基本满意或不满意");
        LocalDate on = requireDate(command.ratedOn(), lastStepOn, "rated", "评价", "答复", wallClock);
        apply(new ComplaintRated(complaintId, responsibleBodyId, command.rating(), strippedOrNull(command.comment()), on,
                round));
    }

    @CommandHandler
    void handle(ReopenComplaint command, MetaData metaData, PlaceDirectory places, WorkingDayCalendar calendar,
                ComplaintPolicy policy, CaseDeadlines deadlines, SupervisionSchedule supervision, Clock wallClock) {
        Actor actor = Actor.fromMetaData(metaData);
        requireRole(actor, RECEPTION, "投诉须由统一受理机构或效能督查机构重新交办");
        JurisdictionAuthority.requireActsFor(actor, jurisdictionCode, places);
        require(!reopened, "reopen-once", "投诉只能重新办理一次;仍不满意的可提级办理");
        requireStatus("重新办理", ComplaintStatus.RATED);
        require(lastRating == ComplaintRating.DISSATISFIED, "reopen-only-when-dissatisfied",
                "投诉人评价为" + lastRating.label() + ",只有不满意的才能重新办理");
        List<String> reasons = requireReasons(command.reasons(), "reopen-states-reasons", "重新办理须说明理由");
        LocalDate on = requireDate(command.reopenedOn(), lastStepOn, "reopened", "重新办理", "评价", wallClock);
        int limit = policy.limitDays(category);
        apply(new ComplaintReopened(complaintId, responsibleBodyId, reasons, on, limit,
                calendar.addWorkingDays(on, limit), round + 1));
        superviseFrom(on, calendar, deadlines, supervision);
    }

    @CommandHandler
    void handle(EscalateComplaint command, MetaData metaData, PlaceDirectory places, WorkingDayCalendar calendar,
                ComplaintPolicy policy, CaseDeadlines deadlines, SupervisionSchedule supervision, Clock wallClock) {
        Actor actor = Actor.fromMetaData(metaData);
        requireRole(actor, Set.of(Role.SUPERVISION_OFFICE), "只有效能督查机构才能提级办理投诉");
        require(status != ComplaintStatus.REGISTERED, "not-yet-transferred", "投诉尚未转办,不能提级");
        RegisteredBody from = places.body(responsibleBodyId).orElseThrow();
        JurisdictionAuthority.requireActsFor(actor, from.jurisdictionCode(), places);
        LocalDate on = requireDate(command.escalatedOn(), lastStepOn, "escalated", "提级办理", "上一步", wallClock);
        boolean dissatisfied = status == ComplaintStatus.RATED && lastRating == ComplaintRating.DISSATISFIED;
        boolean overdue = ComplaintStatus.AWAITING_REPLY.contains(status) && on.isAfter(dueOn);
        require(dissatisfied || overdue, "escalate-when-dissatisfied-or-overdue",
                "只有投诉人不满意或超过答复时限仍未答复的投诉才能提级办理");
        List<String> reasons = requireReasons(command.reasons(), "escalation-states-reasons", "提级办理须说明理由");
        RegisteredBody to = requireActiveBody(command.toBodyId(), places);
        String above = places.jurisdiction(from.jurisdictionCode()).map(j -> j.parentCode()).orElse(null);
        require(above != null && above.equals(to.jurisdictionCode()), "escalate-to-level-above",
                "提级办理须交给 " + from.jurisdictionCode() + " 的上一级行政区划" + (above == null ? "(已是最高一级)"
                        : " " + above) + " 的单位," + to.name() + " 属于 " + to.jurisdictionCode());
        int limit = policy.limitDays(category);
        apply(new ComplaintEscalated(complaintId, from.bodyId(), from.jurisdictionCode(), to.bodyId(),
                to.jurisdictionCode(), reasons, on, limit, calendar.addWorkingDays(on, limit), round + 1));
        superviseFrom(on, calendar, deadlines, supervision);
    }

    // --- supervision --------------------------------------------------------------------------------------------

    @DeadlineHandler(deadlineName = SUPERVISION)
    void on(SupervisionDue due, WorkingDayCalendar calendar, SupervisionSchedule supervision) {
        // A deadline may outlive what it was for (a reply that raced it, a restart): the complaint checks itself.
        if (!ComplaintStatus.AWAITING_REPLY.contains(status)) {
            return;
        }
        int remaining = remainingDays(due.day(), calendar);
        if (due.level() == SupervisionLevel.YELLOW && !yellowWarned && !due.day().isAfter(dueOn)
                && remaining <= supervision.yellowDays()) {
            apply(flag(SupervisionLevel.YELLOW, ComplaintSupervisionTrigger.DEADLINE_NEAR, due.day(), calendar),
                    E_SUPERVISION);
        } else if (due.level() == SupervisionLevel.RED && !redFlagged && due.day().isAfter(dueOn)) {
            apply(flag(SupervisionLevel.RED, ComplaintSupervisionTrigger.NOT_ANSWERED_IN_TIME, due.day(), calendar),
                    E_SUPERVISION);
        }
    }

    /** Who raises a flag when a deadline comes due: the ledger's electronic supervision, as for cases. */
    static final MetaData E_SUPERVISION = MetaData.with(Actor.USER_ID, "e-supervision").and(Actor.NAME, "电子监察");

    /** (Re)schedules the yellow and red deadlines of the current limit, from {@code asOf}. */
    private void superviseFrom(LocalDate asOf, WorkingDayCalendar calendar, CaseDeadlines deadlines,
                               SupervisionSchedule supervision) {
        deadlines.cancel(complaintId, SUPERVISION);
        LocalDate yellow = calendar.addWorkingDays(limitStart, Math.max(0, limitDays - supervision.yellowDays()));
        yellow = yellow.isBefore(asOf) ? asOf : yellow;
        deadlines.schedule(complaintId, supervision.dueAt(yellow), SUPERVISION,
                new SupervisionDue(SupervisionLevel.YELLOW, yellow));
        LocalDate firstOverdue = dueOn.plusDays(1);
        deadlines.schedule(complaintId, supervision.dueAt(firstOverdue), SUPERVISION,
                new SupervisionDue(SupervisionLevel.RED, firstOverdue));
    }

    private ComplaintFlagged flag(SupervisionLevel level, ComplaintSupervisionTrigger trigger, LocalDate day,
                                  WorkingDayCalendar calendar) {
        return new ComplaintFlagged(complaintId, responsibleBodyId, level, trigger, day, dueOn,
                remainingDays(day, calendar), round);
    }

    /** Working days left of the limit on {@code day}; negative once overdue by that many. */
    private int remainingDays(LocalDate day, WorkingDayCalendar calendar) {
        return limitDays - calendar.workingDaysBetween(limitStart, day);
    }

    // --- state --------------------------------------------------------------------------------------------------

    @EventSourcingHandler
    void on(ComplaintRegistered event) {
        complaintId = event.complaintId();
        status = ComplaintStatus.REGISTERED;
        category = event.category();
        complainant = event.complainant();
        jurisdictionCode = event.jurisdictionCode();
        receivedOn = event.receivedAt().toLocalDate();
        lastStepOn = receivedOn;
    }

    @EventSourcingHandler
    void on(ComplaintTransferred event) {
        newLimit(event.toBodyId(), event.transferredOn(), event.limitDays(), event.dueOn(), event.round());
        status = ComplaintStatus.TRANSFERRED;
    }

    @EventSourcingHandler
    void on(ComplaintTransferredOn event) {
        responsibleBodyId = event.toBodyId();
        lastStepOn = event.transferredOn();
    }

    @EventSourcingHandler
    void on(ComplaintAccepted event) {
        status = ComplaintStatus.ACCEPTED;
        lastStepOn = event.acceptedOn();
    }

    @EventSourcingHandler
    void on(ComplaintInvestigationRecorded event) {
        lastStepOn = event.investigatedOn();
    }

    @EventSourcingHandler
    void on(ComplaintConcluded event) {
        status = ComplaintStatus.CONCLUDED;
        lastStepOn = event.concludedOn();
    }

    @EventSourcingHandler
    void on(ComplaintReplied event) {
        status = ComplaintStatus.REPLIED;
        lastStepOn = event.repliedOn();
    }

    @EventSourcingHandler
    void on(ComplaintRated event) {
        status = ComplaintStatus.RATED;
        lastRating = event.rating();
        lastStepOn = event.ratedOn();
    }

    @EventSourcingHandler
    void on(ComplaintReopened event) {
        newLimit(responsibleBodyId, event.reopenedOn(), event.limitDays(), event.dueOn(), event.round());
        status = ComplaintStatus.REOPENED;
        reopened = true;
    }

    @EventSourcingHandler
    void on(ComplaintEscalated event) {
        newLimit(event.toBodyId(), event.escalatedOn(), event.limitDays(), event.dueOn(), event.round());
        status = ComplaintStatus.TRANSFERRED;
    }

    @EventSourcingHandler
    void on(ComplaintFlagged event) {
        if (event.trigger() == ComplaintSupervisionTrigger.DEADLINE_NEAR) {
            yellowWarned = true;
        } else {
            redFlagged = true;
        }
    }

    private void newLimit(String bodyId, LocalDate start, int days, LocalDate due, int newRound) {
        responsibleBodyId = bodyId;
        limitStart = start;
        limitDays = days;
        dueOn = due;
        round = newRound;
        lastStepOn = start;
        yellowWarned = false;
        redFlagged = false;
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private static void requireRole(Actor actor, Set<Role> roles, String message) {
        if (!roles.contains(actor.role()) || actor.bodyId() == null) {
            throw new Forbidden(message);
        }
    }

    private void requireHandler(MetaData metaData) {
        Actor actor = Actor.fromMetaData(metaData);
        if (actor.role() != Role.COMPLAINT_HANDLER || !actor.belongsTo(responsibleBodyId)) {
            throw new Forbidden("只有承办单位的投诉承办人员才能受理、调查、办结和答复本投诉");
        }
    }

    /**
     * Refuses a step the complaint's status does not allow: {@code not-yet-<status>} before the first status the
     * step needs ({@code not-yet-transferred}, {@code not-yet-accepted}, {@code not-yet-concluded},
     * {@code not-yet-replied}, {@code not-yet-rated}), {@code already-<status>} past it.
     */
    private void requireStatus(String step, ComplaintStatus... allowed) {
        if (List.of(allowed).contains(status)) {
            return;
        }
        String rule = order(status) < order(allowed[0]) ? "not-yet-" + allowed[0].name().toLowerCase()
                : "already-" + status.name().toLowerCase();
        throw new RuleViolation(rule, "投诉" + status.label() + ",不能" + step);
    }

    /** How far a complaint has come; a reopened one is in hand again, as an accepted one is. */
    private static int order(ComplaintStatus status) {
        return switch (status) {
            case REGISTERED -> 0;
            case TRANSFERRED -> 1;
            case ACCEPTED, REOPENED -> 2;
            case CONCLUDED -> 3;
            case REPLIED -> 4;
            case RATED -> 5;
        };
    }

    /**
     * A step's date: given, not before the step it follows ({@code <rule>-after-<previous>} as
     * {@code <step>-in-order}), and not after today in Beijing ({@code <step>-not-in-future}).
     */
    private static LocalDate requireDate(LocalDate date, LocalDate notBefore, String rule, String step,
                                         String previous, Clock wallClock) {
        require(date != null, rule + "-on-required", "必须注明" + step + "日期");
        require(!date.isBefore(notBefore), rule + "-in-order",
                step + "日期(" + date + ")不得早于" + previous + "日期(" + notBefore + ")");
        LocalDate today = ChinaTime.today(wallClock);
        require(!date.isAfter(today), rule + "-not-in-future", step + "日期(" + date + ")不得晚于今天(" + today + ")");
        return date;
    }

    private static RegisteredBody requireActiveBody(String bodyId, PlaceDirectory places) {
        RegisteredBody body = places.body(bodyId).orElseThrow(() -> new RuleViolation("body-known",
                "单位 " + bodyId + " 未登记"));
        require(body.isActive(), "body-active", body.whyInactive());
        return body;
    }

    private static String jurisdictionOf(String bodyId, PlaceDirectory places) {
        return places.body(bodyId).map(RegisteredBody::jurisdictionCode).orElseThrow();
    }

    private static List<String> requireReasons(List<String> given, String rule, String message) {
        List<String> reasons = strippedNonBlank(given);
        require(!reasons.isEmpty(), rule, message);
        return reasons;
    }

    /** Whether a text meant for the public holds an identity or mobile number, or the complainant's own data. */
    private boolean holdsPersonalData(String text) {
        if (!Objects.equals(PersonalNumbers.mask(text), text)) {
            return true;
        }
        if (complainant == null || complainant.erased()) {
            return false;
        }
        return contains(text, complainant.phone()) || contains(text, complainant.documentNumber())
                || complainant.name().strip().codePointCount(0, complainant.name().strip().length()) >= 2
                && contains(text, complainant.name());
    }

    private static boolean contains(String text, String value) {
        return value != null && !value.isBlank() && text.replaceAll("\\s", "").contains(value.replaceAll("\\s", ""));
    }

    private static Complainant strip(Complainant complainant) {
        if (complainant == null) {
            return null;
        }
        return new Complainant(complainant.name().strip(), complainant.phone().strip(), complainant.documentType(),
                strippedOrNull(complainant.documentNumber()), strippedOrNull(complainant.address()));
    }
}
