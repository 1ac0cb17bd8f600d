package org.quanli.query.complaints;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.queryhandling.QueryHandler;
import org.quanli.kernel.calendar.ChinaTime;
import org.quanli.kernel.cases.CaseQueries.TrailActor;
import org.quanli.kernel.cases.CaseQueries.TrailEvidence;
import org.quanli.kernel.complaints.Complainant;
import org.quanli.kernel.complaints.ComplaintCategory;
import org.quanli.kernel.complaints.ComplaintChannel;
import org.quanli.kernel.complaints.ComplaintOutcome;
import org.quanli.kernel.complaints.ComplaintQueries.*;
import org.quanli.kernel.complaints.ComplaintRating;
import org.quanli.kernel.complaints.ComplaintStatus;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.rules.NotFound;
import org.quanli.platform.personal.PersonalDataCodec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers the complaint questions from the complaint projections, applying the reader's reach in SQL: a complaint the
 * reader may not see is answered as not found, like one that does not exist. The complainant is opened from its
 * sealed copy only for a reader who handles the complaint; everyone else reads the masked copy.
 */
@Component
class ComplaintsQueryHandler {

    private static final TypeReference<Map<String, Object>> FACTS = new TypeReference<>() {
    };

    /** The columns of a trail entry, stated in every answer. */
    static final Map<String, String> TRAIL_DEFINITIONS = definitions(
            "aboutDate", "该步骤所涉及的日期(事件载荷中的日期,如转办日、答复日)",
            "receivedAt", "投诉收到的日期和时间(北京时间),仅登记步骤有",
            "recordedAt", "账本记录该步骤的时间(事件时间戳);与 aboutDate 分开,补录一目了然",
            "round", "该步骤所属的答复时限:首次转办为1,每次重新办理或提级加1",
            "dueOn", "该时限的最后一个工作日(自转办、提级或重新办理次日起按工作日计类别时限;转交不改变)",
            "evidence", "事件编号及其在事件库中的全局位置");

    private static final String COLUMNS = """
            select c.*, b.name as body_name, rb.name as responsible_body_name, p.name as item_name,
                s.sealed as complainant_sealed
            from complaint_view c
            left join body_view b on b.body_id = c.body_id
            left join body_view rb on rb.body_id = c.responsible_body_id
            left join lateral (select p.name from published_item_version p where p.item_id = c.item_id
                order by p.opened_sequence desc limit 1) p on true
            left join complaint_complainant s on s.complaint_id = c.complaint_id and :identity
            """;

    /** Awaiting a reply past the due date today. */
    private static final String OVERDUE = "(c.status in ('TRANSFERRED', 'ACCEPTED', 'CONCLUDED', 'REOPENED') "
            + "and c.due_on < :today)";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final PersonalDataCodec personalData;
    private final Clock clock;

    ComplaintsQueryHandler(JdbcClient jdbc, JsonMapper json, PersonalDataCodec personalData, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.personalData = personalData;
        this.clock = clock;
    }

    // --- complaints ----------------------------------------------------------------------------------------------

    @QueryHandler
    ComplaintList handle(ComplaintListQuery query) {
        List<String> ctes = new ArrayList<>();
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        reach(query.reader(), ctes, where, params);
        if (query.bodyId() != null) {
            where.add("(c.body_id = :bodyId or c.responsible_body_id = :bodyId)");
            params.put("bodyId", query.bodyId());
        }
        if (query.jurisdictionCode() != null) {
            ctes.add(ComplaintStatisticsQueryHandler.under("filter_under", "jurisdiction"));
            where.add(under("filter_under"));
            params.put("jurisdiction", query.jurisdictionCode());
        }
        equal(where, params, "c.item_id", "itemId", query.itemId());
        equal(where, params, "c.case_id", "caseId", query.caseId());
        equal(where, params, "c.channel", "channel", query.channel() == null ? null : query.channel().name());
        equal(where, params, "c.category", "category", query.category() == null ? null : query.category().name());
        equal(where, params, "c.status", "status", query.status() == null ? null : query.status().name());
        if (query.overdue() != null) {
            where.add((query.overdue() ? "" : "not ") + OVERDUE);
        }
        if (query.receivedFrom() != null) {
            where.add("c.received_on >= :receivedFrom");
            params.put("receivedFrom", query.receivedFrom());
        }
        if (query.receivedTo() != null) {
            where.add("c.received_on <= :receivedTo");
            params.put("receivedTo", query.receivedTo());
        }
        where.add("true");
        params.put("today", ChinaTime.today(clock));
        params.put("identity", query.reader().identity());
        String with = ctes.isEmpty() ? "" : "with recursive " + String.join(",\n", ctes) + "\n";
        String condition = " where " + String.join(" and ", where);
        long total = jdbc.sql(with + "select count(*) from complaint_view c" + condition).params(params)
                .query(Long.class).single();
        params.put("limit", query.size());
        params.put("offset", (long) query.page() * query.size());
        List<ComplaintView> complaints = jdbc.sql(with + COLUMNS + condition
                        + " order by c.received_at desc, c.complaint_id limit :limit offset :offset")
                .params(params).query((rs, n) -> view(rs)).list();
        return new ComplaintList(complaints, query.page(), query.size(), total);
    }

    @QueryHandler
    ComplaintView handle(ComplaintQuery query) {
        return visible(query.reader(), query.complaintId());
    }

    private ComplaintView visible(Reader reader, String complaintId) {
        List<String> ctes = new ArrayList<>();
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        reach(reader, ctes, where, params);
        where.add("c.complaint_id = :complaintId");
        params.put("complaintId", complaintId);
        params.put("today", ChinaTime.today(clock));
        params.put("identity", reader.identity());
        String with = ctes.isEmpty() ? "" : "with recursive " + String.join(",\n", ctes) + "\n";
        return jdbc.sql(with + COLUMNS + " where " + String.join(" and ", where)).params(params)
                .query((rs, n) -> view(rs)).optional()
                .orElseThrow(() -> new NotFound("complaint", complaintId));
    }

    private ComplaintView view(ResultSet rs) throws SQLException {
        String sealed = rs.getString("complainant_sealed");
        boolean anonymous = rs.getBoolean("anonymous");
        Complainant complainant = anonymous ? null : sealed != null ? personalData.open(sealed, Complainant.class)
                : new Complainant(rs.getString("complainant_name"), rs.getString("complainant_phone"), null, null,
                        null);
        String channel = rs.getString("channel");
        String category = rs.getString("category");
        String status = rs.getString("status");
        String rating = rs.getString("rating");
        LocalDate dueOn = rs.getObject("due_on", LocalDate.class);
        ComplaintStatus complaintStatus = ComplaintStatus.valueOf(status);
        boolean overdue = dueOn != null && ComplaintStatus.AWAITING_REPLY.contains(complaintStatus)
                && dueOn.isBefore(ChinaTime.today(clock));
        return new ComplaintView(rs.getString("complaint_id"), channel, ComplaintChannel.valueOf(channel).label(),
                category, ComplaintCategory.valueOf(category).label(),
                rs.getObject("received_at", LocalDateTime.class), rs.getString("text"), anonymous, complainant,
                !anonymous && sealed == null, rs.getString("body_id"), rs.getString("body_name"),
                rs.getString("jurisdiction_code"), rs.getString("item_id"), rs.getString("item_name"),
                rs.getString("case_id"), rs.getString("registered_by_body_id"), rs.getString("responsible_body_id"),
                rs.getString("responsible_body_name"), rs.getInt("transfers_on"), status, complaintStatus.label(),
                rs.getInt("round"), rs.getObject("limit_days", Integer.class), dueOn,
                rs.getObject("accepted_on", LocalDate.class), rs.getObject("concluded_on", LocalDate.class),
                rs.getObject("concluded_within_limit", Boolean.class), rs.getString("outcome"),
                rs.getObject("replied_on", LocalDate.class), rs.getObject("replied_within_limit", Boolean.class),
                rs.getString("public_reply"), rating, rating == null ? null : ComplaintRating.valueOf(rating).label(),
                rs.getObject("rated_on", LocalDate.class), rs.getObject("reopened_on", LocalDate.class),
                rs.getObject("escalated_on", LocalDate.class), rs.getString("flag_level"), overdue,
                rs.getTimestamp("last_recorded_at").toInstant());
    }

    // --- trail ---------------------------------------------------------------------------------------------------

    @QueryHandler
    ComplaintTrail handle(ComplaintTrailQuery query) {
        visible(query.reader(), query.complaintId());
        long total = jdbc.sql("select count(*) from complaint_trail where complaint_id = ?").param(query.complaintId())
                .query(Long.class).single();
        List<ComplaintTrailEntry> entries = jdbc.sql("""
                select * from complaint_trail where complaint_id = ? order by sequence_number limit ? offset ?""")
                .params(query.complaintId(), query.size(), (long) query.page() * query.size())
                .query((rs, n) -> {
                    String role = rs.getString("actor_role");
                    return new ComplaintTrailEntry(rs.getLong("sequence_number"), rs.getString("event_type"),
                            rs.getString("label"), rs.getObject("about_date", LocalDate.class),
                            rs.getObject("about_time", LocalDateTime.class),
                            rs.getTimestamp("recorded_at").toInstant(),
                            new TrailActor(rs.getString("actor_user_id"), rs.getString("actor_name"), role,
                                    role == null ? null : Role.valueOf(role).label(), rs.getString("actor_body")),
                            rs.getString("body_id"), rs.getObject("round", Integer.class),
                            rs.getObject("due_on", LocalDate.class), json.readValue(rs.getString("facts"), FACTS),
                            new TrailEvidence(rs.getString("event_id"), rs.getLong("position")));
                })
                .list();
        return new ComplaintTrail(query.complaintId(), entries, query.page(), query.size(), total,
                TRAIL_DEFINITIONS);
    }

    // --- links ---------------------------------------------------------------------------------------------------

    @QueryHandler
    ComplaintLinks handle(ComplaintLinksQuery query) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        equal(where, params, "c.item_id", "itemId", query.itemId());
        equal(where, params, "c.case_id", "caseId", query.caseId());
        where.add("true");
        String condition = " where " + String.join(" and ", where);
        long total = jdbc.sql("select count(*) from complaint_view c" + condition).params(params)
                .query(Long.class).single();
        params.put("limit", query.size());
        params.put("offset", (long) query.page() * query.size());
        LocalDate today = ChinaTime.today(clock);
        List<ComplaintLink> links = jdbc.sql("select c.* from complaint_view c" + condition
                        + " order by c.received_at desc, c.complaint_id limit :limit offset :offset")
                .params(params)
                .query((rs, n) -> {
                    String channel = rs.getString("channel");
                    String category = rs.getString("category");
                    ComplaintStatus status = ComplaintStatus.valueOf(rs.getString("status"));
                    LocalDate dueOn = rs.getObject("due_on", LocalDate.class);
                    return new ComplaintLink(rs.getString("complaint_id"), channel,
                            ComplaintChannel.valueOf(channel).label(), category,
                            ComplaintCategory.valueOf(category).label(), rs.getObject("received_on", LocalDate.class),
                            rs.getString("body_id"), rs.getString("item_id"), rs.getString("case_id"),
                            rs.getString("responsible_body_id"), status.name(), status.label(), dueOn,
                            rs.getObject("concluded_on", LocalDate.class),
                            rs.getObject("concluded_within_limit", Boolean.class),
                            rs.getObject("replied_on", LocalDate.class), rs.getString("rating"),
                            dueOn != null && ComplaintStatus.AWAITING_REPLY.contains(status)
                                    && dueOn.isBefore(today));
                })
                .list();
        return new ComplaintLinks(links, query.page(), query.size(), total);
    }

    // --- published replies --------------------------------------------------------------------------------------

    @QueryHandler
    PublicReplies handle(PublicRepliesQuery query) {
        List<String> ctes = new ArrayList<>();
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        where.add("c.public_reply is not null");
        if (query.bodyId() != null) {
            where.add("(c.body_id = :bodyId or c.responsible_body_id = :bodyId)");
            params.put("bodyId", query.bodyId());
        }
        if (query.jurisdictionCode() != null) {
            ctes.add(ComplaintStatisticsQueryHandler.under("filter_under", "jurisdiction"));
            where.add(under("filter_under"));
            params.put("jurisdiction", query.jurisdictionCode());
        }
        equal(where, params, "c.item_id", "itemId", query.itemId());
        if (query.from() != null) {
            where.add("c.replied_on >= :from");
            params.put("from", query.from());
        }
        if (query.to() != null) {
            where.add("c.replied_on <= :to");
            params.put("to", query.to());
        }
        String with = ctes.isEmpty() ? "" : "with recursive " + String.join(",\n", ctes) + "\n";
        String condition = " where " + String.join(" and ", where);
        long total = jdbc.sql(with + "select count(*) from complaint_view c" + condition).params(params)
                .query(Long.class).single();
        params.put("limit", query.size());
        params.put("offset", (long) query.page() * query.size());
        List<PublicReply> replies = jdbc.sql(with + """
                        select c.complaint_id, c.body_id, b.name as body_name, c.item_id, p.name as item_name,
                            c.channel, c.category, c.received_on, c.replied_on, c.outcome, c.public_reply
                        from complaint_view c
                        left join body_view b on b.body_id = c.body_id
                        left join lateral (select p.name from published_item_version p where p.item_id = c.item_id
                            order by p.opened_sequence desc limit 1) p on true""" + condition
                        + " order by c.replied_on desc, c.complaint_id limit :limit offset :offset")
                .params(params)
                .query((rs, n) -> {
                    String channel = rs.getString("channel");
                    String category = rs.getString("category");
                    String outcome = rs.getString("outcome");
                    return new PublicReply(rs.getString("complaint_id"), rs.getString("body_id"),
                            rs.getString("body_name"), rs.getString("item_id"), rs.getString("item_name"), channel,
                            ComplaintChannel.valueOf(channel).label(), category,
                            ComplaintCategory.valueOf(category).label(), rs.getObject("received_on", LocalDate.class),
                            rs.getObject("replied_on", LocalDate.class), outcome,
                            outcome == null ? null : ComplaintOutcome.valueOf(outcome).label(),
                            rs.getString("public_reply"));
                })
                .list();
        return new PublicReplies(replies, query.page(), query.size(), total);
    }

    // --- shared --------------------------------------------------------------------------------------------------

    /** The reader's reach as conditions on the complaint row {@code c}. */
    private static void reach(Reader reader, List<String> ctes, List<String> where, Map<String, Object> params) {
        switch (reader.reach()) {
            case ALL -> {
            }
            case JURISDICTION -> {
                ctes.add(ComplaintStatisticsQueryHandler.under("reach_under", "readerJurisdiction"));
                where.add(under("reach_under"));
                params.put("readerJurisdiction", reader.jurisdictionCode());
            }
            case REGISTERED_BY -> {
                where.add("c.registered_by_body_id = :readerBody");
                params.put("readerBody", reader.bodyId());
            }
            case RESPONSIBLE -> {
                where.add("c.responsible_body_id = :readerBody");
                params.put("readerBody", reader.bodyId());
            }
        }
    }

    /** The body complained about or the body that must answer lies in the jurisdiction {@code under} or below. */
    private static String under(String under) {
        return "exists (select 1 from body_view u_b where u_b.body_id in (c.body_id, c.responsible_body_id) "
                + "and u_b.jurisdiction_code in (select code from " + under + "))";
    }

    private static void equal(List<String> where, Map<String, Object> params, String column, String name,
                              String value) {
        if (value != null) {
            where.add(column + " = :" + name);
            params.put(name, value);
        }
    }

    private static Map<String, String> definitions(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
