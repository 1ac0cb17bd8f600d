package org.quanli.query.powerlist;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.axonframework.queryhandling.QueryHandler;
import org.quanli.kernel.powerlist.ItemContent;
import org.quanli.kernel.powerlist.PowerListQueries.ChangedItem;
import org.quanli.kernel.powerlist.PowerListQueries.FieldChange;
import org.quanli.kernel.powerlist.PowerListQueries.ListDiff;
import org.quanli.kernel.powerlist.PowerListQueries.ListDiffQuery;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedItem;
import org.quanli.kernel.powerlist.PowerListQueries.RemovedItem;
import org.quanli.platform.db.SqlValues;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What changed in a jurisdiction's or body's list between two effective dates, as known now. The two lists are
 * compared in SQL (anti-joins and a join on the item), so a list of tens of thousands of items is never loaded:
 * each part is counted in full and only the requested page is read.
 *
 * <ul>
 *   <li>added: on the list at {@code to}, not at {@code from};</li>
 *   <li>removed: on the list at {@code from}, not at {@code to}, with the decision that keeps it off at {@code to}
 *   and its document and effective date;</li>
 *   <li>changed: on both, with a different content or body; the fields that differ with old and new values.</li>
 * </ul>
 */
@Component
class ListDiffQueryHandler {

    /**
     * On both lists but changed: under another body, or in another version with other content (contents are only
     * compared when the versions differ, which keeps the comparison off the many items that did not change).
     */
    private static final String CHANGED =
            "(f.body_id <> t.body_id or (f.version <> t.version and f.content is distinct from t.content))";

    /** The clean-up outcomes that take an item off the list; each has a {@link PeriodEnd} of the same name. */
    private static final String REMOVING_OUTCOMES = Arrays.stream(CleanupOutcome.values())
            .filter(CleanupOutcome::removes).map(o -> "'" + o.name() + "'").collect(Collectors.joining(", "));

    private final JdbcClient jdbc;
    private final PublishedItemRows rows;
    private final Clock clock;

    ListDiffQueryHandler(JdbcClient jdbc, PublishedItemRows rows, Clock clock) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.clock = clock;
    }

    @QueryHandler
    ListDiff handle(ListDiffQuery query) {
        ListScope listScope = ListScope.of(query.jurisdictionCode(), query.bodyId(), query.from(), query.to());
        String scope = listScope.column();
        Map<String, Object> params = Map.of(
                "scope", listScope.value(),
                "from", query.from(), "to", query.to(), "knownAt", SqlValues.timestamp(clock.instant()),
                "limit", query.size(), "offset", (long) query.page() * query.size());
        String lists = lists(scope, query.publicOnly());

        var totals = jdbc.sql(lists + """
                select (select count(*) from at_to t
                            where not exists (select 1 from at_from f where f.item_id = t.item_id)),
                       (select count(*) from at_from f
                            where not exists (select 1 from at_to t where t.item_id = f.item_id)),
                       (select count(*) from at_from f join at_to t on t.item_id = f.item_id where %s)"""
                .formatted(CHANGED))
                .params(params)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
                .single();

        List<PublishedItem> added = jdbc.sql(lists + "select " + PublishedItemRows.columns("t", "b", "", "to") + """
                 from at_to t left join body_view b on b.body_id = t.body_id
                where not exists (select 1 from at_from f where f.item_id = t.item_id)
                order by t.type_code, t.name, t.item_id limit :limit offset :offset""")
                .params(params)
                .query((rs, n) -> rows.item(rs, ""))
                .list();

        // Why the item is off the list at "to": the last decision in the scope, effective by then, that took it off
        // after its last period began (a suspended item may since have been cancelled), else what ended that period
        // (passed to a successor outside the scope). A period still in force means the item is on the list but no
        // longer public (only public diffs get that far).
        List<RemovedItem> removed = jdbc.sql(lists + "select " + PublishedItemRows.columns("f", "b", "", "from") + """
                , last.ended_by, last.end_document_number, last.effective_to,
                  last.document_number as last_document_number, last.effective_from as last_effective_from,
                  decided.outcome, decided.document_number as decided_document_number,
                  decided.effective_date as decided_effective_date
                from at_from f left join body_view b on b.body_id = f.body_id
                left join lateral (
                    select q.opened_sequence, q.ended_by, q.end_document_number, q.effective_to, q.document_number,
                        q.effective_from
                    from published_item_version q
                    where q.item_id = f.item_id and q.%1$s = :scope and q.effective_from <= :to
                      and q.recorded_at <= :knownAt
                    order by q.opened_sequence desc limit 1) last on true
                left join lateral (
                    select o.outcome, o.document_number, o.effective_date
                    from cleanup_outcome o
                    where o.item_id = f.item_id and o.%1$s = :scope and o.sequence_number > last.opened_sequence
                      and o.effective_date <= :to and o.recorded_at <= :knownAt
                      and o.outcome in (%2$s)
                    order by o.sequence_number desc limit 1) decided on true
                where not exists (select 1 from at_to t where t.item_id = f.item_id)
                order by f.type_code, f.name, f.item_id limit :limit offset :offset"""
                .formatted(scope, REMOVING_OUTCOMES))
                .params(params)
                .query((rs, n) -> removed(rs))
                .list();

        List<ChangedItem> changed = jdbc.sql(lists + "select " + PublishedItemRows.columns("f", "fb", "f_", "from") + ", "
                + PublishedItemRows.content("f", "f_") + ", " + PublishedItemRows.columns("t", "tb", "t_", "to") + ", "
                + PublishedItemRows.content("t", "t_") + """
                 from at_from f join at_to t on t.item_id = f.item_id
                left join body_view fb on fb.body_id = f.body_id
                left join body_view tb on tb.body_id = t.body_id
                where %s
                order by t.type_code, t.name, t.item_id limit :limit offset :offset""".formatted(CHANGED))
                .params(params)
                .query((rs, n) -> changed(rs))
                .list();

        return new ListDiff(query.from(), query.to(), added, removed, changed, totals[0], totals[1], totals[2],
                query.page(), query.size());
    }

    /**
     * The two lists as common table expressions {@code at_from} and {@code at_to}, not materialized: each use reads
     * only the columns it needs straight from the table, instead of copying every row with its content first.
     */
    private static String lists(String scope, boolean publicOnly) {
        return "with at_from as not materialized (" + list(scope, "from", publicOnly) + "),\n"
                + "at_to as not materialized (" + list(scope, "to", publicOnly) + ")\n";
    }

    private static String list(String scope, String date, boolean publicOnly) {
        return "select * from published_item_version p where p." + scope + " = :scope and "
                + PublishedItemRows.standsOn("p", date) + (publicOnly ? " and p.is_public" : "");
    }

    private RemovedItem removed(ResultSet rs) throws SQLException {
        PublishedItem item = rows.item(rs, "");
        String decided = rs.getString("outcome");
        if (decided != null) {
            return new RemovedItem(item, PeriodEnd.valueOf(decided).removalOutcome(),
                    rs.getString("decided_document_number"), rs.getObject("decided_effective_date", LocalDate.class));
        }
        String endedBy = rs.getString("ended_by");
        if (endedBy == null) {
            return new RemovedItem(item, "NOT_PUBLIC", rs.getString("last_document_number"),
                    rs.getObject("last_effective_from", LocalDate.class));
        }
        String outcome = PeriodEnd.valueOf(endedBy).removalOutcome();
        return new RemovedItem(item, outcome != null ? outcome : endedBy, rs.getString("end_document_number"),
                rs.getObject("effective_to", LocalDate.class));
    }

    private ChangedItem changed(ResultSet rs) throws SQLException {
        PublishedItem before = rows.item(rs, "f_");
        PublishedItem after = rows.item(rs, "t_");
        ItemContent old = rows.content(rs, "f_");
        ItemContent now = rows.content(rs, "t_");
        List<FieldChange> changes = new ArrayList<>();
        if (!Objects.equals(before.bodyId(), after.bodyId())) {
            changes.add(new FieldChange("bodyId", before.bodyId(), after.bodyId()));
        }
        for (String field : old.changedFields(now)) {
            changes.add(new FieldChange(field, old.field(field), now.field(field)));
        }
        return new ChangedItem(before, after, changes);
    }
}
