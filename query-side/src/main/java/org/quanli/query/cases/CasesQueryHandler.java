package org.quanli.query.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.queryhandling.QueryHandler;
import org.quanli.kernel.calendar.ChinaTime;
import org.quanli.kernel.cases.Applicant;
import org.quanli.kernel.cases.CaseQueries.*;
import org.quanli.kernel.cases.CaseStatus;
import org.quanli.kernel.cases.CaseTime;
import org.quanli.kernel.cases.CaseType;
import org.quanli.kernel.cases.IdentityDocument;
import org.quanli.kernel.cases.Satisfaction;
import org.quanli.kernel.cases.SupervisionLevel;
import org.quanli.kernel.cases.SupervisionTrigger;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.personal.PersonalDataQueries.CasesOfApplicantQuery;
import org.quanli.kernel.rules.NotFound;
import org.quanli.platform.personal.PersonalDataCodec;
import org.quanli.kernel.complaints.ComplaintQueries.ComplaintLinks;
import org.quanli.kernel.complaints.ComplaintQueries.ComplaintLinksQuery;
import org.quanli.platform.messaging.QueryAsker;
import org.quanli.platform.web.PageSize;
import org.quanli.query.places.JurisdictionTree;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers the case questions from the case projections, applying the viewer's scope in SQL: a case the viewer may
 * not see is answered as not found, like one that does not exist, so that its existence is not given away.
 */
@Component
class CasesQueryHandler {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> FACTS = new TypeReference<>() {
    };

    /** The time figures of a trail entry, stated in every answer. */
    static final Map<String, String> TRAIL_DEFINITIONS = definitions(
            "aboutDate", "该步骤所涉及的日期(事件载荷中的日期,如受理日、决定日)",
            "recordedAt", "账本记录该步骤的时间(事件时间戳);与 aboutDate 分开,补录一目了然",
            "time.asOf", "时限计算所依据的日期",
            "time.promisedDays", "办件所依据事项版本的承诺时限(工作日)",
            "time.extensionDays", "已批准且计入的延期工作日(办理时限届满后批准的延期不计入)",
            "time.suspendedDays", "截至 asOf 特别程序(听证、检验检测、专家评审等)占用、不计入时限的工作日",
            "time.workingDays", "受理次日起至 asOf 已用工作日,不含中止的工作日",
            "time.deadline", "办理期限:自受理日起按工作日历数 承诺时限 + 延期 + 中止工作日 的最后一个工作日",
            "time.remainingDays", "承诺时限 + 延期 − 已用工作日;为负数表示已超期的工作日数",
            "time.overdue", "asOf 晚于办理期限",
            "evidence", "事件编号及其在事件库中的全局位置");

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final PersonalDataCodec personalData;
    private final QueryAsker queries;
    private final Clock clock;

    CasesQueryHandler(JdbcClient jdbc, JsonMapper json, PersonalDataCodec personalData, QueryAsker queries,
                      Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.personalData = personalData;
        this.queries = queries;
        this.clock = clock;
    }

    // --- cases ---------------------------------------------------------------------------------------------------

    private static final String CASE_COLUMNS = """
            select c.*, b.name as body_name, coalesce(b.jurisdiction_code, c.jurisdiction_code) as body_jurisdiction,
                p.name as item_name, a.sealed as applicant_sealed
            from case_view c
            left join body_view b on b.body_id = c.body_id
            left join item_version p on p.item_id = c.item_id and p.version = c.item_version
            left join case_applicant a on a.case_id = c.case_id and c.body_id = :identityBody
            """;

    /** Still in hand with the clock running, and past the deadline today. */
    private static final String OPEN_PAST_DEADLINE = "(c.status in ('ACCEPTED', 'DECIDED') and c.deadline < :today)";

    @QueryHandler
    CaseList handle(CaseListQuery query) {
        Map<String, Object> params = new HashMap<>();
        List<String> where = new ArrayList<>();
        String with = scope(query.viewer(), query.bodyId(), query.jurisdictionCode(), "c", where, params);
        if (query.itemId() != null) {
            where.add("c.item_id = :itemId");
            params.put("itemId", query.itemId());
        }
        if (query.status() != null) {
            where.add("c.status = :status");
            params.put("status", query.status().name());
        }
        if (query.overdue() != null) {
            where.add((query.overdue() ? "" : "not ") + "(c.overdue or " + OPEN_PAST_DEADLINE + ")");
        }
        if (query.supervisionLevel() != null) {
            where.add("c.supervision_level = :level");
            params.put("level", query.supervisionLevel().name());
        }
        range("c.received_on", query.receivedFrom(), query.receivedTo(), "received", where, params);
        range("c.accepted_on", query.acceptedFrom(), query.acceptedTo(), "accepted", where, params);
        params.put("today", ChinaTime.today(clock));
        params.put("identityBody", query.viewer().identityBody());
        String condition = where.isEmpty() ? "" : " where " + String.join(" and ", where);
        long total = jdbc.sql(with + "select count(*) from case_view c" + condition).params(params)
                .query(Long.class).single();
        params.put("limit", query.size());
        params.put("offset", (long) query.page() * query.size());
        List<CaseView> cases = jdbc.sql(with + CASE_COLUMNS + condition
                        + " order by c.received_on desc, c.case_id limit :limit offset :offset")
                .params(params).query((rs, n) -> caseView(rs)).list();
        return new CaseList(cases, query.page(), query.size(), total);
    }

    /** Through the blind index: the number itself is neither sent nor stored. */
    @QueryHandler
    CaseList handle(CasesOfApplicantQuery query) {
        Map<String, Object> params = new HashMap<>();
        List<String> where = new ArrayList<>();
        scope(query.viewer(), null, null, "c", where, params);
        where.add("c.case_id in (select case_id from case_applicant where blind_index = :blindIndex)");
        params.put("blindIndex", query.blindIndex());
        params.put("today", ChinaTime.today(clock));
        params.put("identityBody", query.viewer().identityBody());
        String condition = " where " + String.join(" and ", where);
        long total = jdbc.sql("select count(*) from case_view c" + condition).params(params)
                .query(Long.class).single();
        params.put("limit", query.size());
        params.put("offset", (long) query.page() * query.size());
        List<CaseView> cases = jdbc.sql(CASE_COLUMNS + condition
                        + " order by c.received_on desc, c.case_id limit :limit offset :offset")
                .params(params).query((rs, n) -> caseView(rs)).list();
        return new CaseList(cases, query.page(), query.size(), total);
    }

    @QueryHandler
    CaseDetail handle(CaseQuery query) {
        CaseView view = visibleCase(query.viewer(), query.caseId());
        List<Flag> flags = jdbc.sql(FLAG_COLUMNS + " where f.case_id = :caseId order by f.position")
                .param("caseId", query.caseId()).query((rs, n) -> flag(rs)).list();
        return new CaseDetail(view, flags);
    }

    private CaseView visibleCase(Viewer viewer, String caseId) {
        return jdbc.sql(CASE_COLUMNS + " where c.case_id = :caseId")
                .param("caseId", caseId).param("identityBody", viewer.identityBody()).param("today", ChinaTime.today(clock))
                .query((rs, n) -> caseView(rs)).optional()
                .filter(view -> viewer.sees(view.bodyId()))
                .orElseThrow(() -> new NotFound("case", caseId));
    }

    private CaseView caseView(ResultSet rs) throws SQLException {
        String status = rs.getString("status");
        CaseStatus caseStatus = CaseStatus.valueOf(status);
        LocalDate deadline = rs.getObject("deadline", LocalDate.class);
        boolean overdue = rs.getBoolean("overdue") || (deadline != null
                && (caseStatus == CaseStatus.ACCEPTED || caseStatus == CaseStatus.DECIDED)
                && deadline.isBefore(ChinaTime.today(clock)));
        String sealed = rs.getString("applicant_sealed");
        Applicant applicant = sealed != null
                ? personalData.open(sealed, Applicant.class)
                : new Applicant(rs.getString("applicant_name"),
                        IdentityDocument.valueOf(rs.getString("applicant_document_type")),
                        rs.getString("applicant_document_number"), rs.getString("applicant_phone"));
        String caseType = rs.getString("case_type");
        String level = rs.getString("supervision_level");
        LocalDate noticeOn = rs.getObject("correction_notice_on", LocalDate.class);
        LocalDate supplyBy = rs.getObject("deficiency_supply_by", LocalDate.class);
        Integer extension = rs.getObject("extension_requested_days", Integer.class);
        String satisfaction = rs.getString("satisfaction");
        return new CaseView(rs.getString("case_id"), rs.getString("item_id"), rs.getString("item_name"),
                rs.getObject("item_version", Integer.class), rs.getString("body_id"), rs.getString("body_name"),
                rs.getString("body_jurisdiction"), rs.getString("window_name"), rs.getString("channel"),
                rs.getString("joint_approval_id"), applicant, sealed == null,
                json.readValue(rs.getString("materials"), STRINGS), status, caseStatus.label(),
                rs.getObject("received_on", LocalDate.class),
                noticeOn == null ? null : new Correction(noticeOn, rs.getBoolean("correction_late"),
                        rs.getObject("corrected_on", LocalDate.class)),
                rs.getObject("accepted_on", LocalDate.class), rs.getBoolean("deemed_accepted"),
                rs.getString("capacity"), rs.getString("on_behalf_of_body_id"), rs.getString("delegation_id"),
                caseType, caseType == null ? null : CaseType.valueOf(caseType).label(),
                rs.getObject("legal_limit_days", Integer.class), rs.getObject("promised_days", Integer.class),
                supplyBy == null ? null : new Deficiency(supplyBy, rs.getBoolean("deficiency_open")),
                extension == null ? null : new Extension(extension, rs.getBoolean("extension_after_deadline")),
                rs.getObject("decided_on", LocalDate.class), rs.getObject("granted", Boolean.class),
                rs.getObject("concluded_on", LocalDate.class), rs.getObject("delivered_on", LocalDate.class),
                rs.getObject("ended_on", LocalDate.class), time(rs), deadline, overdue,
                rs.getObject("on_time", Boolean.class), level,
                level == null ? null : SupervisionLevel.valueOf(level).label(),
                satisfaction == null ? null : new Rating(satisfaction, Satisfaction.valueOf(satisfaction).label(),
                        rs.getString("rating_channel"), rs.getObject("evaluated_on", LocalDate.class),
                        rs.getBoolean("bad_review"), rs.getObject("follow_up_by", LocalDate.class),
                        rs.getObject("followed_up_on", LocalDate.class),
                        rs.getObject("follow_up_in_time", Boolean.class), rs.getString("follow_up_satisfaction"),
                        rs.getBoolean("rating_appeal_open"), rs.getBoolean("rating_excluded")),
                rs.getTimestamp("last_recorded_at").toInstant());
    }

    /** The {@code time_as_of} … {@code overdue} columns as a CaseTime; null when no step carried one. */
    static CaseTime time(ResultSet rs) throws SQLException {
        LocalDate asOf = rs.getObject("time_as_of", LocalDate.class);
        if (asOf == null) {
            return null;
        }
        return new CaseTime(asOf, rs.getInt("promised_days"), rs.getInt("extension_days"),
                rs.getInt("suspended_days"), rs.getInt("working_days"), rs.getObject("deadline", LocalDate.class),
                rs.getInt("remaining_days"), rs.getBoolean("overdue"));
    }

    // --- trail ---------------------------------------------------------------------------------------------------

    @QueryHandler
    CaseTrail handle(CaseTrailQuery query) {
        visibleCase(query.viewer(), query.caseId());
        long total = jdbc.sql("select count(*) from case_trail where case_id = ?").param(query.caseId())
                .query(Long.class).single();
        List<TrailEntry> entries = jdbc.sql("""
                select * from case_trail where case_id = ? order by sequence_number limit ? offset ?""")
                .params(query.caseId(), query.size(), (long) query.page() * query.size())
                .query((rs, n) -> {
                    String role = rs.getString("actor_role");
                    return new TrailEntry(rs.getLong("sequence_number"), rs.getString("event_type"),
                            rs.getString("label"), rs.getObject("about_date", LocalDate.class),
                            rs.getTimestamp("recorded_at").toInstant(),
                            new TrailActor(rs.getString("actor_user_id"), rs.getString("actor_name"), role,
                                    role == null ? null : Role.valueOf(role).label(), rs.getString("actor_body")),
                            rs.getObject("item_version", Integer.class), time(rs),
                            json.readValue(rs.getString("facts"), FACTS),
                            new TrailEvidence(rs.getString("event_id"), rs.getLong("position")));
                })
                .list();
        return new CaseTrail(query.caseId(), entries, query.page(), query.size(), total, TRAIL_DEFINITIONS,
                complaints(query.caseId()));
    }

    /** The complaints about the case, asked of the complaint reads (no complainant, no text). */
    private List<CaseComplaint> complaints(String caseId) {
        return queries.ask(new ComplaintLinksQuery(null, caseId, 0, PageSize.MAX), ComplaintLinks.class)
                .complaints().stream()
                .map(c -> new CaseComplaint(c.complaintId(), c.channel(), c.channelLabel(), c.category(),
                        c.categoryLabel(), c.receivedOn(), c.responsibleBodyId(), c.status(), c.statusLabel(),
                        c.dueOn(), c.repliedOn(), c.rating()))
                .toList();
    }

    // --- supervision flags ---------------------------------------------------------------------------------------

    private static final String FLAG_COLUMNS = """
            select f.*, b.name as body_name, coalesce(b.jurisdiction_code, f.jurisdiction_code) as body_jurisdiction
            from case_flag f left join body_view b on b.body_id = f.body_id
            """;

    @QueryHandler
    Flags handle(FlagsQuery query) {
        Map<String, Object> params = new HashMap<>();
        List<String> where = new ArrayList<>();
        String with = scope(query.viewer(), query.bodyId(), query.jurisdictionCode(), "f", where, params);
        if (query.level() != null) {
            where.add("f.level = :level");
            params.put("level", query.level().name());
        }
        if (query.trigger() != null) {
            where.add("f.trigger = :trigger");
            params.put("trigger", query.trigger().name());
        }
        if (query.open() != null) {
            where.add(query.open() ? "not f.closed" : "f.closed");
        }
        range("f.about_date", query.from(), query.to(), "about", where, params);
        String condition = where.isEmpty() ? "" : " where " + String.join(" and ", where);
        long total = jdbc.sql(with + "select count(*) from case_flag f" + condition).params(params)
                .query(Long.class).single();
        params.put("limit", query.size());
        params.put("offset", (long) query.page() * query.size());
        List<Flag> flags = jdbc.sql(with + FLAG_COLUMNS + condition
                        + " order by f.about_date desc, f.position desc limit :limit offset :offset")
                .params(params).query((rs, n) -> flag(rs)).list();
        return new Flags(flags, query.page(), query.size(), total);
    }

    private static Flag flag(ResultSet rs) throws SQLException {
        String level = rs.getString("level");
        String trigger = rs.getString("trigger");
        return new Flag(rs.getString("event_id"), rs.getLong("position"), rs.getString("case_id"), level,
                SupervisionLevel.valueOf(level).label(), trigger, SupervisionTrigger.valueOf(trigger).label(),
                rs.getObject("about_date", LocalDate.class), rs.getString("detail"),
                rs.getTimestamp("recorded_at").toInstant(), rs.getString("body_id"), rs.getString("body_name"),
                rs.getString("body_jurisdiction"), rs.getString("item_id"), !rs.getBoolean("closed"));
    }

    // --- joint approvals -----------------------------------------------------------------------------------------

    @QueryHandler
    JointApprovalView handle(JointApprovalQuery query) {
        String id = query.jointApprovalId();
        List<JointPartView> parts = jdbc.sql("""
                select p.*, b.name as body_name, c.status as case_status
                from joint_approval_part p
                left join body_view b on b.body_id = p.body_id
                left join case_view c on c.case_id = p.case_id
                where p.joint_approval_id = ? order by p.ordinal""")
                .param(id)
                .query((rs, n) -> {
                    String caseStatus = rs.getString("case_status");
                    return new JointPartView(rs.getString("case_id"), rs.getString("item_id"),
                            rs.getString("body_id"), rs.getString("body_name"), rs.getString("state"),
                            rs.getObject("ended_on", LocalDate.class), rs.getString("outcome"), caseStatus,
                            caseStatus == null ? null : CaseStatus.valueOf(caseStatus).label());
                })
                .list();
        Viewer viewer = query.viewer();
        return jdbc.sql("""
                select j.*, b.name as lead_body_name from joint_approval_view j
                left join body_view b on b.body_id = j.lead_body_id where j.joint_approval_id = ?""")
                .param(id)
                .query((rs, n) -> {
                    String name = rs.getString("applicant_name");
                    String materials = rs.getString("materials");
                    Integer extension = rs.getObject("extension_requested_days", Integer.class);
                    return new JointApprovalView(id, rs.getString("lead_body_id"), rs.getString("lead_body_name"),
                            rs.getString("project_name"), rs.getString("window_name"),
                            name == null ? null : new Applicant(name,
                                    IdentityDocument.valueOf(rs.getString("applicant_document_type")),
                                    rs.getString("applicant_document_number"), null),
                            materials == null ? List.of() : json.readValue(materials, STRINGS),
                            rs.getObject("received_on", LocalDate.class), time(rs),
                            rs.getObject("deadline", LocalDate.class),
                            extension == null ? null : new Extension(extension,
                                    rs.getBoolean("extension_after_deadline")),
                            rs.getObject("concluded_on", LocalDate.class), rs.getObject("on_time", Boolean.class),
                            (int) parts.stream().filter(p -> p.state().equals("OPEN")).count(), parts,
                            rs.getTimestamp("last_recorded_at").toInstant());
                })
                .optional()
                .filter(view -> viewer.sees(view.leadBodyId())
                        || view.parts().stream().anyMatch(p -> viewer.sees(p.bodyId())))
                .orElseThrow(() -> new NotFound("joint approval", id));
    }

    // --- shared --------------------------------------------------------------------------------------------------

    /**
     * The body and jurisdiction conditions, the viewer's scope included; a jurisdiction covers its own bodies and
     * those of every jurisdiction below it. Returns the {@code with} clause the jurisdiction needs, or "".
     */
    private static String scope(Viewer viewer, String bodyId, String jurisdictionCode, String alias,
                                List<String> where, Map<String, Object> params) {
        if (viewer.onlyBody() != null) {
            where.add(alias + ".body_id = :viewerBody");
            params.put("viewerBody", viewer.onlyBody());
        }
        if (bodyId != null) {
            where.add(alias + ".body_id = :bodyId");
            params.put("bodyId", bodyId);
        }
        if (jurisdictionCode == null) {
            return "";
        }
        // body_view decides, even if this row's own copy was written before the places projection knew the body.
        where.add(JurisdictionTree.bodyUnder(alias));
        params.put("jurisdiction", jurisdictionCode);
        return JurisdictionTree.UNDER;
    }

    private static void range(String column, LocalDate from, LocalDate to, String name, List<String> where,
                              Map<String, Object> params) {
        if (from != null) {
            where.add(column + " >= :" + name + "From");
            params.put(name + "From", from);
        }
        if (to != null) {
            where.add(column + " <= :" + name + "To");
            params.put(name + "To", to);
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
