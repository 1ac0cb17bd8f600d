package org.quanli.query.cases;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Min;
import org.quanli.kernel.cases.CaseQueries.*;
import org.quanli.kernel.cases.CaseStatus;
import org.quanli.kernel.cases.SupervisionLevel;
import org.quanli.kernel.cases.SupervisionTrigger;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.places.DivisionCode;
import org.quanli.kernel.places.UnifiedSocialCreditCode;
import org.quanli.kernel.rules.Forbidden;
import org.quanli.platform.messaging.QueryAsker;
import org.quanli.platform.security.CurrentActor;
import org.quanli.platform.web.PageSize;
import org.quanli.query.personal.PersonalDataAccessLog;
import org.quanli.platform.web.BadParameter;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reading cases, their trails, supervision flags and joint approvals. None of it is public. Auditors and reform
 * offices see every body's cases, as they see every audit finding; a window officer sees only the cases of the
 * officer's own body, and a case of another body answers 404, as if it did not exist. The applicant's name,
 * document and phone are shown in full only to a window officer of the handling body, and masked (张*,
 * 5101**********1234, 138****5678) to everyone else; every answer that shows one in full is recorded in the access
 * log of personal data.
 */
@RestController
@Tag(name = "cases (read)", description = "办件查询:办件台账、办件详情、办件轨迹(含时限计算与证据)、电子监察预警、并联审批")
class CasesReadController {

    private static final String SCOPE = " Auditors and reform offices: every body's cases. Window officers: their own "
            + "body's only (another body as filter: 403; another body's case: 404). Applicant in full only for the "
            + "handling body's window officers, masked for everyone else.";

    private final QueryAsker queries;
    private final CurrentActor currentActor;
    private final PersonalDataAccessLog accessLog;

    CasesReadController(QueryAsker queries, CurrentActor currentActor, PersonalDataAccessLog accessLog) {
        this.queries = queries;
        this.currentActor = currentActor;
        this.accessLog = accessLog;
    }

    @Operation(summary = "办件台账 (auditor, reform office, window officer): cases by body, jurisdiction, item, status, "
            + "overdue, supervision level and dates; newest receipt first", description = """
            jurisdiction covers the bodies of that jurisdiction and of every one below it. overdue=true: concluded
            after the deadline, or still in hand (accepted or decided, not in a special procedure) with the deadline
            before today (Beijing). supervisionLevel: the highest open flag (RED above YELLOW). Dates inclusive.""" + SCOPE)
    @GetMapping("/api/cases")
    CaseList cases(
            @Parameter(description = "implementing body (unified social credit code)") @RequestParam(required = false)
            String body,
            @Parameter(description = "jurisdiction (administrative-division code), with those below it")
            @RequestParam(required = false) String jurisdiction,
            @Parameter(description = "item id") @RequestParam(required = false) UUID item,
            @RequestParam(required = false) CaseStatus status,
            @RequestParam(required = false) Boolean overdue,
            @RequestParam(required = false) SupervisionLevel supervisionLevel,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate receivedFrom,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate receivedTo,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate acceptedFrom,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate acceptedTo,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @PageSize int size) {
        Viewer viewer = viewer();
        order("receivedFrom", receivedFrom, receivedTo);
        order("acceptedFrom", acceptedFrom, acceptedTo);
        CaseList list = queries.ask(new CaseListQuery(viewer, body(viewer, body), jurisdiction(jurisdiction),
                item == null ? null : item.toString(), status, overdue, supervisionLevel, receivedFrom, receivedTo,
                acceptedFrom, acceptedTo, page, size), CaseList.class);
        recordUnmasked(list.cases(), "办件台账");
        return list;
    }

    @Operation(summary = "办件详情 (auditor, reform office, window officer of the handling body)",
            description = "The case with its dates, status, time figures, rating and every supervision flag." + SCOPE)
    @GetMapping("/api/cases/{caseId}")
    CaseDetail caseDetail(@PathVariable UUID caseId) {
        CaseDetail detail = queries.ask(new CaseQuery(viewer(), caseId.toString()), CaseDetail.class);
        recordUnmasked(List.of(detail.summary()), "办件详情");
        return detail;
    }

    @Operation(summary = "办件轨迹 (auditor, reform office, window officer of the handling body)", description = """
            Every step in the order recorded: the date it is about and the time it was recorded, the actor (user,
            name, role, body), the item version the case was handled under, the time-limit arithmetic at that step
            (asOf, promised, extension, suspended and working days, deadline, remaining, overdue) where the step
            carries it, the step's facts without personal data, and the evidence: event id and global store position.
            The answer carries the definitions of the figures.""" + SCOPE)
    @GetMapping("/api/cases/{caseId}/trail")
    CaseTrail trail(@PathVariable UUID caseId,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "100") @PageSize int size) {
        return queries.ask(new CaseTrailQuery(viewer(), caseId.toString(), page, size), CaseTrail.class);
    }

    @Operation(summary = "电子监察预警 (auditor, reform office, window officer): supervision flags, newest first",
            description = """
            Yellow and red flags by level, trigger, body, jurisdiction (and those below it), the date the flag is
            about (from/to inclusive) and open: a deadline or review-step flag is closed when its case is concluded or
            ends, a yellow one also when an approved extension moves the deadline; a bad-review flag when the review
            is followed up or the rating excluded; a refusal without reasons stays open.""" + SCOPE)
    @GetMapping("/api/supervision/flags")
    Flags flags(
            @RequestParam(required = false) SupervisionLevel level,
            @RequestParam(required = false) SupervisionTrigger trigger,
            @RequestParam(required = false) String body,
            @RequestParam(required = false) String jurisdiction,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) Boolean open,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @PageSize int size) {
        Viewer viewer = viewer();
        order("from", from, to);
        return queries.ask(new FlagsQuery(viewer, level, trigger, body(viewer, body), jurisdiction(jurisdiction),
                from, to, open, page, size), Flags.class);
    }

    @Operation(summary = "并联审批 (auditor, reform office, window officer of the lead body or of a part's body)",
            description = "Its parts with their state and their case's status, its own time figures (45 working "
                    + "days from receipt, plus an approved extension), conclusion and whether on time. The applicant "
                    + "is masked; the part cases hold the identity.")
    @GetMapping("/api/joint-approvals/{jointApprovalId}")
    JointApprovalView jointApproval(@PathVariable UUID jointApprovalId) {
        return queries.ask(new JointApprovalQuery(viewer(), jointApprovalId.toString()), JointApprovalView.class);
    }

    /** Only a window officer of the handling body sees an applicant unmasked; each such view is logged. */
    private void recordUnmasked(List<CaseView> shown, String purpose) {
        if (shown.stream().anyMatch(view -> !view.applicantMasked())) {
            accessLog.record(currentActor.actingAs(Role.WINDOW_OFFICER), shown, purpose);
        }
    }

    /** Supervision first: a user who is both auditor and window officer reads as an auditor, with applicants masked. */
    private Viewer viewer() {
        Actor actor = currentActor.actingAs(Role.AUDITOR, Role.REFORM_OFFICE, Role.WINDOW_OFFICER);
        if (actor.role() != Role.WINDOW_OFFICER) {
            return Viewer.SUPERVISION;
        }
        if (actor.bodyId() == null) {
            throw new Forbidden("窗口工作人员须属于一个实施主体");
        }
        return Viewer.windowOf(actor.bodyId());
    }

    private static String body(Viewer viewer, String body) {
        BadParameter.requireMatching("body", body, UnifiedSocialCreditCode.FORM, UnifiedSocialCreditCode.FORM_MESSAGE);
        if (body != null && !viewer.sees(body)) {
            throw new Forbidden("窗口工作人员只能查看本单位(" + viewer.onlyBody() + ")的办件");
        }
        return body;
    }

    private static String jurisdiction(String code) {
        return BadParameter.requireMatching("jurisdiction", code, DivisionCode.FORM, DivisionCode.FORM_MESSAGE);
    }

    private static void order(String name, LocalDate from, LocalDate to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw BadParameter.of(name, "order", "开始日期(" + from + ")不得晚于结束日期(" + to + ")");
        }
    }
}
