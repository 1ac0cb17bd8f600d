package org.quanli.query.timeliness;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.quanli.kernel.cases.CaseStatisticsQueries.CaseStatistics;
import org.quanli.kernel.cases.CaseStatisticsQueries.CaseStatisticsQuery;
import org.quanli.kernel.cases.CaseStatisticsQueries.Definitions;
import org.quanli.kernel.cases.CaseStatisticsQueries.Dimension;
import org.quanli.kernel.cases.CaseStatisticsQueries.DimensionKind;
import org.quanli.kernel.cases.CaseStatisticsQueries.Granularity;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.places.DivisionCode;
import org.quanli.kernel.places.UnifiedSocialCreditCode;
import org.quanli.kernel.rules.Forbidden;
import org.quanli.platform.messaging.QueryAsker;
import org.quanli.platform.security.CurrentActor;
import org.quanli.platform.web.BadParameter;
import org.quanli.platform.web.StatisticsParameters;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The case statistics service centres publish (办件统计), with the ledger's pinned definitions next to every figure.
 * Statistics carry no personal data, so the portal has them too; signed in, auditors and reform offices read every
 * body's figures and a window officer only the officer's own body's.
 */
@RestController
@Tag(name = "case statistics", description = "办件统计:受理、办结、当日/当月/按时/提前办结率、超期、平均办结时间、"
        + "承诺提速、办理提速、满意率、承诺即办件比例;每个数字附定义")
class CaseStatisticsController {

    private static final String PARAMETERS = """
            Period [from, to] inclusive, split into granularity buckets (day, month or year; the first and last cut at
            the period's ends; at most 366 buckets), plus a total over the whole period. At most one dimension:
            bodyId (unified social credit code), jurisdictionCode (that jurisdiction and every one below it), itemId
            or window (the receiving window's name); none: every case. Each figure carries its code, Chinese label,
            kind and formula; rates and means carry numerator and denominator, null when the denominator is 0. An
            unknown body, jurisdiction or item, or a window no case was received at, answers 404.""";

    private final QueryAsker queries;
    private final CurrentActor currentActor;

    CaseStatisticsController(QueryAsker queries, CurrentActor currentActor) {
        this.queries = queries;
        this.currentActor = currentActor;
    }

    @Operation(summary = "办件统计 (auditor, reform office; window officer: own body only)",
            description = PARAMETERS + " A window officer's figures are those of the officer's own body, labelled "
                    + "as such: another body as bodyId, a jurisdiction, or another body's item answers 403.")
    @GetMapping("/api/statistics/cases")
    CaseStatistics cases(
            @Parameter(description = "first day (yyyy-MM-dd)") @RequestParam
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @Parameter(description = "last day (yyyy-MM-dd), inclusive") @RequestParam
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @Parameter(description = "day, month or year (default month)") @RequestParam(defaultValue = "month")
            String granularity,
            @Parameter(description = "implementing body (unified social credit code)")
            @RequestParam(required = false) String bodyId,
            @Parameter(description = "jurisdiction (administrative-division code), with those below it")
            @RequestParam(required = false) String jurisdictionCode,
            @Parameter(description = "item id") @RequestParam(required = false) UUID itemId,
            @Parameter(description = "receiving window's name, e.g. 3号综合窗口") @RequestParam(required = false)
            String window) {
        Actor actor = currentActor.actingAs(Role.AUDITOR, Role.REFORM_OFFICE, Role.WINDOW_OFFICER);
        String onlyBody = null;
        if (actor.role() == Role.WINDOW_OFFICER) {
            if (actor.bodyId() == null) {
                throw new Forbidden("窗口工作人员须属于一个实施主体");
            }
            if (bodyId != null && !bodyId.equals(actor.bodyId())) {
                throw new Forbidden("窗口工作人员只能查看本单位(" + actor.bodyId() + ")的统计");
            }
            if (jurisdictionCode != null) {
                // The answer would be the own body's figures under the jurisdiction's name.
                throw new Forbidden("窗口工作人员只能查看本单位(" + actor.bodyId() + ")的统计,不能按行政区划统计");
            }
            onlyBody = actor.bodyId();
            if (itemId == null && window == null) {
                // Labelled as what it is: the own body's figures, not every case's.
                bodyId = onlyBody;
            }
        }
        return queries.ask(query(onlyBody, from, to, granularity, bodyId, jurisdictionCode, itemId, window),
                CaseStatistics.class);
    }

    @Operation(summary = "公开的办件统计 (anonymous)", description = PARAMETERS)
    @GetMapping("/api/public/statistics/cases")
    CaseStatistics publicCases(
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "month") String granularity,
            @RequestParam(required = false) String bodyId,
            @RequestParam(required = false) String jurisdictionCode,
            @RequestParam(required = false) UUID itemId,
            @RequestParam(required = false) String window) {
        return queries.ask(query(null, from, to, granularity, bodyId, jurisdictionCode, itemId, window),
                CaseStatistics.class);
    }

    @Operation(summary = "办件统计口径 (signed-in users; also on the portal): every figure's definition, versioned")
    @GetMapping({"/api/statistics/definitions", "/api/public/statistics/definitions"})
    Definitions definitions() {
        return Definitions.current();
    }

    private static CaseStatisticsQuery query(String onlyBody, LocalDate from, LocalDate to, String granularityName,
                                             String bodyId, String jurisdictionCode, UUID itemId, String window) {
        Granularity granularity = StatisticsParameters.granularity(from, to, granularityName);
        BadParameter.requireMatching("bodyId", bodyId, UnifiedSocialCreditCode.FORM,
                UnifiedSocialCreditCode.FORM_MESSAGE);
        BadParameter.requireMatching("jurisdictionCode", jurisdictionCode, DivisionCode.FORM,
                DivisionCode.FORM_MESSAGE);
        if (window != null && (window.isBlank() || window.length() > 100)) {
            throw BadParameter.of("window", "Size", "窗口名称应为1至100个字符");
        }
        List<Dimension> dimensions = new ArrayList<>();
        add(dimensions, DimensionKind.BODY, bodyId);
        add(dimensions, DimensionKind.JURISDICTION, jurisdictionCode);
        add(dimensions, DimensionKind.ITEM, itemId == null ? null : itemId.toString());
        add(dimensions, DimensionKind.WINDOW, window);
        return new CaseStatisticsQuery(onlyBody, from, to, granularity,
                StatisticsParameters.atMostOne(dimensions, d -> d.kind().parameter()));
    }

    private static void add(List<Dimension> dimensions, DimensionKind kind, String value) {
        if (value != null) {
            dimensions.add(new Dimension(kind, value));
        }
    }
}
