package org.quanli.query.powerlist;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.axonframework.queryhandling.QueryHandler;
import org.quanli.kernel.calendar.ChinaTime;
import org.quanli.kernel.codes.CodedValue;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.powerlist.ChangeKind;
import org.quanli.kernel.powerlist.ListCursor;
import org.quanli.kernel.powerlist.ListStatus;
import org.quanli.kernel.powerlist.PowerListQueries.HistoryEntry;
import org.quanli.kernel.powerlist.PowerListQueries.ItemHistory;
import org.quanli.kernel.powerlist.PowerListQueries.ItemHistoryQuery;
import org.quanli.kernel.powerlist.PowerListQueries.ItemQuery;
import org.quanli.kernel.powerlist.PowerListQueries.ItemRegister;
import org.quanli.kernel.powerlist.PowerListQueries.ItemRegisterQuery;
import org.quanli.kernel.powerlist.PowerListQueries.ItemSummary;
import org.quanli.kernel.powerlist.PowerListQueries.ItemVersions;
import org.quanli.kernel.powerlist.PowerListQueries.ItemVersionsQuery;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedItem;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedItemDetail;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedItemQuery;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedList;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedListQuery;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedTypeCounts;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedTypeCountsQuery;
import org.quanli.kernel.powerlist.PowerListQueries.TypeCount;
import org.quanli.kernel.powerlist.PowerListQueries.VersionPeriod;
import org.quanli.kernel.powerlist.ReviewStatus;
import org.quanli.kernel.rules.NotFound;
import org.quanli.platform.db.SqlValues;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers power-list queries from the projections' tables, one indexed query per page. A list is read on an
 * effective date ({@code asOf}) as the ledger knew it at a recorded time ({@code knownAt}); see
 * {@link PublishedItemRows#standsOn}.
 */
@Component
class PowerListQueryHandler {

    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final PublishedItemRows rows;
    private final Clock clock;

    PowerListQueryHandler(JdbcClient jdbc, JsonMapper json, PublishedItemRows rows, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.rows = rows;
        this.clock = clock;
    }

    /**
     * One page in list order (type, name, item), read through the order indexes: after or before a cursor it
     * reads only the page's rows (one more, to know whether another page follows), whatever the depth. The total
     * comes from the counts the projection keeps ({@code published_list_count}) when they answer the question.
     */
    @QueryHandler
    PublishedList handle(PublishedListQuery query) {
        ListWhere list = listWhere(query, true);
        long total = counted(query, true).map(rows -> rows.stream().mapToLong(TypeCount::items).sum())
                .orElseGet(() -> jdbc.sql("select count(*) from published_item_version p " + list.where())
                        .params(list.params()).query(Long.class).single());
        ListCursor after = query.after();
        ListCursor before = query.before();
        ListCursor from = before != null ? before : after;
        String where = list.where();
        String order = " order by p.type_code, p.name, p.item_id";
        if (from != null) {
            where += before != null ? " and (p.type_code, p.name, p.item_id) < (:fromType, :fromName, :fromItem)"
                    : " and (p.type_code, p.name, p.item_id) > (:fromType, :fromName, :fromItem)";
            list.params().put("fromType", from.typeCode());
            list.params().put("fromName", from.name());
            list.params().put("fromItem", from.itemId());
            if (before != null) {
                order = " order by p.type_code desc, p.name desc, p.item_id desc";
            }
        }
        list.params().put("limit", query.size() + 1);
        list.params().put("offset", from != null ? 0L : (long) query.page() * query.size());
        // An empty list (a date before any of it took effect) has no page to look for among the rows. The page's
        // rows are found first and only they are read in full: the rows an offset skips cost no body or
        // entrustment look-ups.
        List<PublishedItem> items = total == 0 ? new ArrayList<>() : new ArrayList<>(jdbc.sql("select "
                        + PublishedItemRows.columns("p", "b", "", "asOf")
                        + " from (select p.* from published_item_version p " + where + order
                        + " limit :limit offset :offset) p left join body_view b on b.body_id = p.body_id" + order)
                .params(list.params())
                .query((rs, n) -> rows.item(rs, ""))
                .list());
        boolean more = items.size() > query.size();
        if (more) {
            items.remove(items.size() - 1);
        }
        if (before != null) {
            Collections.reverse(items);
        }
        String next = null;
        String previous = null;
        if (!items.isEmpty()) {
            String first = cursor(items.get(0));
            String last = cursor(items.get(items.size() - 1));
            next = before != null || more ? last : null;
            previous = before != null ? (more ? first : null) : (after != null || query.page() > 0 ? first : null);
        }
        return new PublishedList(list.asOf(), list.knownAt(), items, query.page(), query.size(), total, next,
                previous);
    }

    private static String cursor(PublishedItem item) {
        return new ListCursor(item.typeCode(), item.name(), item.itemId()).encode();
    }

    /** The same rows as the list, whatever their type, counted by type. */
    @QueryHandler
    PublishedTypeCounts handle(PublishedTypeCountsQuery query) {
        List<TypeCount> counts = counted(query.list(), false).orElseGet(() -> {
            ListWhere list = listWhere(query.list(), false);
            return jdbc.sql("select p.type_code, count(*) from published_item_version p "
                            + list.where() + " group by p.type_code order by p.type_code")
                    .params(list.params())
                    .query((rs, n) -> typeCount(rs.getString(1), rs.getLong(2)))
                    .list();
        });
        return new PublishedTypeCounts(counts, counts.stream().mapToLong(TypeCount::items).sum());
    }

    private static TypeCount typeCount(String code, long items) {
        return new TypeCount(code, CodedValue.byCode(ItemType.class, code).map(ItemType::label).orElse(code), items);
    }

    /**
     * The list's items by type from the kept counts: a place's list as the ledger knows it now, filtered by body,
     * type (when {@code byType}) and level, on any date. Empty when the question is one the counts cannot answer
     * (as known at an earlier time, or a name search): those are counted from the rows.
     */
    private Optional<List<TypeCount>> counted(PublishedListQuery query, boolean byType) {
        if (query.knownAt() != null || (query.nameContains() != null && !query.nameContains().isBlank())
                || (query.jurisdictionCode() == null && query.bodyId() == null)) {
            return Optional.empty();
        }
        StringBuilder where = new StringBuilder("where c.effective_date <= :asOf");
        Map<String, Object> params = new HashMap<>();
        params.put("asOf", query.asOf() != null ? query.asOf() : ChinaTime.today(clock));
        if (query.jurisdictionCode() != null) {
            where.append(" and c.jurisdiction_code = :jurisdiction");
            params.put("jurisdiction", query.jurisdictionCode());
        }
        if (query.bodyId() != null) {
            where.append(" and c.body_id = :body");
            params.put("body", query.bodyId());
        }
        if (byType && query.type() != null) {
            where.append(" and c.type_code = :type");
            params.put("type", query.type().code());
        }
        if (query.exerciseLevelCode() != null) {
            where.append(" and c.exercise_level_code = :level");
            params.put("level", query.exerciseLevelCode());
        }
        if (query.publicOnly()) {
            where.append(" and c.is_public");
        }
        return Optional.of(jdbc.sql("select c.type_code, sum(c.change) from published_list_count c " + where
                        + " group by c.type_code having sum(c.change) > 0 order by c.type_code")
                .params(params)
                .query((rs, n) -> typeCount(rs.getString(1), rs.getLong(2)))
                .list());
    }

    private record ListWhere(String where, Map<String, Object> params, LocalDate asOf, Instant knownAt) {
    }

    private ListWhere listWhere(PublishedListQuery query, boolean byType) {
        LocalDate asOf = query.asOf() != null ? query.asOf() : ChinaTime.today(clock);
        Instant knownAt = query.knownAt() != null ? query.knownAt() : clock.instant();
        StringBuilder where = new StringBuilder("where " + PublishedItemRows.standsOn("p", "asOf"));
        Map<String, Object> params = new HashMap<>();
        params.put("asOf", asOf);
        params.put("knownAt", SqlValues.timestamp(knownAt));
        if (query.jurisdictionCode() != null) {
            where.append(" and p.jurisdiction_code = :jurisdiction");
            params.put("jurisdiction", query.jurisdictionCode());
        }
        if (query.bodyId() != null) {
            where.append(" and p.body_id = :body");
            params.put("body", query.bodyId());
        }
        if (byType && query.type() != null) {
            where.append(" and p.type_code = :type");
            params.put("type", query.type().code());
        }
        if (query.exerciseLevelCode() != null) {
            where.append(" and p.exercise_level_code = :level");
            params.put("level", query.exerciseLevelCode());
        }
        if (query.nameContains() != null && !query.nameContains().isBlank()) {
            where.append(" and p.name ilike :name escape '\\'");
            params.put("name", SqlValues.containing(query.nameContains().strip()));
        }
        if (query.publicOnly()) {
            where.append(" and p.is_public");
        }
        return new ListWhere(where.toString(), params, asOf, knownAt);
    }

    @QueryHandler
    PublishedItemDetail handle(PublishedItemQuery query) {
        LocalDate asOf = query.asOf() != null ? query.asOf() : ChinaTime.today(clock);
        return jdbc.sql("select " + PublishedItemRows.columns("p", "b", "", "asOf") + ", "
                        + PublishedItemRows.content("p", "") + """
                         from published_item_version p left join body_view b on b.body_id = p.body_id
                        where p.item_id = :item and""" + " " + PublishedItemRows.standsOn("p", "asOf")
                        + (query.publicOnly() ? " and p.is_public" : "")
                        + " order by p.opened_sequence desc limit 1")
                .param("item", query.itemId())
                .param("asOf", asOf)
                .param("knownAt", SqlValues.timestamp(clock.instant()))
                .query((rs, n) -> new PublishedItemDetail(rows.item(rs, ""), rows.content(rs, "")))
                .optional()
                .orElseThrow(() -> new NotFound("published power item", query.itemId() + " on " + asOf));
    }

    @QueryHandler
    ItemSummary handle(ItemQuery query) {
        return jdbc.sql("select * from item_view where item_id = ?").param(query.itemId())
                .query(this::itemSummary)
                .optional()
                .orElseThrow(() -> new NotFound("power item", query.itemId()));
    }

    @QueryHandler
    ItemRegister handle(ItemRegisterQuery query) {
        StringBuilder where = new StringBuilder("where true");
        Map<String, Object> params = new HashMap<>();
        if (query.jurisdictionCode() != null) {
            where.append(" and jurisdiction_code = :jurisdiction");
            params.put("jurisdiction", query.jurisdictionCode());
        }
        if (query.bodyId() != null) {
            where.append(" and body_id = :body");
            params.put("body", query.bodyId());
        }
        if (query.listStatus() != null) {
            where.append(" and list_status = :listStatus");
            params.put("listStatus", query.listStatus().name());
        }
        if (query.reviewStatus() != null) {
            where.append(" and review_status = :reviewStatus");
            params.put("reviewStatus", query.reviewStatus().name());
        }
        // A draft's name and type are in its pending content until it is first published.
        if (query.type() != null) {
            where.append(" and coalesce(content, pending_content) ->> 'type' = :type");
            params.put("type", query.type().name());
        }
        if (query.nameContains() != null && !query.nameContains().isBlank()) {
            where.append(" and coalesce(content, pending_content) ->> 'name' ilike :name escape '\\'");
            params.put("name", SqlValues.containing(query.nameContains().strip()));
        }
        long total = jdbc.sql("select count(*) from item_view " + where).params(params).query(Long.class).single();
        params.put("limit", query.size());
        params.put("offset", (long) query.page() * query.size());
        List<ItemSummary> items = jdbc.sql("select * from item_view " + where
                        + " order by last_changed_at desc, item_id limit :limit offset :offset")
                .params(params).query(this::itemSummary).list();
        return new ItemRegister(items, query.page(), query.size(), total);
    }

    private ItemSummary itemSummary(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        ListStatus listStatus = ListStatus.valueOf(rs.getString("list_status"));
        String pending = rs.getString("pending_change");
        return new ItemSummary(rs.getString("item_id"), rs.getString("body_id"), rs.getString("jurisdiction_code"),
                listStatus, listStatus.label(), ReviewStatus.valueOf(rs.getString("review_status")),
                pending == null ? null : ChangeKind.valueOf(pending), rs.getLong("version"),
                rs.getObject("published_version", Integer.class), rows.content(rs, ""), rows.content(rs, "pending_"),
                rs.getTimestamp("last_changed_at").toInstant());
    }

    @QueryHandler
    ItemHistory handle(ItemHistoryQuery query) {
        long total = jdbc.sql("select count(*) from item_history where item_id = ?").param(query.itemId())
                .query(Long.class).single();
        if (total == 0) {
            throw new NotFound("power item", query.itemId());
        }
        List<HistoryEntry> entries = jdbc.sql("""
                select * from item_history where item_id = ? order by sequence_number limit ? offset ?""")
                .params(query.itemId(), query.size(), (long) query.page() * query.size())
                .query((rs, n) -> new HistoryEntry(rs.getLong("sequence_number"), rs.getString("event_id"),
                        rs.getLong("position"), rs.getString("event_type"), rs.getString("description"),
                        rs.getString("actor_user_id"), rs.getString("actor_name"), rs.getString("actor_role"),
                        rs.getString("actor_body"), rs.getString("document_number"),
                        rs.getObject("effective_date", LocalDate.class),
                        rs.getTimestamp("recorded_at").toInstant(),
                        json.readValue(rs.getString("details"), DETAILS)))
                .list();
        List<String> described = BodyNames.fill(jdbc, entries.stream().map(HistoryEntry::description).toList());
        List<HistoryEntry> named = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            HistoryEntry e = entries.get(i);
            named.add(new HistoryEntry(e.sequence(), e.eventId(), e.position(), e.event(), described.get(i),
                    e.actorUserId(), e.actorName(), e.actorRole(), e.actorBody(), e.documentNumber(),
                    e.effectiveDate(), e.recordedAt(), e.details(), e.inclusionProof()));
        }
        return new ItemHistory(query.itemId(), named, query.page(), query.size(), total);
    }

    /** Every period, in the order the decisions were made. An item is never on the list more than a few times. */
    @QueryHandler
    ItemVersions handle(ItemVersionsQuery query) {
        List<VersionPeriod> periods = jdbc.sql("""
                select * from published_item_version where item_id = ? order by opened_sequence""")
                .param(query.itemId())
                .query((rs, n) -> new VersionPeriod(rs.getInt("version"),
                        rs.getObject("effective_from", LocalDate.class), rs.getObject("effective_to", LocalDate.class),
                        rs.getString("ended_by"), rs.getString("document_number"),
                        rs.getString("end_document_number"), rs.getTimestamp("recorded_at").toInstant(),
                        rows.content(rs, ""), rs.getString("body_id"), rs.getString("jurisdiction_code"),
                        rs.getString("opened_by"), instant(rs.getTimestamp("end_recorded_at"))))
                .list();
        if (periods.isEmpty() && jdbc.sql("select count(*) from item_view where item_id = ?").param(query.itemId())
                .query(Long.class).single() == 0) {
            throw new NotFound("power item", query.itemId());
        }
        return new ItemVersions(query.itemId(), periods);
    }

    private static Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
