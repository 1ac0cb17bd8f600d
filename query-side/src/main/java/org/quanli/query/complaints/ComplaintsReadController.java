package org.quanli.query.complaints;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Min;
import org.quanli.kernel.complaints.ComplaintCategory;
import org.quanli.kernel.complaints.ComplaintChannel;
import org.quanli.kernel.complaints.ComplaintQueries.*;
import org.quanli.kernel.complaints.ComplaintStatus;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.places.DivisionCode;
import org.quanli.kernel.places.UnifiedSocialCreditCode;
import org.quanli.platform.messaging.QueryAsker;
import org.quanli.platform.web.PageSize;
import org.quanli.platform.web.BadParameter;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reading complaints: the register, one complaint, its trail, the complaints about an item, and the portal's
 * published replies and complaint channels. The complainant is shown in full only to the reception that registered
 * the complaint and the handler of the body that must answer it, and every such answer is logged; auditors and the
 * supervision office read every complaint of their jurisdiction masked; public answers carry no complainant at all.
 */
@RestController
@Tag(name = "complaints (read)", description = "投诉查询:投诉台账、投诉详情、投诉轨迹、事项的投诉、公开回复、投诉渠道")
class ComplaintsReadController {

    private static final String SCOPE = " Auditors and the supervision office: every complaint whose body complained "
            + "about or responsible body lies in their body's jurisdiction or below (without a body: all), "
            + "complainant masked. Complaint reception: the complaints its body registered; complaint handler: those "
            + "its body must answer now; both with the complainant in full, each view logged. Others: 403.";

    private final QueryAsker queries;
    private final ComplaintReaders readers;
    private final ComplaintAccessLog accessLog;
    private final ChannelListing channels;

    ComplaintsReadController(QueryAsker queries, ComplaintReaders readers, ComplaintAccessLog accessLog,
                             ChannelListing channels) {
        this.queries = queries;
        this.readers = readers;
        this.accessLog = accessLog;
        this.channels = channels;
    }

    @Operation(summary = "投诉台账 (auditor, supervision office, complaint reception, complaint handler): newest first",
            description = "body: complained about or responsible; jurisdiction: that jurisdiction and below; "
                    + "overdue=true: awaiting a reply past the due date today (Beijing)." + SCOPE)
    @GetMapping("/api/complaints")
    ComplaintList complaints(
            @Parameter(description = "implementing body (unified social credit code)") @RequestParam(required = false)
            String body,
            @Parameter(description = "jurisdiction (administrative-division code), with those below it")
            @RequestParam(required = false) String jurisdiction,
            @RequestParam(required = false) UUID item,
            @RequestParam(name = "case", required = false) UUID caseId,
            @RequestParam(required = false) ComplaintChannel channel,
            @RequestParam(required = false) ComplaintCategory category,
            @RequestParam(required = false) ComplaintStatus status,
            @RequestParam(required = false) Boolean overdue,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate receivedFrom,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate receivedTo,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @PageSize int size) {
        Actor actor = readers.actor();
        if (receivedFrom != null && receivedTo != null && receivedFrom.isAfter(receivedTo)) {
            throw BadParameter.of("receivedFrom", "order", "开始日期(" + receivedFrom + ")不得晚于结束日期(" + receivedTo
                    + ")");
        }
        ComplaintList list = queries.ask(new ComplaintListQuery(readers.reader(actor), body("body", body),
                jurisdiction("jurisdiction", jurisdiction), item == null ? null : item.toString(),
                caseId == null ? null : caseId.toString(), channel, category, status, overdue, receivedFrom,
                receivedTo, page, size), ComplaintList.class);
        accessLog.record(actor, list.complaints(), "投诉台账");
        return list;
    }

    @Operation(summary = "投诉详情 (auditor, supervision office, complaint reception, complaint handler)",
            description = "The complaint with its text, complainant (null when anonymous), bodies, limit, "
                    + "conclusion, reply and rating." + SCOPE)
    @GetMapping("/api/complaints/{complaintId}")
    ComplaintView complaint(@PathVariable UUID complaintId) {
        Actor actor = readers.actor();
        ComplaintView view = queries.ask(new ComplaintQuery(readers.reader(actor), complaintId.toString()),
                ComplaintView.class);
        accessLog.record(actor, List.of(view), "投诉详情");
        return view;
    }

    @Operation(summary = "投诉轨迹 (auditor, supervision office, complaint reception, complaint handler)",
            description = """
            Every step in the order recorded: the date it is about (and for the receipt the date and time received)
            and the time it was recorded, the actor (user, name, role, body), the body it concerns, the reply limit
            (round, due date) it ran under, its facts without the complainant's identity, and the evidence: event id
            and global store position. The answer carries the definitions of its columns.""" + SCOPE)
    @GetMapping("/api/complaints/{complaintId}/trail")
    ComplaintTrail trail(@PathVariable UUID complaintId,
                         @RequestParam(defaultValue = "0") @Min(0) int page,
                         @RequestParam(defaultValue = "100") @PageSize int size) {
        return queries.ask(new ComplaintTrailQuery(readers.reader(readers.actor()), complaintId.toString(), page,
                size), ComplaintTrail.class);
    }

    @Operation(summary = "事项的投诉 (signed-in users, any role): the complaints about an item, newest first",
            description = "What the item's page shows to signed-in users: channel, category, dates, status, "
                    + "responsible body, whether concluded within the limit, the rating; no complainant and no "
                    + "complaint text. Not on the public pages.")
    @GetMapping("/api/items/{itemId}/complaints")
    ComplaintLinks itemComplaints(@PathVariable UUID itemId,
                                  @RequestParam(defaultValue = "0") @Min(0) int page,
                                  @RequestParam(defaultValue = "50") @PageSize int size) {
        return queries.ask(new ComplaintLinksQuery(itemId.toString(), null, page, size), ComplaintLinks.class);
    }

    @Operation(summary = "公开回复 (anonymous): published replies, newest reply first",
            description = "Replies the responsible body chose to publish, with the body, item, channel, category, "
                    + "dates and findings; never the complainant or the complaint's text. Personal numbers and the "
                    + "complainant's name, should they appear in a reply, are masked.")
    @GetMapping("/api/public/complaints/replies")
    PublicReplies publicReplies(
            @RequestParam(required = false) String body,
            @RequestParam(required = false) String jurisdiction,
            @RequestParam(required = false) UUID item,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @PageSize int size) {
        if (from != null && to != null && from.isAfter(to)) {
            throw BadParameter.of("from", "order", "开始日期(" + from + ")不得晚于结束日期(" + to + ")");
        }
        return queries.ask(new PublicRepliesQuery(body("body", body), jurisdiction("jurisdiction", jurisdiction),
                item == null ? null : item.toString(), from, to, page, size), PublicReplies.class);
    }

    @Operation(summary = "实施主体的投诉渠道 (anonymous): the complaint channels published with the body's list")
    @GetMapping("/api/public/bodies/{bodyId}/complaint-channels")
    BodyChannels bodyChannels(@PathVariable String bodyId) {
        return channels.ofBody(body("bodyId", bodyId));
    }

    @Operation(summary = "行政区划各实施主体的投诉渠道 (anonymous): the bodies of the jurisdiction itself, by name")
    @GetMapping("/api/public/jurisdictions/{code}/complaint-channels")
    List<BodyChannels> jurisdictionChannels(@PathVariable String code,
                                            @RequestParam(defaultValue = "0") @Min(0) int page,
                                            @RequestParam(defaultValue = "50") @PageSize int size) {
        return channels.ofJurisdiction(jurisdiction("code", code), page, size);
    }

    static String body(String parameter, String bodyId) {
        return BadParameter.requireMatching(parameter, bodyId, UnifiedSocialCreditCode.FORM,
                UnifiedSocialCreditCode.FORM_MESSAGE);
    }

    static String jurisdiction(String parameter, String code) {
        return BadParameter.requireMatching(parameter, code, DivisionCode.FORM, DivisionCode.FORM_MESSAGE);
    }
}
