package org.quanli.query.personal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.quanli.platform.web.PageSize;
import org.quanli.kernel.calendar.ChinaTime;
import org.quanli.kernel.cases.CaseQueries.CaseList;
import org.quanli.kernel.cases.CaseQueries.Viewer;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.personal.PersonalDataQueries.CasesOfApplicantQuery;
import org.quanli.kernel.rules.Forbidden;
import org.quanli.platform.messaging.QueryAsker;
import org.quanli.platform.personal.PersonalDataCodec;
import org.quanli.platform.personal.PersonalDataProperties;
import org.quanli.platform.security.CurrentActor;
import org.quanli.query.places.JurisdictionTree;
import org.quanli.platform.web.BadParameter;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A person's cases by identity number (through the blind index), the access log of unmasked views, and the
 * retention report. None of it is public.
 */
@RestController
@Tag(name = "personal data (read)", description = "按身份证件号码查办件(盲索引)、个人信息查阅记录、保存期限届满报告")
class PersonalDataReadController {

    private final QueryAsker queries;
    private final CurrentActor currentActor;
    private final PersonalDataCodec personalData;
    private final PersonalDataAccessLog accessLog;
    private final JdbcClient jdbc;
    private final PersonalDataProperties properties;
    private final Clock clock;

    PersonalDataReadController(QueryAsker queries, CurrentActor currentActor, PersonalDataCodec personalData,
                               PersonalDataAccessLog accessLog, JdbcClient jdbc, PersonalDataProperties properties,
                               Clock clock) {
        this.queries = queries;
        this.currentActor = currentActor;
        this.personalData = personalData;
        this.accessLog = accessLog;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    record ApplicantSearch(@NotBlank @Size(max = 40) @Pattern(regexp = "[0-9A-Za-z -]+") String documentNumber,
                           @Min(0) Integer page, @PageSize Integer size) {
    }

    @Operation(summary = "按证件号码查办件 (window officer): the officer's own body's cases of that applicant",
            description = """
            The identity number goes in the body (never a URL) and is looked up through its blind index (a keyed
            HMAC): the ledger stores no number in clear. The applicant is shown in full, and the view recorded in
            the access log.""")
    @PostMapping("/api/cases/applicant-search")
    CaseList applicantSearch(@Valid @RequestBody ApplicantSearch search) {
        Actor actor = currentActor.actingAs(Role.WINDOW_OFFICER);
        if (actor.bodyId() == null) {
            throw new Forbidden("窗口工作人员须属于一个实施主体");
        }
        CaseList cases = queries.ask(new CasesOfApplicantQuery(Viewer.windowOf(actor.bodyId()),
                personalData.blindIndex(search.documentNumber()), search.page() == null ? 0 : search.page(),
                search.size() == null ? 50 : search.size()), CaseList.class);
        accessLog.record(actor, cases.cases(), "按证件号码查办件");
        return cases;
    }

    record Access(long accessId, Instant viewedAt, String userId, String userName, String role, String userBodyId,
                  String caseId, String caseBodyId, List<String> fields, String purpose) {
    }

    record AccessPage(List<Access> entries, int page, int size, long total) {
    }

    @Operation(summary = "个人信息查阅记录 (auditor, personal-information officer): every unmasked view, newest first",
            description = """
            Who saw which case's applicant, when, which fields, through which question. An auditor or officer of a
            body sees the views of cases of bodies in that body's jurisdiction and below; one without a body sees
            all. Filters: case, user, and the day viewed (from/to inclusive, Beijing time).""")
    @GetMapping("/api/personal-data/access-log")
    AccessPage accessLog(@RequestParam(required = false) String caseId,
                         @RequestParam(required = false) String userId,
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                         @RequestParam(defaultValue = "0") @Min(0) int page,
                         @RequestParam(defaultValue = "50") @PageSize int size) {
        Actor actor = currentActor.actingAs(Role.AUDITOR, Role.PERSONAL_INFORMATION_OFFICER);
        day("from", from);
        day("to", to);
        if (from != null && to != null && from.isAfter(to)) {
            throw BadParameter.of("from", "order", "开始日期(" + from + ")不得晚于结束日期(" + to + ")");
        }
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        String with = "";
        if (actor.bodyId() != null) {
            where.add("a.case_body_id in (select u_b.body_id from body_view u_b where u_b.jurisdiction_code in "
                    + "(select code from under))");
            params.put("jurisdiction", jdbc.sql("select jurisdiction_code from body_view where body_id = ?")
                    .param(actor.bodyId()).query(String.class).optional().orElse(""));
            with = JurisdictionTree.UNDER;
        }
        if (caseId != null) {
            where.add("a.case_id = :caseId");
            params.put("caseId", caseId);
        }
        if (userId != null) {
            where.add("a.user_id = :userId");
            params.put("userId", userId);
        }
        if (from != null) {
            where.add("a.viewed_at >= :from");
            params.put("from", from.atStartOfDay(ChinaTime.ZONE).toOffsetDateTime());
        }
        if (to != null) {
            where.add("a.viewed_at < :to");
            params.put("to", to.plusDays(1).atStartOfDay(ChinaTime.ZONE).toOffsetDateTime());
        }
        String condition = where.isEmpty() ? "" : " where " + String.join(" and ", where);
        long total = jdbc.sql(with + "select count(*) from personal_data_access a" + condition).params(params)
                .query(Long.class).single();
        params.put("limit", size);
        params.put("offset", (long) page * size);
        List<Access> entries = jdbc.sql(with + "select a.* from personal_data_access a" + condition
                        + " order by a.viewed_at desc, a.access_id desc limit :limit offset :offset")
                .params(params)
                .query((rs, n) -> new Access(rs.getLong("access_id"),
                        rs.getObject("viewed_at", OffsetDateTime.class).toInstant(), rs.getString("user_id"),
                        rs.getString("user_name"), rs.getString("role"), rs.getString("user_body_id"),
                        rs.getString("case_id"), rs.getString("case_body_id"),
                        List.of(rs.getString("fields").split(",")), rs.getString("purpose")))
                .list();
        return new AccessPage(entries, page, size, total);
    }

    /** A day the log can hold: years 1 to 9999 (PostgreSQL's timestamps end there). */
    private static void day(String name, LocalDate day) {
        if (day != null && (day.getYear() < 1 || day.getYear() > 9999)) {
            throw BadParameter.of(name, "range", "日期须在公元 1 年至 9999 年之间");
        }
    }

    record DueSubject(String subjectId, int cases, LocalDate lastEndedOn, LocalDate dueOn) {
    }

    record RetentionReport(String retention, LocalDate asOf, List<DueSubject> subjects, int page, int size,
                           long total) {
    }

    @Operation(summary = "保存期限届满报告 (personal-information officer): data subjects due for erasure",
            description = """
            Persons (by subject id, no personal data) all of whose cases ended (concluded, not accepted, withdrawn
            or terminated) at least the retention period (quanli.personal-data.retention) before today, oldest
            first. Nothing is deleted: the officer decides and erases through POST /api/personal-data/erasures.""")
    @GetMapping("/api/personal-data/retention-report")
    RetentionReport retentionReport(@RequestParam(defaultValue = "0") @Min(0) int page,
                                    @RequestParam(defaultValue = "50") @PageSize int size) {
        currentActor.actingAs(Role.PERSONAL_INFORMATION_OFFICER);
        LocalDate today = ChinaTime.today(clock);
        LocalDate endedBy = today.minus(properties.retention());
        String due = """
                select a.subject_id, count(*) as cases, max(coalesce(c.concluded_on, c.ended_on)) as last_ended_on
                from case_applicant a join case_view c on c.case_id = a.case_id
                where a.subject_id is not null and a.blind_index is not null
                group by a.subject_id
                having bool_and(coalesce(c.concluded_on, c.ended_on) is not null)
                   and max(coalesce(c.concluded_on, c.ended_on)) <= :endedBy""";
        long total = jdbc.sql("select count(*) from (" + due + ") d").param("endedBy", endedBy)
                .query(Long.class).single();
        List<DueSubject> subjects = jdbc.sql(due + " order by last_ended_on, a.subject_id limit :limit offset :offset")
                .param("endedBy", endedBy).param("limit", size).param("offset", (long) page * size)
                .query((rs, n) -> {
                    LocalDate last = rs.getObject("last_ended_on", LocalDate.class);
                    return new DueSubject(rs.getString("subject_id"), rs.getInt("cases"), last,
                            last.plus(properties.retention()));
                })
                .list();
        return new RetentionReport(properties.retention().toString(), today, subjects, page, size, total);
    }
}
