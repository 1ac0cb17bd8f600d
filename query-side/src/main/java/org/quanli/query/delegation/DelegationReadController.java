package org.quanli.query.delegation;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.quanli.kernel.calendar.ChinaTime;
import org.quanli.kernel.delegation.DelegationQueries.DelegationStatistics;
import org.quanli.kernel.delegation.DelegationQueries.DelegationStatisticsQuery;
import org.quanli.kernel.delegation.DelegationQueries.FindingKind;
import org.quanli.kernel.delegation.DelegationQueries.Findings;
import org.quanli.kernel.delegation.DelegationQueries.FindingsQuery;
import org.quanli.kernel.delegation.DelegationQueries.Holding;
import org.quanli.kernel.delegation.DelegationQueries.HoldingQuery;
import org.quanli.kernel.delegation.DelegationQueries.Lineage;
import org.quanli.kernel.delegation.DelegationQueries.LineageQuery;
import org.quanli.kernel.delegation.DelegationQueries.ReceivedItems;
import org.quanli.kernel.delegation.DelegationQueries.ReceivedItemsQuery;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.places.DivisionCode;
import org.quanli.kernel.places.UnifiedSocialCreditCode;
import org.quanli.platform.messaging.QueryAsker;
import org.quanli.platform.security.CurrentActor;
import org.quanli.platform.web.PageSize;
import org.quanli.platform.web.ProblemDetailsAdvice.FieldProblem;
import org.quanli.platform.web.ProblemResponses;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "delegation (read)", description = "下放、赋权、委托查询:谁可以受理、承接事项、权力来源与去向、下放统计、审计发现")
class DelegationReadController {

    private final QueryAsker queries;
    private final CurrentActor currentActor;
    private final Clock clock;

    DelegationReadController(QueryAsker queries, CurrentActor currentActor, Clock clock) {
        this.queries = queries;
        this.currentActor = currentActor;
        this.clock = clock;
    }

    @Operation(summary = "某单位在某日能否受理某事项的办件,以何种身份 (signed-in users)", description = """
            Same rule as the command side's acceptance check, from the query side's own tables: the body holding the
            item in force on the date accepts as OWN (本级法定), DEVOLVED (上级下放), GRANTED (赋权) or ENTRUSTED
            (受委托) according to the item's power source; otherwise a devolving body accepts ON_BEHALF of a receiver
            during the devolution's transition, until its arranged end, the day before the handover, or the day
            before a recall, whichever is first. The answer names the decision behind the capacity.""")
    @GetMapping("/api/holdings")
    Holding holding(
            @RequestParam @Pattern(regexp = UnifiedSocialCreditCode.FORM,
                    message = UnifiedSocialCreditCode.FORM_MESSAGE) String bodyId,
            @RequestParam UUID itemId,
            @Parameter(description = "effective date (yyyy-MM-dd), default today (Beijing)")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        return queries.ask(new HoldingQuery(bodyId, itemId.toString(), date), Holding.class);
    }

    @Operation(summary = "承接单位的承接事项 (anonymous), with the number of upper departments and its open capacity gaps",
            description = """
            items: received (devolved, granted or entrusted) items the body holds in force on asOf, paged.
            departmentCount: how many distinct upper bodies those items came from (多口归一).
            openGaps: capacity gaps of the body not closed on or before asOf (at most 200, openGapCount counts all);
            overdue when the deadline is before asOf. Each answer also carries these definitions.""")
    @GetMapping("/api/public/bodies/{bodyId}/received-items")
    ReceivedItems receivedItems(
            @PathVariable @Pattern(regexp = UnifiedSocialCreditCode.FORM,
                    message = UnifiedSocialCreditCode.FORM_MESSAGE) String bodyId,
            @Parameter(description = "effective date (yyyy-MM-dd), default today (Beijing)")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @PageSize int size) {
        return queries.ask(new ReceivedItemsQuery(bodyId, asOf, page, size), ReceivedItems.class);
    }

    @Operation(summary = "权力的来源与去向 (anonymous): the tree from the item held in its own right down to every receiver",
            description = """
            Each node is an item with its holders over time (mergers pass it to successors) and the delegations it
            was sent down by; each delegation lists its receivers with confirmation, transition, handover and their
            own item, which may be sent further down (city → county → township). Bodies are named as on the date of
            the node: holders as on the first day they held it, receivers as on the delegation's effective date.""")
    @GetMapping("/api/public/items/{itemId}/lineage")
    Lineage lineage(@PathVariable UUID itemId) {
        return queries.ask(new LineageQuery(itemId.toString()), Lineage.class);
    }

    @Operation(summary = "下放统计 (anonymous): one government's decisions effective in [from, to]", description = """
            decisions: delegation decisions of the government of {code} effective in [from, to].
            itemsDevolved / itemsGranted / itemsEntrusted: distinct source items those decisions devolved / granted /
            entrusted; itemsRefused: distinct source items named by those decisions that refused them (no longer in
            force, or devolved with an effective date before their last decision), counted in none of the three.
            receivers: distinct receiving bodies. receipts: (decision, receiver) pairs; receiptsConfirmed:
            those confirmed on or before the reference date. gapsReported: capacity gaps reported on those decisions;
            gapsClosed: closed on or before the reference date; gapsOpenPastDeadline: deadline before the reference
            date and not closed by it. recalls: those decisions recalled on or before the reference date. The
            reference date is the earlier of `to` and today (Beijing). Defaults: from = 1 January of this year,
            to = today.""")
    @GetMapping("/api/public/jurisdictions/{code}/delegation-statistics")
    DelegationStatistics statistics(
            @PathVariable @Pattern(regexp = DivisionCode.FORM, message = DivisionCode.FORM_MESSAGE) String code,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        LocalDate end = to != null ? to : ChinaTime.today(clock);
        LocalDate start = from != null ? from : end.withDayOfYear(1);
        if (start.isAfter(end)) {
            ProblemDetail problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST, "invalid-parameter",
                    "开始日期 from(" + start + ")不得晚于结束日期 to(" + end + ")");
            problem.setProperty("errors", List.of(new FieldProblem("from", "order", "不得晚于 to")));
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
        }
        return queries.ask(new DelegationStatisticsQuery(code, start, end), DelegationStatistics.class);
    }

    @Operation(summary = "审计发现 (auditor, reform office, administrator), as of a reference date", description = """
            Findings are derived, when asked, from facts the projections keep from the events, as they stood on asOf
            (default today, Beijing); each names its kind, bodies, items, period and the events that show it (id and
            global position in the event store). Kinds: POWER_VACUUM (权力悬空: a devolution in effect that neither a
            confirmation by the receiver nor a transition covers, from the effective date or the transition's end
            until a confirmation or recall); NO_GUIDANCE (no guidance by a devolving body within
            quanli.findings.guidance-days, default 30, of the effective date); GAP_OVERDUE (a capacity gap still open
            past its deadline); CONCENTRATION (多口归一: one body holding received items from
            quanli.findings.concentration-departments, default 3, or more distinct upper departments);
            VILLAGE_FORBIDDEN_CATEGORY (a village-level body's list holding a licence, penalty, coercion or levy
            item); DORMANT_DELEGATION (a received item with no accepted case within quanli.findings.dormant-days,
            default 180, of its effective date); RELEASED_ON_PAPER (明放暗不放: the devolving body still accepting, or
            trying to accept, cases of a devolved item under its own item after the effective date, outside a
            transition in which it acts for the receiver). jurisdiction matches findings involving a body of that
            jurisdiction or one below it.""")
    @GetMapping("/api/findings")
    Findings findings(@RequestParam(required = false) FindingKind kind,
            @RequestParam(required = false) @Pattern(regexp = DivisionCode.FORM,
                    message = DivisionCode.FORM_MESSAGE) String jurisdiction,
            @RequestParam(required = false) @Pattern(regexp = UnifiedSocialCreditCode.FORM,
                    message = UnifiedSocialCreditCode.FORM_MESSAGE) String bodyId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @PageSize int size) {
        currentActor.actingAs(Role.AUDITOR, Role.REFORM_OFFICE, Role.ADMINISTRATOR);
        return queries.ask(new FindingsQuery(kind, jurisdiction, bodyId, asOf, page, size), Findings.class);
    }
}
