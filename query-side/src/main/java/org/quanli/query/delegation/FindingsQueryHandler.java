package org.quanli.query.delegation;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.queryhandling.QueryHandler;
import org.quanli.kernel.calendar.ChinaTime;
import org.quanli.kernel.codes.CodedValue;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.delegation.CapacityGapKind;
import org.quanli.kernel.delegation.DelegationQueries.Evidence;
import org.quanli.kernel.delegation.DelegationQueries.Finding;
import org.quanli.kernel.delegation.DelegationQueries.FindingBody;
import org.quanli.kernel.delegation.DelegationQueries.FindingItem;
import org.quanli.kernel.delegation.DelegationQueries.FindingKind;
import org.quanli.kernel.delegation.DelegationQueries.Findings;
import org.quanli.kernel.delegation.DelegationQueries.FindingsQuery;
import org.quanli.query.places.JurisdictionTree;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit findings, derived when asked from the facts the delegation projections keep, as of a reference date:
 * one SQL statement per kind, all producing the same columns, united, filtered by body or jurisdiction and paged in
 * the database. Each finding carries the ids and store positions of the events that show it.
 */
@Component
class FindingsQueryHandler {

    static final Map<FindingKind, String> DEFINITIONS = definitions();

    private static final TypeReference<List<Map<String, Object>>> LIST_OF_OBJECTS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> LIST_OF_TEXT = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private static Map<FindingKind, String> definitions() {
        Map<FindingKind, String> map = new EnumMap<>(FindingKind.class);
        map.put(FindingKind.POWER_VACUUM, "下放生效后,既未经承接单位确认承接、又无过渡期帮办代办覆盖的期间(自生效日或过渡期结束"
                + "(交接日、收回日)起,至确认承接或收回之日止,或至参照日仍未结束);按决定、承接单位和期间归并事项");
        map.put(FindingKind.NO_GUIDANCE, "下放、赋权、委托生效后 N 日内(含第 N 日),原实施主体未就该决定记录任何业务指导(按决定和原实施主体);"
                + "参照日须已超过第 N 日;N = quanli.findings.guidance-days");
        map.put(FindingKind.GAP_OVERDUE, "承接能力缺口的完成时限早于参照日,且到参照日仍未整改完成(已收回的决定除外)");
        map.put(FindingKind.CONCENTRATION, "参照日当日,一个单位持有的下放、赋权、委托事项来自 K 个或以上不同的上级实施主体(多口归一);"
                + "K = quanli.findings.concentration-departments");
        map.put(FindingKind.VILLAGE_FORBIDDEN_CATEGORY, "村(社区)级实施主体的清单上有行政许可、行政处罚、行政强制或行政征收事项的期间"
                + "(多见于补录的历史清单;新的决定会被拒绝)");
        map.put(FindingKind.DORMANT_DELEGATION, "参照日仍持有的下放、赋权、委托事项,生效后 N 日内没有受理任何办件;"
                + "N = quanli.findings.dormant-days");
        map.put(FindingKind.RELEASED_ON_PAPER, "下放生效后、收回之前,原实施主体仍以本单位事项受理办件,或试图受理而被系统依规不予受理,"
                + "且当日不在其代承接单位办理的过渡期内(过渡期至约定日期,或至交接日前一日);按决定和原实施主体归并,"
                + "期间为首件至末件办件日期,证据列出决定及最早的 20 件办件事件");
        return Map.copyOf(map);
    }

    private static String evidence(String type, String id, String position) {
        return "jsonb_build_object('event', " + type + ", 'eventId', " + id + ", 'position', " + position + ")";
    }

    private static String body(String role, String id, String jurisdiction) {
        return "jsonb_build_object('role', '" + role + "', 'bodyId', " + id + ", 'jurisdictionCode', " + jurisdiction + ")";
    }

    /**
     * Per devolution, receiver and source item: the first day neither a confirmation nor a transition covers is the
     * effective date, or the day after the transition's real end; the vacuum lasts until the confirmation or the
     * recall (if dated on or before the reference date). Items with the same period are one finding.
     */
    private static final String POWER_VACUUM = """
            select 'POWER_VACUUM' as kind, v.delegation_id, v.v_from as from_date, v.v_to as to_date,
                jsonb_build_array(%s) || jsonb_agg(distinct %s) as bodies,
                jsonb_agg(distinct v.item_id) as items,
                jsonb_build_object('documentNumber', v.document_number, 'effectiveDate', v.effective_date,
                    'confirmedOn', v.confirmed, 'recalledOn', v.recalled) as details,
                jsonb_build_array(%s)
                  || coalesce(jsonb_agg(distinct %s) filter (where v.t_event is not null and v.v_from > v.effective_date),
                              '[]'::jsonb)
                  || case when bool_or(v.handed_over_on = v.v_from) then jsonb_build_array(%s) else '[]'::jsonb end
                  || case when v.v_to = v.confirmed then jsonb_build_array(%s) else '[]'::jsonb end
                  || case when v.v_to = v.recalled then jsonb_build_array(%s) else '[]'::jsonb end as evidence
            from (
                select d.delegation_id, d.document_number, d.effective_date, d.event_id as d_event, d.position as d_position,
                    r.receiver_body_id, r.jurisdiction_code as receiver_jurisdiction,
                    case when r.confirmed_on <= :asOf then r.confirmed_on end as confirmed,
                    r.confirm_event_id, r.confirm_position,
                    case when d.recall_effective_date <= :asOf then d.recall_effective_date end as recalled,
                    d.recall_event_id, d.recall_position, r.handed_over_on, r.handover_event_id, r.handover_position,
                    di.item_id, di.source_body_id, di.source_jurisdiction_code,
                    t.event_type as t_type, t.event_id as t_event, t.position as t_position,
                    greatest(d.effective_date, t.ends_on + 1) as v_from,
                    least(case when r.confirmed_on <= :asOf then r.confirmed_on end,
                          case when d.recall_effective_date <= :asOf then d.recall_effective_date end) as v_to
                from delegation_view d
                join delegation_receiver_view r on r.delegation_id = d.delegation_id
                join delegation_item_not_refused di on di.delegation_id = d.delegation_id
                left join delegation_transition_term_view t on t.delegation_id = d.delegation_id
                    and t.item_id = di.item_id and t.receiver_body_id = r.receiver_body_id
                where d.mode = 'DEVOLVE' and d.effective_date <= :asOf
            ) v
            where v.v_from <= :asOf and (v.v_to is null or v.v_from < v.v_to)
            group by v.delegation_id, v.document_number, v.effective_date, v.d_event, v.d_position, v.receiver_body_id,
                v.receiver_jurisdiction, v.confirmed, v.confirm_event_id, v.confirm_position, v.recalled,
                v.recall_event_id, v.recall_position, v.handover_event_id, v.handover_position, v.v_from, v.v_to"""
            .formatted(body("RECEIVER", "v.receiver_body_id", "v.receiver_jurisdiction"),
                    body("DEVOLVING", "v.source_body_id", "v.source_jurisdiction_code"),
                    evidence("'DelegationDecided'", "v.d_event", "v.d_position"),
                    evidence("v.t_type", "v.t_event", "v.t_position"),
                    evidence("'HandoverRecorded'", "v.handover_event_id", "v.handover_position"),
                    evidence("'ReceiptConfirmed'", "v.confirm_event_id", "v.confirm_position"),
                    evidence("'DelegationRecalled'", "v.recall_event_id", "v.recall_position"));

    /**
     * Per delegation and devolving body: no guidance given on or before the N-th day after the effective date. Like
     * every finding it holds from its first day: here the day after the N-th.
     */
    private static final String NO_GUIDANCE = """
            select 'NO_GUIDANCE', d.delegation_id, d.effective_date + :guidanceDays + 1, late.given_on,
                jsonb_build_array(%s) || rcv.bodies, s.items,
                jsonb_build_object('mode', d.mode, 'documentNumber', d.document_number, 'effectiveDate', d.effective_date,
                    'guidanceDays', :guidanceDays, 'guidanceDue', d.effective_date + :guidanceDays,
                    'lateGuidanceOn', late.given_on),
                jsonb_build_array(%s)
                  || case when late.event_id is not null then jsonb_build_array(%s) else '[]'::jsonb end
            from delegation_view d
            cross join lateral (
                select di.source_body_id, min(di.source_jurisdiction_code) as source_jurisdiction_code,
                    jsonb_agg(di.item_id order by di.item_id) as items
                from delegation_item_not_refused di where di.delegation_id = d.delegation_id group by di.source_body_id) s
            cross join lateral (
                select coalesce(jsonb_agg(%s order by r.receiver_body_id), '[]'::jsonb) as bodies
                from delegation_receiver_view r where r.delegation_id = d.delegation_id) rcv
            left join lateral (
                select g.given_on, g.event_id, g.position from delegation_guidance_view g
                where g.delegation_id = d.delegation_id and g.giving_body_id = s.source_body_id and g.given_on <= :asOf
                order by g.given_on, g.position limit 1) late on true
            where d.effective_date + :guidanceDays < :asOf
              and (d.recall_effective_date is null or d.recall_effective_date > d.effective_date + :guidanceDays)
              and not exists (select 1 from delegation_guidance_view g where g.delegation_id = d.delegation_id
                  and g.giving_body_id = s.source_body_id and g.given_on <= d.effective_date + :guidanceDays)"""
            .formatted(body("DEVOLVING", "s.source_body_id", "s.source_jurisdiction_code"),
                    evidence("'DelegationDecided'", "d.event_id", "d.position"),
                    evidence("'GuidanceRecorded'", "late.event_id", "late.position"),
                    body("RECEIVER", "r.receiver_body_id", "r.jurisdiction_code"));

    private static final String GAP_OVERDUE = """
            select 'GAP_OVERDUE', g.delegation_id, g.deadline + 1, null::date,
                jsonb_build_array(%s, %s),
                (select coalesce(jsonb_agg(di.item_id order by di.item_id), '[]'::jsonb)
                 from delegation_item_not_refused di where di.delegation_id = g.delegation_id),
                jsonb_build_object('gapId', g.gap_id, 'gapKind', g.kind, 'description', g.description,
                    'measure', g.measure, 'deadline', g.deadline, 'documentNumber', d.document_number),
                jsonb_build_array(%s)
            from capacity_gap_view g
            join delegation_view d on d.delegation_id = g.delegation_id
            join delegation_receiver_view r on r.delegation_id = g.delegation_id and r.receiver_body_id = g.receiver_body_id
            left join delegation_body_view lb on lb.body_id = g.lead_body_id
            where g.deadline < :asOf and d.effective_date <= :asOf and (g.closed_on is null or g.closed_on > :asOf)
              and (d.recall_effective_date is null or d.recall_effective_date > :asOf)"""
            .formatted(body("RECEIVER", "g.receiver_body_id", "r.jurisdiction_code"),
                    body("LEAD", "g.lead_body_id", "lb.jurisdiction_code"),
                    evidence("'CapacityGapReported'", "g.reported_event_id", "g.reported_position"));

    /** The K-th department's first item on the receiver dates the finding. */
    private static final String CONCENTRATION = """
            with held as (
                select h.body_id, h.jurisdiction_code, i.item_id, i.source_body_id, h.effective_from, i.event_id, i.position
                from item_holder_period h join item_origin i on i.item_id = h.item_id
                where i.delegation_id is not null and in_effect_on(h.effective_from, h.effective_to, h.term_end, :asOf)),
            departments as (
                select body_id, source_body_id, min(effective_from) as first_from,
                    row_number() over (partition by body_id order by min(effective_from), source_body_id) as rank,
                    count(*) over (partition by body_id) as departments
                from held group by body_id, source_body_id)
            select 'CONCENTRATION', null::varchar, dep.first_from, null::date,
                (select jsonb_build_array(%s) from held where held.body_id = dep.body_id)
                  || (select jsonb_agg(%s order by o.first_from, o.source_body_id) from departments o
                      left join delegation_body_view b on b.body_id = o.source_body_id where o.body_id = dep.body_id),
                (select jsonb_agg(held.item_id order by held.item_id) from held where held.body_id = dep.body_id),
                jsonb_build_object('departments', dep.departments, 'threshold', :concentration),
                (select jsonb_agg(%s order by held.position) from held where held.body_id = dep.body_id)
            from departments dep where dep.rank = :concentration"""
            .formatted(body("RECEIVER", "dep.body_id", "min(held.jurisdiction_code)"),
                    body("DEPARTMENT", "o.source_body_id", "b.jurisdiction_code"),
                    evidence("'PowerItemReceived'", "held.event_id", "held.position"));

    private static final String VILLAGE_FORBIDDEN_CATEGORY = """
            select 'VILLAGE_FORBIDDEN_CATEGORY', null::varchar, greatest(h.effective_from, v.effective_from),
                case when least(h.effective_to, v.next_from) <= :asOf then least(h.effective_to, v.next_from) end,
                jsonb_build_array(%s), jsonb_build_array(h.item_id),
                jsonb_build_object('typeCode', v.type_code, 'version', v.version, 'documentNumber', v.document_number,
                    'level', b.level),
                jsonb_build_array(%s, %s)
            from item_holder_period h
            join delegation_body_view b on b.body_id = h.body_id and b.level = 'VILLAGE'
            join lateral (
                select v.*, lead(v.effective_from) over (order by v.version) as next_from
                from item_version v where v.item_id = h.item_id) v on true
            where v.type_code in (:forbidden)
              and greatest(h.effective_from, v.effective_from) <= :asOf
              and (least(h.effective_to, v.next_from) is null
                   or greatest(h.effective_from, v.effective_from) < least(h.effective_to, v.next_from))"""
            .formatted(body("HOLDER", "h.body_id", "h.jurisdiction_code"),
                    evidence("v.event_type", "v.event_id", "v.position"),
                    evidence("'ImplementingBodyRegistered'", "b.event_id", "b.position"));

    /**
     * Reads received_item_activity, which the case-accepted events fill. The finding holds from the day after the
     * N-th, the first day on which the item has been dormant for its days; the holder is the receiving body.
     */
    private static final String DORMANT_DELEGATION = """
            select 'DORMANT_DELEGATION', i.delegation_id, i.effective_date + :dormantDays + 1,
                first_case.first_accepted_on,
                jsonb_build_array(%s, %s), jsonb_build_array(i.item_id),
                jsonb_build_object('mode', i.mode, 'documentNumber', i.document_number, 'effectiveDate', i.effective_date,
                    'dormantDays', :dormantDays, 'firstCaseDue', i.effective_date + :dormantDays,
                    'firstAcceptedOn', first_case.first_accepted_on),
                jsonb_build_array(%s)
                  || case when first_case.event_id is not null then jsonb_build_array(%s) else '[]'::jsonb end
            from item_holder_period h join item_origin i on i.item_id = h.item_id
            left join delegation_body_view sb on sb.body_id = i.source_body_id
            left join lateral (
                select a.first_accepted_on, a.event_type, a.event_id, a.position from received_item_activity a
                where a.item_id = i.item_id and a.first_accepted_on <= :asOf
                order by a.first_accepted_on limit 1) first_case on true
            where i.delegation_id is not null and in_effect_on(h.effective_from, h.effective_to, h.term_end, :asOf)
              and i.effective_date + :dormantDays < :asOf
              and not exists (select 1 from received_item_activity a where a.item_id = i.item_id
                  and a.first_accepted_on <= i.effective_date + :dormantDays)"""
            .formatted(body("RECEIVER", "h.body_id", "h.jurisdiction_code"),
                    body("DEVOLVING", "i.source_body_id", "sb.jurisdiction_code"),
                    evidence("i.event_type", "i.event_id", "i.position"),
                    evidence("first_case.event_type", "first_case.event_id", "first_case.position"));

    /**
     * Per devolution and devolving body: its cases under a devolved item dated on or after the effective date (and
     * before a recall) that no transition of that item covers for it on that date.
     */
    private static final String RELEASED_ON_PAPER = """
            select 'RELEASED_ON_PAPER', d.delegation_id, min(a.on_date), max(a.on_date),
                jsonb_build_array(%s)
                  || (select coalesce(jsonb_agg(%s order by r.receiver_body_id), '[]'::jsonb)
                      from delegation_receiver_view r where r.delegation_id = d.delegation_id),
                jsonb_agg(distinct di.item_id),
                jsonb_build_object('documentNumber', d.document_number, 'effectiveDate', d.effective_date,
                    'transitionEnd', d.transition_end, 'cases', count(*),
                    'accepted', count(*) filter (where a.outcome = 'ACCEPTED'),
                    'refusedByRule', count(*) filter (where a.outcome = 'REFUSED_BY_RULE'),
                    'firstCaseOn', min(a.on_date), 'lastCaseOn', max(a.on_date)),
                jsonb_build_array(%s)
                  || jsonb_path_query_array(jsonb_agg(%s order by a.position), '$[0 to 19]')
            from delegation_view d
            join delegation_item_not_refused di on di.delegation_id = d.delegation_id
            join case_acceptance_attempt a on a.item_id = di.item_id and a.body_id = di.source_body_id
                and a.on_date >= d.effective_date and a.on_date <= :asOf
                and (d.recall_effective_date is null or a.on_date < d.recall_effective_date)
            where d.mode = 'DEVOLVE' and d.effective_date <= :asOf
              and not exists (
                select 1 from delegation_transition_term_view t
                where t.delegation_id = d.delegation_id and t.item_id = di.item_id and t.acting_body_id = a.body_id
                  and a.on_date <= t.ends_on)
            group by d.delegation_id, d.document_number, d.effective_date, d.transition_end, d.event_id, d.position,
                di.source_body_id, di.source_jurisdiction_code"""
            .formatted(body("DEVOLVING", "di.source_body_id", "di.source_jurisdiction_code"),
                    body("RECEIVER", "r.receiver_body_id", "r.jurisdiction_code"),
                    evidence("'DelegationDecided'", "d.event_id", "d.position"),
                    evidence("a.event_type", "a.event_id", "a.position"));

    private static final Map<FindingKind, String> SQL = Map.of(
            FindingKind.POWER_VACUUM, POWER_VACUUM,
            FindingKind.NO_GUIDANCE, NO_GUIDANCE,
            FindingKind.GAP_OVERDUE, GAP_OVERDUE,
            FindingKind.CONCENTRATION, CONCENTRATION,
            FindingKind.VILLAGE_FORBIDDEN_CATEGORY, VILLAGE_FORBIDDEN_CATEGORY,
            FindingKind.DORMANT_DELEGATION, DORMANT_DELEGATION,
            FindingKind.RELEASED_ON_PAPER, RELEASED_ON_PAPER);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final BodyNames names;
    private final FindingSettings settings;
    private final DelegationQueryHandler lookups;
    private final Clock clock;

    FindingsQueryHandler(JdbcClient jdbc, JsonMapper json, BodyNames names, FindingSettings settings,
                         DelegationQueryHandler lookups, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.names = names;
        this.settings = settings;
        this.lookups = lookups;
        this.clock = clock;
    }

    private record Row(FindingKind kind, String delegationId, LocalDate from, LocalDate to,
                       List<Map<String, Object>> bodies, List<String> items, Map<String, Object> details,
                       List<Map<String, Object>> evidence) {
    }

    @QueryHandler
    Findings handle(FindingsQuery query) {
        if (query.jurisdictionCode() != null) {
            lookups.requireJurisdiction(query.jurisdictionCode());
        }
        if (query.bodyId() != null) {
            lookups.requireBody(query.bodyId());
        }
        LocalDate asOf = query.asOf() != null ? query.asOf() : ChinaTime.today(clock);
        List<FindingKind> kinds = query.kind() != null ? List.of(query.kind()) : Arrays.asList(FindingKind.values());
        StringBuilder sql = new StringBuilder(query.jurisdictionCode() == null ? "with "
                : JurisdictionTree.UNDER.stripTrailing() + ",\n");
        sql.append("findings(kind, delegation_id, from_date, to_date, bodies, items, details, evidence) as (");
        for (int i = 0; i < kinds.size(); i++) {
            sql.append(i == 0 ? "\n(" : "\nunion all\n(").append(SQL.get(kinds.get(i))).append(")");
        }
        sql.append(")\nselect f.*, count(*) over () as total from findings f where true");
        if (query.bodyId() != null) {
            sql.append(" and f.bodies @> jsonb_build_array(jsonb_build_object('bodyId', cast(:body as text)))");
        }
        if (query.jurisdictionCode() != null) {
            sql.append(" and exists (select 1 from jsonb_array_elements(f.bodies) b")
                    .append(" where b->>'jurisdictionCode' in (select code from under))");
        }
        sql.append("""
                
                order by f.from_date, f.kind, f.bodies->0->>'bodyId', f.delegation_id nulls first, f.items::text
                limit :limit offset :offset""");
        Map<String, Object> params = new HashMap<>();
        params.put("asOf", asOf);
        params.put("guidanceDays", settings.guidanceDays());
        params.put("concentration", settings.concentrationDepartments());
        params.put("dormantDays", settings.dormantDays());
        params.put("forbidden", Arrays.stream(ItemType.values()).filter(ItemType::forbiddenAtVillageLevel)
                .map(ItemType::code).toList());
        params.put("body", query.bodyId());
        params.put("jurisdiction", query.jurisdictionCode());
        params.put("limit", query.size());
        params.put("offset", (long) query.page() * query.size());
        long[] total = {0};
        List<Row> rows = jdbc.sql(sql.toString()).params(params).query((rs, n) -> {
            total[0] = rs.getLong("total");
            return new Row(FindingKind.valueOf(rs.getString("kind")), rs.getString("delegation_id"),
                    rs.getObject("from_date", LocalDate.class), rs.getObject("to_date", LocalDate.class),
                    json.readValue(rs.getString("bodies"), LIST_OF_OBJECTS),
                    json.readValue(rs.getString("items"), LIST_OF_TEXT),
                    json.readValue(rs.getString("details"), OBJECT),
                    json.readValue(rs.getString("evidence"), LIST_OF_OBJECTS));
        }).list();
        if (rows.isEmpty() && query.page() > 0) {
            // Past the last page the window count has no row to ride on: count on its own.
            String counting = sql.substring(0, sql.lastIndexOf("order by"))
                    .replace("count(*) over () as total", "1 as one");
            total[0] = jdbc.sql("select count(*) from (" + counting + ") counted").params(params)
                    .query(Long.class).single();
        }
        return new Findings(asOf, settingsMap(), definitionsMap(), named(rows), query.page(), query.size(), total[0]);
    }

    private List<Finding> named(List<Row> rows) {
        Set<String> bodyIds = new HashSet<>();
        Set<String> itemIds = new HashSet<>();
        for (Row row : rows) {
            row.bodies().forEach(b -> bodyIds.add((String) b.get("bodyId")));
            itemIds.addAll(row.items());
        }
        var bodyNames = names.of(bodyIds);
        Map<String, String> itemNames = new HashMap<>();
        if (!itemIds.isEmpty()) {
            jdbc.sql("""
                    select distinct on (item_id) item_id, name from item_version
                    where item_id in (:ids) order by item_id, version desc""")
                    .param("ids", List.copyOf(itemIds))
                    .query((rs, n) -> itemNames.put(rs.getString(1), rs.getString(2)))
                    .list();
        }
        List<Finding> findings = new ArrayList<>();
        for (Row row : rows) {
            List<FindingBody> bodies = row.bodies().stream().map(b -> {
                String id = (String) b.get("bodyId");
                var name = bodyNames.on(id, row.from());
                Object jurisdiction = b.get("jurisdictionCode");
                return new FindingBody((String) b.get("role"), id, name.name(),
                        jurisdiction != null ? jurisdiction.toString() : name.jurisdictionCode());
            }).distinct().toList();
            List<FindingItem> items = row.items().stream().sorted()
                    .map(id -> new FindingItem(id, itemNames.get(id))).toList();
            Set<String> seen = new HashSet<>();
            List<Evidence> evidence = row.evidence().stream()
                    .map(e -> new Evidence((String) e.get("event"), (String) e.get("eventId"),
                            ((Number) e.get("position")).longValue()))
                    .filter(e -> seen.add(e.eventId()))
                    .sorted(Comparator.comparingLong(Evidence::position))
                    .toList();
            findings.add(new Finding(row.kind(), row.kind().label(), row.delegationId(), bodies, items, row.from(),
                    row.to(), labelled(row.details()), evidence));
        }
        return findings;
    }

    /** Adds the Chinese labels of coded values in a finding's details. */
    private static Map<String, Object> labelled(Map<String, Object> details) {
        Map<String, Object> out = new LinkedHashMap<>(details);
        out.values().removeIf(v -> v == null);
        if (details.get("gapKind") instanceof String kind) {
            out.put("gapKindLabel", CapacityGapKind.valueOf(kind).label());
        }
        if (details.get("typeCode") instanceof String type) {
            out.put("typeLabel", CodedValue.byCode(ItemType.class, type).map(ItemType::label).orElse(type));
        }
        return out;
    }

    private Map<String, Integer> settingsMap() {
        Map<String, Integer> map = new LinkedHashMap<>();
        map.put("guidanceDays", settings.guidanceDays());
        map.put("concentrationDepartments", settings.concentrationDepartments());
        map.put("dormantDays", settings.dormantDays());
        return map;
    }

    private static Map<String, String> definitionsMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (FindingKind kind : FindingKind.values()) {
            map.put(kind.name(), DEFINITIONS.get(kind));
        }
        return map;
    }
}
