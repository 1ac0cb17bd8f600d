package org.quanli.query.complaints;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.quanli.kernel.cases.CaseStatisticsQueries.Granularity;
import org.quanli.kernel.complaints.ComplaintChannel;
import org.quanli.kernel.complaints.ComplaintQueries.ComplaintStatistics;
import org.quanli.kernel.complaints.ComplaintQueries.ComplaintStatisticsQuery;
import org.quanli.kernel.complaints.ComplaintQueries.ComplaintDefinitions;
import org.quanli.kernel.complaints.ComplaintQueries.Dimension;
import org.quanli.kernel.complaints.ComplaintQueries.DimensionKind;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Role;
import org.quanli.platform.messaging.QueryAsker;
import org.quanli.platform.security.CurrentActor;
import org.quanli.platform.web.StatisticsParameters;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The complaint statistics (投诉统计), with the ledger's pinned definitions next to every figure. They carry no
 * personal data, so the portal has them too; signed in, auditors, the supervision office and reform offices read the
 * figures of their body's jurisdiction and below (without a body: all).
 */
@RestController
@Tag(name = "complaint statistics", description = "投诉统计:受理、按渠道和类别、办结、按时办结率、反馈率、满意率、"
        + "重新办理、提级、转交、超期未答复、涉及承接事项;每个数字附定义")
class ComplaintStatisticsController {

    private static final String PARAMETERS = """
            Period [from, to] inclusive, split into granularity buckets (day, month or year; at most 366 buckets),
            plus a total over the whole period. At most one dimension: bodyId (the body a complaint counts toward: the
            holder of the complained-about item on the day received, a receiver of a devolved or granted power
            included), jurisdictionCode (that jurisdiction and every one below it), itemId or channel. Each figure
            carries its code, Chinese label, kind and formula; rates carry numerator and denominator, null when the
            denominator is 0; received complaints are also broken down by channel and by category. An unknown body,
            jurisdiction or item answers 404.""";

    private final QueryAsker queries;
    private final CurrentActor currentActor;
    private final ComplaintReaders readers;

    ComplaintStatisticsController(QueryAsker queries, CurrentActor currentActor, ComplaintReaders readers) {
        this.queries = queries;
        this.currentActor = currentActor;
        this.readers = readers;
    }

    @Operation(summary = "投诉统计 (auditor, supervision office, reform office: own jurisdiction and below)",
            description = PARAMETERS)
    @GetMapping("/api/statistics/complaints")
    ComplaintStatistics complaints(
            @Parameter(description = "first day (yyyy-MM-dd)") @RequestParam
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @Parameter(description = "last day (yyyy-MM-dd), inclusive") @RequestParam
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @Parameter(description = "day, month or year (default month)") @RequestParam(defaultValue = "month")
            String granularity,
            @RequestParam(required = false) String bodyId,
            @RequestParam(required = false) String jurisdictionCode,
            @RequestParam(required = false) UUID itemId,
            @RequestParam(required = false) ComplaintChannel channel) {
        Actor actor = currentActor.actingAs(Role.AUDITOR, Role.SUPERVISION_OFFICE, Role.REFORM_OFFICE);
        return queries.ask(query(readers.statisticsJurisdiction(actor), from, to, granularity, bodyId,
                jurisdictionCode, itemId, channel), ComplaintStatistics.class);
    }

    @Operation(summary = "公开的投诉统计 (anonymous)", description = PARAMETERS)
    @GetMapping("/api/public/statistics/complaints")
    ComplaintStatistics publicComplaints(
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "month") String granularity,
            @RequestParam(required = false) String bodyId,
            @RequestParam(required = false) String jurisdictionCode,
            @RequestParam(required = false) UUID itemId,
            @RequestParam(required = false) ComplaintChannel channel) {
        return queries.ask(query(null, from, to, granularity, bodyId, jurisdictionCode, itemId, channel),
                ComplaintStatistics.class);
    }

    @Operation(summary = "投诉统计口径 (signed-in users; also on the portal): every figure's definition, versioned")
    @GetMapping({"/api/statistics/complaints/definitions", "/api/public/statistics/complaints/definitions"})
    ComplaintDefinitions definitions() {
        return ComplaintDefinitions.current();
    }

    private static ComplaintStatisticsQuery query(String onlyJurisdiction, LocalDate from, LocalDate to,
                                                  String granularityName, String bodyId, String jurisdictionCode,
                                                  UUID itemId, ComplaintChannel channel) {
        Granularity granularity = StatisticsParameters.granularity(from, to, granularityName);
        List<Dimension> dimensions = new ArrayList<>();
        add(dimensions, DimensionKind.BODY, ComplaintsReadController.body("bodyId", bodyId));
        add(dimensions, DimensionKind.JURISDICTION,
                ComplaintsReadController.jurisdiction("jurisdictionCode", jurisdictionCode));
        add(dimensions, DimensionKind.ITEM, itemId == null ? null : itemId.toString());
        add(dimensions, DimensionKind.CHANNEL, channel == null ? null : channel.name());
        return new ComplaintStatisticsQuery(onlyJurisdiction, from, to, granularity,
                StatisticsParameters.atMostOne(dimensions, d -> d.kind().parameter()));
    }

    private static void add(List<Dimension> dimensions, DimensionKind kind, String value) {
        if (value != null) {
            dimensions.add(new Dimension(kind, value));
        }
    }
}
