package org.quanli.query.delegation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.queryhandling.QueryHandler;
import org.quanli.kernel.calendar.ChinaTime;
import org.quanli.kernel.codes.CodedValue;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.codes.PowerSource;
import org.quanli.kernel.delegation.AcceptanceCapacity;
import org.quanli.kernel.delegation.CapacityGapKind;
import org.quanli.kernel.delegation.DelegationMode;
import org.quanli.kernel.delegation.DelegationQueries.BodyName;
import org.quanli.kernel.delegation.DelegationQueries.CapacityGap;
import org.quanli.kernel.delegation.DelegationQueries.DecisionBasis;
import org.quanli.kernel.delegation.DelegationQueries.DelegationStatistics;
import org.quanli.kernel.delegation.DelegationQueries.DelegationStatisticsQuery;
import org.quanli.kernel.delegation.DelegationQueries.Department;
import org.quanli.kernel.delegation.DelegationQueries.Holding;
import org.quanli.kernel.delegation.DelegationQueries.HoldingQuery;
import org.quanli.kernel.delegation.DelegationQueries.ReceivedItem;
import org.quanli.kernel.delegation.DelegationQueries.ReceivedItems;
import org.quanli.kernel.delegation.DelegationQueries.ReceivedItemsQuery;
import org.quanli.kernel.rules.NotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who may accept cases of what, and what a body received: the holdings through the views of the list projection's
 * one model (item_origin, item_version, item_holder_period, holdings_on), the delegations from the delegation
 * projection's tables; a fixed number of indexed queries per answer.
 */
@Component
class DelegationQueryHandler {

    static final Map<String, String> RECEIVED_ITEMS_DEFINITIONS = definitions(
            "items", "该单位在 asOf 当日持有且来源于下放、赋权或委托的事项(机构合并后承继的也计入)",
            "departmentCount", "这些事项来自多少个不同的上级(或同级)实施主体:按下放时持有源事项的单位计(多口归一)",
            "openGaps", "该单位登记的承接能力缺口中,在 asOf 当日或之前尚未整改完成的;overdue 指完成时限早于 asOf",
            "confirmedOn", "承接单位确认承接的日期;asOf 之后的确认不显示");

    static final Map<String, String> STATISTICS_DEFINITIONS = definitions(
            "decisions", "该行政区划政府作出的、生效日期在 [from, to] 内的下放、赋权、委托决定数",
            "itemsDevolved", "这些决定中以下放方式下放的不同源事项数",
            "itemsGranted", "这些决定中以赋权方式赋予的不同源事项数",
            "itemsEntrusted", "这些决定中以委托方式委托的不同源事项数",
            "itemsRefused", "这些决定列出、但源事项已不能承受(已不在有效状态,或下放生效日早于其上一次决定)而未能执行的不同源事项数;"
                    + "不计入以上三项",
            "receivers", "这些决定的不同承接单位数",
            "receipts", "决定与承接单位的组合数(每个承接单位对每个决定应确认承接一次)",
            "receiptsConfirmed", "其中在参照日或之前已确认承接的组合数",
            "gapsReported", "针对这些决定登记的承接能力缺口数",
            "gapsClosed", "其中在参照日或之前整改完成的",
            "gapsOpenPastDeadline", "其中完成时限早于参照日、且到参照日仍未整改完成的",
            "recalls", "这些决定中在参照日或之前已收回的",
            "referenceDate", "参照日:to 与今天(北京时间)中较早者");

    private final JdbcClient jdbc;
    private final BodyNames names;
    private final Clock clock;

    DelegationQueryHandler(JdbcClient jdbc, BodyNames names, Clock clock) {
        this.jdbc = jdbc;
        this.names = names;
        this.clock = clock;
    }

    private static Map<String, String> definitions(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return Map.copyOf(map);
    }

    // --- may the body accept cases of the item on the date -------------------------------------------------------

    /**
     * The same answer as the command side's acceptance check: the holder on the date accepts in the capacity its
     * power source gives; otherwise an upper body acting on a receiver's behalf during a devolution's transition
     * (until its end, the day before the handover or the day before a recall) accepts ON_BEHALF.
     */
    @QueryHandler
    Holding handle(HoldingQuery query) {
        requireBody(query.bodyId());
        requireItem(query.itemId());
        LocalDate date = query.date() != null ? query.date() : ChinaTime.today(clock);
        record Held(String bodyId, String powerSource, String delegationId, String document, LocalDate effective,
                    String openDocument, LocalDate from) {
        }
        Held held = jdbc.sql("""
                select h.body_id, i.power_source, i.delegation_id, i.document_number, i.effective_date,
                    h.open_document, h.effective_from
                from item_holder_period h join item_origin i on i.item_id = h.item_id
                where h.item_id = ? and in_effect_on(h.effective_from, h.effective_to, h.term_end, ?)
                order by h.effective_from desc limit 1""")
                .params(query.itemId(), date)
                .query((rs, n) -> new Held(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, LocalDate.class), rs.getString(6), rs.getObject(7, LocalDate.class)))
                .optional().orElse(null);
        Set<String> bodies = new HashSet<>(List.of(query.bodyId()));
        if (held != null) {
            bodies.add(held.bodyId());
        }
        if (held != null && held.bodyId().equals(query.bodyId())) {
            AcceptanceCapacity capacity = AcceptanceCapacity.of(PowerSource.valueOf(held.powerSource()));
            DecisionBasis decision = held.delegationId() != null
                    ? new DecisionBasis(held.delegationId(), held.document(), held.effective())
                    : new DecisionBasis(null, held.openDocument(), held.from());
            var named = names.of(bodies);
            return new Holding(query.bodyId(), query.itemId(), date, true, capacity, capacity.label(), null, null,
                    decision, named.on(held.bodyId(), date), "该单位在此日期持有该事项(" + capacity.label() + ")");
        }
        record Acting(String receiver, String delegationId, String document, LocalDate effective, LocalDate until) {
        }
        Acting acting = jdbc.sql("""
                select t.receiver_body_id, t.delegation_id, d.document_number, d.effective_date, t.ends_on
                from delegation_transition_term_view t join delegation_view d on d.delegation_id = t.delegation_id
                where t.item_id = ? and t.acting_body_id = ? and t.effective_from <= ? and t.ends_on >= ?
                order by t.receiver_body_id limit 1""")
                .params(query.itemId(), query.bodyId(), date, date)
                .query((rs, n) -> new Acting(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class)))
                .optional().orElse(null);
        if (acting != null) {
            bodies.add(acting.receiver());
        }
        var named = names.of(bodies);
        BodyName holder = held == null ? null : named.on(held.bodyId(), date);
        if (acting != null) {
            AcceptanceCapacity capacity = AcceptanceCapacity.ON_BEHALF;
            return new Holding(query.bodyId(), query.itemId(), date, true, capacity, capacity.label(),
                    named.on(acting.receiver(), date), acting.until(),
                    new DecisionBasis(acting.delegationId(), acting.document(), acting.effective()), holder,
                    "过渡期内代承接单位办理,至 " + acting.until() + " 止");
        }
        String why = holder == null ? "该日期没有任何单位持有该有效事项"
                : "该日期该事项由 " + (holder.name() == null ? holder.bodyId() : holder.name()) + " 持有";
        return new Holding(query.bodyId(), query.itemId(), date, false, null, null, null, null, null, holder,
                "不得受理:" + why);
    }

    // --- what a body received -----------------------------------------------------------------------------------

    @QueryHandler
    ReceivedItems handle(ReceivedItemsQuery query) {
        requireBody(query.bodyId());
        LocalDate asOf = query.asOf() != null ? query.asOf() : ChinaTime.today(clock);
        // The received items the body holds in force on the date (a successor holds what a merged body received).
        String held = """
                from holdings_on(:asOf) h join item_origin i on i.item_id = h.item_id
                where h.body_id = :body and i.delegation_id is not null""";
        long total = jdbc.sql("select count(*) " + held).param("body", query.bodyId()).param("asOf", asOf)
                .query(Long.class).single();
        record Row(ReceivedItem item, String sourceBody) {
        }
        List<Row> rows = jdbc.sql("""
                select i.*, v.name, v.type_code, r.confirmed_on
                from holdings_on(:asOf) h join item_origin i on i.item_id = h.item_id
                join lateral (select name, type_code from item_version v where v.item_id = i.item_id
                    order by (v.effective_from <= :asOf) desc, v.version desc limit 1) v on true
                left join delegation_receiver_view r on r.delegation_id = i.delegation_id
                    and r.receiver_body_id = i.body_id
                where h.body_id = :body and i.delegation_id is not null
                order by i.effective_date, v.name, i.item_id limit :limit offset :offset""")
                .param("body", query.bodyId()).param("asOf", asOf)
                .param("limit", query.size()).param("offset", (long) query.page() * query.size())
                .query((rs, n) -> new Row(receivedItem(rs, asOf), rs.getString("source_body_id")))
                .list();
        List<Map.Entry<String, Long>> departments = jdbc.sql("select i.source_body_id, count(*) " + held
                        + " group by i.source_body_id order by count(*) desc, i.source_body_id")
                .param("body", query.bodyId()).param("asOf", asOf)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .list();
        // A gap is about taking the power on, so it stands from the delegation's effective date until it is closed.
        String openGaps = """
                from capacity_gap_view g join delegation_view d on d.delegation_id = g.delegation_id
                where g.receiver_body_id = :body and d.effective_date <= :asOf
                  and (g.closed_on is null or g.closed_on > :asOf)""";
        long gapCount = jdbc.sql("select count(*) " + openGaps).param("body", query.bodyId()).param("asOf", asOf)
                .query(Long.class).single();
        record GapRow(CapacityGap gap, String leadBody) {
        }
        List<GapRow> gaps = jdbc.sql("select g.* " + openGaps + " order by g.deadline, g.gap_id limit 200")
                .param("body", query.bodyId()).param("asOf", asOf)
                .query((rs, n) -> {
                    CapacityGapKind kind = CapacityGapKind.valueOf(rs.getString("kind"));
                    LocalDate deadline = rs.getObject("deadline", LocalDate.class);
                    return new GapRow(new CapacityGap(rs.getString("gap_id"), rs.getString("delegation_id"), kind,
                            kind.label(), rs.getString("description"), rs.getString("measure"), null, deadline,
                            deadline.isBefore(asOf), null), rs.getString("lead_body_id"));
                })
                .list();

        Set<String> bodies = new HashSet<>(List.of(query.bodyId()));
        rows.forEach(row -> bodies.add(row.sourceBody()));
        departments.forEach(d -> bodies.add(d.getKey()));
        gaps.forEach(g -> bodies.add(g.leadBody()));
        var named = names.of(bodies);
        List<ReceivedItem> items = rows.stream().map(row -> {
            ReceivedItem item = row.item();
            return new ReceivedItem(item.itemId(), item.name(), item.typeCode(), item.typeLabel(), item.mode(),
                    item.modeLabel(), item.powerSourceCode(), item.powerSourceLabel(), item.sourceItemId(),
                    named.on(row.sourceBody(), item.effectiveDate()), item.delegationId(), item.documentNumber(),
                    item.effectiveDate(), item.confirmedOn());
        }).toList();
        List<Department> sources = departments.stream()
                .map(d -> new Department(named.on(d.getKey(), asOf), d.getValue())).toList();
        List<CapacityGap> namedGaps = gaps.stream().map(row -> {
            CapacityGap g = row.gap();
            return new CapacityGap(g.gapId(), g.delegationId(), g.kind(), g.kindLabel(), g.description(), g.measure(),
                    named.on(row.leadBody(), asOf), g.deadline(), g.overdue(), g.closedOn());
        }).toList();
        return new ReceivedItems(named.on(query.bodyId(), asOf), asOf, departments.size(), sources, items,
                query.page(), query.size(), total, gapCount, namedGaps, RECEIVED_ITEMS_DEFINITIONS);
    }

    private static ReceivedItem receivedItem(ResultSet rs, LocalDate asOf) throws SQLException {
        ItemType type = CodedValue.byCode(ItemType.class, rs.getString("type_code")).orElseThrow();
        DelegationMode mode = DelegationMode.valueOf(rs.getString("mode"));
        PowerSource source = PowerSource.valueOf(rs.getString("power_source"));
        LocalDate confirmed = rs.getObject("confirmed_on", LocalDate.class);
        return new ReceivedItem(rs.getString("item_id"), rs.getString("name"), type.code(), type.label(), mode,
                mode.label(), source.code(), source.label(), rs.getString("source_item_id"), null,
                rs.getString("delegation_id"), rs.getString("document_number"),
                rs.getObject("effective_date", LocalDate.class),
                confirmed != null && !confirmed.isAfter(asOf) ? confirmed : null);
    }

    // --- statistics -----------------------------------------------------------------------------------------------

    @QueryHandler
    DelegationStatistics handle(DelegationStatisticsQuery query) {
        requireJurisdiction(query.jurisdictionCode());
        LocalDate reference = query.to().isBefore(ChinaTime.today(clock)) ? query.to() : ChinaTime.today(clock);
        return jdbc.sql("""
                with d as (select * from delegation_view where deciding_jurisdiction_code = :jurisdiction
                           and effective_date between :from and :to),
                     i as (select di.item_id, d.mode from delegation_item_not_refused di
                           join d on d.delegation_id = di.delegation_id),
                     r as (select r.* from delegation_receiver_view r join d on d.delegation_id = r.delegation_id),
                     g as (select g.* from capacity_gap_view g join d on d.delegation_id = g.delegation_id)
                select (select count(*) from d) as decisions,
                       (select count(distinct item_id) from i where mode = 'DEVOLVE') as devolved,
                       (select count(distinct item_id) from i where mode = 'GRANT') as granted,
                       (select count(distinct item_id) from i where mode = 'ENTRUST') as entrusted,
                       (select count(distinct x.item_id) from delegation_refusal_view x
                        join d on d.delegation_id = x.delegation_id) as refused,
                       (select count(distinct receiver_body_id) from r) as receivers,
                       (select count(*) from r) as receipts,
                       (select count(*) from r where confirmed_on <= :reference) as confirmed,
                       (select count(*) from g) as gaps,
                       (select count(*) from g where closed_on <= :reference) as closed,
                       (select count(*) from g where deadline < :reference
                            and (closed_on is null or closed_on > :reference)) as overdue,
                       (select count(*) from d where recall_effective_date <= :reference) as recalls""")
                .param("jurisdiction", query.jurisdictionCode()).param("from", query.from()).param("to", query.to())
                .param("reference", reference)
                .query((rs, n) -> new DelegationStatistics(query.jurisdictionCode(), query.from(), query.to(),
                        reference, rs.getLong("decisions"), rs.getLong("devolved"), rs.getLong("granted"),
                        rs.getLong("entrusted"), rs.getLong("refused"), rs.getLong("receivers"), rs.getLong("receipts"),
                        rs.getLong("confirmed"), rs.getLong("gaps"), rs.getLong("closed"), rs.getLong("overdue"),
                        rs.getLong("recalls"), STATISTICS_DEFINITIONS))
                .single();
    }

    // --- existence ------------------------------------------------------------------------------------------------

    void requireBody(String bodyId) {
        if (jdbc.sql("select count(*) from delegation_body_view where body_id = ?").param(bodyId)
                .query(Long.class).single() == 0) {
            throw new NotFound("implementing body", bodyId);
        }
    }

    void requireItem(String itemId) {
        if (jdbc.sql("select count(*) from item_origin where item_id = ?").param(itemId)
                .query(Long.class).single() == 0) {
            throw new NotFound("power item", itemId);
        }
    }

    void requireJurisdiction(String code) {
        if (jdbc.sql("select count(*) from jurisdiction_view where code = ?").param(code)
                .query(Long.class).single() == 0) {
            throw new NotFound("jurisdiction", code);
        }
    }
}
