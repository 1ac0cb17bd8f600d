package org.quanli.query.powerlist;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.queryhandling.QueryHandler;
import org.quanli.kernel.codes.CodedValue;
import org.quanli.kernel.codes.ExerciseLevel;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.powerlist.ItemContent;
import org.quanli.kernel.powerlist.ChangeKind;
import org.quanli.kernel.powerlist.ListStatus;
import org.quanli.kernel.powerlist.ReviewStatus;
import org.quanli.kernel.powerlist.LegalBasis;
import org.quanli.kernel.powerlist.PowerListQueries.HistoryEntry;
import org.quanli.kernel.powerlist.PowerListQueries.ItemHistory;
import org.quanli.kernel.powerlist.PowerListQueries.ItemHistoryQuery;
import org.quanli.kernel.powerlist.PowerListQueries.ItemQuery;
import org.quanli.kernel.powerlist.PowerListQueries.ItemSummary;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedItem;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedList;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedListQuery;
import org.quanli.kernel.rules.NotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Answers power-list queries from the projections' tables, one indexed query per page. */
@Component
class PowerListQueryHandler {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final TypeReference<List<LegalBasis>> LEGAL_BASES = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    PowerListQueryHandler(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @QueryHandler
    PublishedList handle(PublishedListQuery query) {
        LocalDate asOf = query.asOf() != null ? query.asOf() : LocalDate.now(BEIJING);
        StringBuilder where = new StringBuilder("""
                where v.effective_from <= :asOf and (v.effective_to is null or v.effective_to > :asOf)""");
        Map<String, Object> params = new HashMap<>();
        params.put("asOf", asOf);
        if (query.jurisdictionCode() != null) {
            where.append(" and v.jurisdiction_code = :jurisdiction");
            params.put("jurisdiction", query.jurisdictionCode());
        }
        if (query.bodyId() != null) {
            where.append(" and v.body_id = :body");
            params.put("body", query.bodyId());
        }
        if (query.type() != null) {
            where.append(" and v.type_code = :type");
            params.put("type", query.type().code());
        }
        if (query.nameContains() != null && !query.nameContains().isBlank()) {
            where.append(" and v.name ilike :name escape '\\'");
            params.put("name", "%" + escapeLike(query.nameContains().strip()) + "%");
        }
        // Bridge until the list periods carry codes and the public attribute: read them from the item's current
        // content (exact for items with one published version).
        if (query.publicOnly()) {
            where.append(" and coalesce((i.content -> 'publicity' ->> 'isPublic')::boolean, true)");
        }
        String from = " from published_item_version v left join item_view i on i.item_id = v.item_id ";
        long total = jdbc.sql("select count(*)" + from + where).params(params)
                .query(Long.class).single();
        params.put("limit", query.size());
        params.put("offset", (long) query.page() * query.size());
        List<PublishedItem> items = jdbc.sql("""
                select v.*, b.name as body_name, i.content ->> 'exerciseLevel' as exercise_level,
                       i.content ->> 'catalogueCode' as catalogue_code,
                       i.content ->> 'implementationCode' as implementation_code
                """ + from + " left join body_view b on b.body_id = v.body_id " + where + " order by v.type_code, v.name, v.item_id limit :limit offset :offset")
                .params(params)
                .query(this::publishedItem)
                .list();
        return new PublishedList(asOf, query.knownAt(), items, query.page(), query.size(), total);
    }

    @QueryHandler
    ItemSummary handle(ItemQuery query) {
        return jdbc.sql("select * from item_view where item_id = ?").param(query.itemId())
                .query((rs, n) -> {
                    ListStatus listStatus = ListStatus.valueOf(rs.getString("list_status"));
                    String pending = rs.getString("pending_change");
                    return new ItemSummary(rs.getString("item_id"), rs.getString("body_id"),
                            rs.getString("jurisdiction_code"), listStatus, listStatus.label(),
                            ReviewStatus.valueOf(rs.getString("review_status")),
                            pending == null ? null : ChangeKind.valueOf(pending), rs.getLong("version"),
                            rs.getObject("published_version", Integer.class), content(rs.getString("content")),
                            content(rs.getString("pending_content")), rs.getTimestamp("last_changed_at").toInstant());
                })
                .optional()
                .orElseThrow(() -> new NotFound("power item", query.itemId()));
    }

    private ItemContent content(String jsonText) {
        return jsonText == null ? null : json.readValue(jsonText, ItemContent.class);
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
        return new ItemHistory(query.itemId(), entries, query.page(), query.size(), total);
    }

    private PublishedItem publishedItem(ResultSet rs, int row) throws SQLException {
        ItemType type = CodedValue.byCode(ItemType.class, rs.getString("type_code")).orElseThrow();
        int promised = rs.getInt("promised_limit_days");
        String level = rs.getString("exercise_level");
        return new PublishedItem(rs.getString("item_id"), rs.getInt("version"), rs.getString("name"), type.code(),
                type.label(), level == null ? null : ExerciseLevel.valueOf(level).code(), rs.getString("catalogue_code"),
                rs.getString("implementation_code"), rs.getString("body_id"), rs.getString("body_name"), rs.getString("jurisdiction_code"),
                rs.getInt("legal_limit_days"), promised, promised == 0,
                json.readValue(rs.getString("legal_bases"), LEGAL_BASES), rs.getString("document_number"),
                rs.getObject("effective_from", LocalDate.class));
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
