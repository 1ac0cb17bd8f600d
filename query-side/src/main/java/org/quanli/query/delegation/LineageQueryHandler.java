package org.quanli.query.delegation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.queryhandling.QueryHandler;
import org.quanli.kernel.codes.CodedValue;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.codes.PowerSource;
import org.quanli.kernel.delegation.DelegationMode;
import org.quanli.kernel.delegation.DelegationQueries.HolderPeriod;
import org.quanli.kernel.delegation.DelegationQueries.Lineage;
import org.quanli.kernel.delegation.DelegationQueries.LineageDelegation;
import org.quanli.kernel.delegation.DelegationQueries.LineageNode;
import org.quanli.kernel.delegation.DelegationQueries.LineageQuery;
import org.quanli.kernel.delegation.DelegationQueries.LineageReceiver;
import org.quanli.kernel.delegation.DelegationQueries.Refusal;
import org.quanli.kernel.delegation.DelegationQueries.Transition;
import org.quanli.kernel.rules.NotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import static org.quanli.kernel.delegation.DelegationMessages.receivedItemId;

/**
 * The lineage of a power: up the chain of sources to the item held in its own right, then the whole tree below it.
 * The tree is read with a fixed number of queries (the item ids by recursive queries, then every fact of all of
 * them at once) and assembled in memory.
 */
@Component
class LineageQueryHandler {

    private final JdbcClient jdbc;
    private final BodyNames names;

    LineageQueryHandler(JdbcClient jdbc, BodyNames names) {
        this.jdbc = jdbc;
        this.names = names;
    }

    private record Item(String itemId, String powerSource, String document, LocalDate effective, String name,
                        String typeCode) {
    }

    private record Holder(String itemId, String bodyId, LocalDate from, LocalDate to, String openedBy,
                          String openDocument, String endedBy, String endDocument) {
    }

    private record Decided(String itemId, String delegationId, DelegationMode mode, String jurisdiction,
                           String document, LocalDate effective, LocalDate transitionEnd, LocalDate termEnd,
                           String recallDocument, LocalDate recallEffective, Refusal refusal) {
    }

    private record Received(String delegationId, String bodyId, LocalDate confirmedOn, LocalDate handedOverOn) {
    }

    private record Acting(String delegationId, String itemId, String receiver, String actingBody, LocalDate until,
                          LocalDate endsOn) {
    }

    @QueryHandler
    Lineage handle(LineageQuery query) {
        List<String> path = jdbc.sql("""
                with recursive up(item_id, source_item_id, depth) as (
                    select item_id, source_item_id, 0 from item_origin where item_id = ?
                    union all
                    select i.item_id, i.source_item_id, up.depth + 1
                    from item_origin i join up on i.item_id = up.source_item_id)
                select item_id from up order by depth desc""")
                .param(query.itemId()).query(String.class).list();
        if (path.isEmpty()) {
            throw new NotFound("power item", query.itemId());
        }
        String root = path.get(0);
        Map<String, Item> items = new LinkedHashMap<>();
        jdbc.sql("""
                with recursive down(item_id) as (
                    select item_id from item_origin where item_id = ?
                    union all
                    select i.item_id from item_origin i join down on i.source_item_id = down.item_id)
                select i.item_id, i.power_source, i.document_number, i.effective_date, v.name, v.type_code
                from down join item_origin i on i.item_id = down.item_id
                join lateral (select name, type_code from item_version v where v.item_id = i.item_id
                              order by v.version desc limit 1) v on true""")
                .param(root)
                .query((rs, n) -> items.put(rs.getString(1), new Item(rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getObject(4, LocalDate.class), rs.getString(5), rs.getString(6))))
                .list();
        List<String> ids = List.copyOf(items.keySet());

        Map<String, List<Holder>> holders = new HashMap<>();
        jdbc.sql("""
                select item_id, body_id, effective_from, effective_to, opened_by, open_document, ended_by, end_document
                from item_holder_period where item_id in (:ids) order by item_id, effective_from, open_position""")
                .param("ids", ids)
                .query((rs, n) -> holders.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(new Holder(
                        rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                        rs.getObject(4, LocalDate.class), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getString(8))))
                .list();
        Map<String, List<Decided>> decided = new HashMap<>();
        jdbc.sql("""
                select di.item_id, d.*, x.rule as refused_rule, x.reason as refused_reason
                from delegation_item_view di
                join delegation_view d on d.delegation_id = di.delegation_id
                left join delegation_refusal_view x on x.delegation_id = di.delegation_id and x.item_id = di.item_id
                where di.item_id in (:ids) order by d.effective_date, d.position""")
                .param("ids", ids)
                .query((rs, n) -> decided.computeIfAbsent(rs.getString("item_id"), id -> new ArrayList<>()).add(
                        new Decided(rs.getString("item_id"), rs.getString("delegation_id"),
                                DelegationMode.valueOf(rs.getString("mode")),
                                rs.getString("deciding_jurisdiction_code"), rs.getString("document_number"),
                                rs.getObject("effective_date", LocalDate.class),
                                rs.getObject("transition_end", LocalDate.class),
                                rs.getObject("term_end", LocalDate.class), rs.getString("recall_document_number"),
                                rs.getObject("recall_effective_date", LocalDate.class),
                                rs.getString("refused_rule") == null ? null
                                        : new Refusal(rs.getString("refused_rule"), rs.getString("refused_reason")))))
                .list();
        List<String> delegations = decided.values().stream().flatMap(List::stream).map(Decided::delegationId)
                .distinct().toList();
        Map<String, List<Received>> receivers = new HashMap<>();
        Map<String, List<Acting>> transitions = new HashMap<>();
        if (!delegations.isEmpty()) {
            jdbc.sql("""
                    select delegation_id, receiver_body_id, confirmed_on, handed_over_on from delegation_receiver_view
                    where delegation_id in (:ids) order by delegation_id, receiver_body_id""")
                    .param("ids", delegations)
                    .query((rs, n) -> receivers.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(
                            new Received(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                                    rs.getObject(4, LocalDate.class))))
                    .list();
            jdbc.sql("""
                    select t.delegation_id, t.item_id, t.receiver_body_id, t.acting_body_id, t.until, t.ends_on
                    from delegation_transition_term_view t
                    where t.delegation_id in (:ids) order by t.acting_body_id""")
                    .param("ids", delegations)
                    .query((rs, n) -> transitions.computeIfAbsent(
                            rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3),
                            key -> new ArrayList<>()).add(new Acting(rs.getString(1), rs.getString(2),
                            rs.getString(3), rs.getString(4), rs.getObject(5, LocalDate.class),
                            rs.getObject(6, LocalDate.class))))
                    .list();
        }
        Set<String> bodies = new HashSet<>();
        holders.values().forEach(list -> list.forEach(h -> bodies.add(h.bodyId())));
        receivers.values().forEach(list -> list.forEach(r -> bodies.add(r.bodyId())));
        transitions.values().forEach(list -> list.forEach(t -> bodies.add(t.actingBody())));
        Tree tree = new Tree(items, holders, decided, receivers, transitions, names.of(bodies));
        return new Lineage(query.itemId(), root, path, tree.node(root));
    }

    private record Tree(Map<String, Item> items, Map<String, List<Holder>> holders,
                        Map<String, List<Decided>> decided, Map<String, List<Received>> receivers,
                        Map<String, List<Acting>> transitions, BodyNames.Names names) {

        LineageNode node(String itemId) {
            Item item = items.get(itemId);
            if (item == null) {
                return null;
            }
            ItemType type = CodedValue.byCode(ItemType.class, item.typeCode()).orElseThrow();
            PowerSource source = PowerSource.valueOf(item.powerSource());
            List<HolderPeriod> periods = holders.getOrDefault(itemId, List.of()).stream()
                    .map(h -> new HolderPeriod(names.on(h.bodyId(), h.from()), h.from(), h.to(), h.openedBy(),
                            h.openDocument(), h.endedBy(), h.endDocument()))
                    .toList();
            List<LineageDelegation> sent = decided.getOrDefault(itemId, List.of()).stream()
                    .map(d -> delegation(itemId, d)).toList();
            return new LineageNode(itemId, item.name(), type.code(), type.label(), source.code(), source.label(),
                    item.document(), item.effective(), periods, sent);
        }

        private LineageDelegation delegation(String itemId, Decided d) {
            List<LineageReceiver> to = receivers.getOrDefault(d.delegationId(), List.of()).stream()
                    .map(r -> new LineageReceiver(names.on(r.bodyId(), d.effective()), r.confirmedOn(),
                            r.handedOverOn(),
                            transitions.getOrDefault(d.delegationId() + "|" + itemId + "|" + r.bodyId(), List.of())
                                    .stream()
                                    .map(t -> new Transition(names.on(t.actingBody(), d.effective()), t.until(),
                                            t.endsOn()))
                                    .toList(),
                            node(receivedItemId(d.delegationId(), itemId, r.bodyId()))))
                    .toList();
            return new LineageDelegation(d.delegationId(), d.mode(), d.mode().label(), d.jurisdiction(),
                    d.document(), d.effective(), d.transitionEnd(), d.termEnd(), d.recallDocument(),
                    d.recallEffective(), d.refusal(), to);
        }
    }
}
