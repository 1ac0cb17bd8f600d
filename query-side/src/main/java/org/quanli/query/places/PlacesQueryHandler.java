package org.quanli.query.places;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.axonframework.queryhandling.QueryHandler;
import org.quanli.kernel.calendar.ChinaTime;
import org.quanli.kernel.codes.BodyNature;
import org.quanli.kernel.codes.CodedValue;
import org.quanli.kernel.places.BodyStatus;
import org.quanli.kernel.places.JurisdictionLevel;
import org.quanli.kernel.places.PlacesQueries.BodyDetail;
import org.quanli.kernel.places.PlacesQueries.BodyList;
import org.quanli.kernel.places.PlacesQueries.BodyQuery;
import org.quanli.kernel.places.PlacesQueries.BodyReference;
import org.quanli.kernel.places.PlacesQueries.BodySummary;
import org.quanli.kernel.places.PlacesQueries.DecisionReference;
import org.quanli.kernel.places.PlacesQueries.JurisdictionBodiesQuery;
import org.quanli.kernel.places.PlacesQueries.JurisdictionDetail;
import org.quanli.kernel.places.PlacesQueries.JurisdictionMatch;
import org.quanli.kernel.places.PlacesQueries.JurisdictionMatches;
import org.quanli.kernel.places.PlacesQueries.JurisdictionQuery;
import org.quanli.kernel.places.PlacesQueries.JurisdictionReference;
import org.quanli.kernel.places.PlacesQueries.JurisdictionSearchQuery;
import org.quanli.kernel.places.PlacesQueries.NamePeriod;
import org.quanli.kernel.rules.NotFound;
import org.quanli.platform.db.SqlValues;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Answers place queries from the places projection: a fixed number of indexed queries per answer. */
@Component
class PlacesQueryHandler {

    private final JdbcClient jdbc;
    private final Clock clock;

    PlacesQueryHandler(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @QueryHandler
    BodyDetail handle(BodyQuery query) {
        return jdbc.sql("""
                select b.*, j.name as jurisdiction_name, s.name as successor_name, s.status as successor_status
                from body_view b
                left join jurisdiction_view j on j.code = b.jurisdiction_code
                left join body_view s on s.body_id = b.successor_body_id
                where b.body_id = ?""")
                .param(query.bodyId())
                .query((rs, n) -> {
                    BodyNature nature = nature(rs);
                    BodyStatus status = BodyStatus.valueOf(rs.getString("status"));
                    String successor = rs.getString("successor_body_id");
                    String endDocument = rs.getString("end_document_number");
                    return new BodyDetail(rs.getString("body_id"), rs.getString("name"), nature.code(), nature.label(),
                            rs.getBoolean("administrative_subject"), rs.getString("jurisdiction_code"),
                            rs.getString("jurisdiction_name"), status, status.label(),
                            successor == null ? null : new BodyReference(successor, rs.getString("successor_name"),
                                    BodyStatus.valueOf(rs.getString("successor_status"))),
                            endDocument == null ? null : new DecisionReference(endDocument,
                                    rs.getObject("end_effective_date", LocalDate.class)),
                            predecessors(query.bodyId()), nameHistory(query.bodyId()));
                })
                .optional()
                .orElseThrow(() -> new NotFound("implementing body", query.bodyId()));
    }

    private List<BodyReference> predecessors(String bodyId) {
        return jdbc.sql("select body_id, name, status from body_view where successor_body_id = ? order by body_id")
                .param(bodyId)
                .query((rs, n) -> new BodyReference(rs.getString(1), rs.getString(2), BodyStatus.valueOf(rs.getString(3))))
                .list();
    }

    private List<NamePeriod> nameHistory(String bodyId) {
        return jdbc.sql("""
                select name, effective_from, effective_to, document_number, recorded_at from body_name_period
                where body_id = ? order by sequence_number""")
                .param(bodyId)
                .query((rs, n) -> new NamePeriod(rs.getString(1), rs.getObject(2, LocalDate.class),
                        rs.getObject(3, LocalDate.class), rs.getString(4), rs.getTimestamp(5).toInstant()))
                .list();
    }

    @QueryHandler
    BodyList handle(JurisdictionBodiesQuery query) {
        LocalDate asOf = query.asOf() != null ? query.asOf() : ChinaTime.today(clock);
        String status = query.status() == null ? null : query.status().name();
        String where = " where b.jurisdiction_code = :jurisdiction and (cast(:status as varchar) is null or b.status = :status)";
        // The jurisdiction's existence and its bodies' count in one statement: no total without a jurisdiction.
        long total = jdbc.sql("select case when exists (select 1 from jurisdiction_view where code = :jurisdiction)"
                        + " then (select count(*) from body_view b" + where + ") else -1 end")
                .param("jurisdiction", query.jurisdictionCode()).param("status", status)
                .query(Long.class).single();
        if (total < 0) {
            throw new NotFound("jurisdiction", query.jurisdictionCode());
        }
        // The name on the date: the period that covers it; a body registered later than the date still shows the
        // name it was registered with (its first period has no start).
        List<BodySummary> bodies = jdbc.sql("""
                select b.*, coalesce(p.name, b.name) as name_on_date from body_view b
                left join lateral (
                    select n.name from body_name_period n
                    where n.body_id = b.body_id and (n.effective_from is null or n.effective_from <= :asOf)
                      and (n.effective_to is null or n.effective_to > :asOf)
                    order by n.sequence_number desc limit 1) p on true
                """ + where + " order by name_on_date, b.body_id limit :limit offset :offset")
                .param("jurisdiction", query.jurisdictionCode()).param("status", status).param("asOf", asOf)
                .param("limit", query.size()).param("offset", (long) query.page() * query.size())
                .query(this::bodySummary)
                .list();
        return new BodyList(query.jurisdictionCode(), asOf, bodies, query.page(), query.size(), total);
    }

    private BodySummary bodySummary(ResultSet rs, int row) throws SQLException {
        BodyNature nature = nature(rs);
        BodyStatus status = BodyStatus.valueOf(rs.getString("status"));
        return new BodySummary(rs.getString("body_id"), rs.getString("name_on_date"), rs.getString("name"),
                nature.code(), nature.label(), rs.getBoolean("administrative_subject"), status, status.label(),
                rs.getString("successor_body_id"));
    }

    @QueryHandler
    JurisdictionDetail handle(JurisdictionQuery query) {
        record Level(JurisdictionReference jurisdiction, boolean functionalZone, long childrenTotal) {
        }
        // The jurisdiction and every one above it in one statement, the top first; its children counted with it.
        List<Level> chain = jdbc.sql("""
                with recursive up(code, name, level, functional_zone, parent_code, depth) as (
                    select code, name, level, functional_zone, parent_code, 0 from jurisdiction_view where code = ?
                    union all
                    select p.code, p.name, p.level, p.functional_zone, p.parent_code, up.depth + 1
                    from up join jurisdiction_view p on p.code = up.parent_code
                    where up.depth < 10)
                select code, name, level, functional_zone,
                       case when depth = 0
                            then (select count(*) from jurisdiction_view c where c.parent_code = up.code) end
                from up order by depth desc""")
                .param(query.code())
                .query((rs, n) -> new Level(jurisdiction(rs, 1), rs.getBoolean(4), rs.getLong(5)))
                .list();
        if (chain.isEmpty()) {
            throw new NotFound("jurisdiction", query.code());
        }
        Level found = chain.get(chain.size() - 1);
        List<JurisdictionReference> ancestors = chain.subList(0, chain.size() - 1).stream()
                .map(Level::jurisdiction).toList();
        List<JurisdictionReference> children = jdbc.sql("""
                select code, name, level from jurisdiction_view where parent_code = ? order by code limit ? offset ?""")
                .params(query.code(), query.size(), (long) query.page() * query.size())
                .query((rs, n) -> jurisdiction(rs, 1))
                .list();
        JurisdictionReference j = found.jurisdiction();
        return new JurisdictionDetail(j.code(), j.name(), j.level(), j.level().label(), found.functionalZone(),
                ancestors.isEmpty() ? null : ancestors.get(ancestors.size() - 1), ancestors, children, query.page(),
                query.size(), found.childrenTotal());
    }

    /**
     * A province holds some tens of thousands of jurisdictions down to villages: a name scan of them takes a few
     * milliseconds, so the search needs no index of its own.
     */
    @QueryHandler
    JurisdictionMatches handle(JurisdictionSearchQuery query) {
        String text = query.nameContains() == null ? "" : query.nameContains().strip();
        String where = text.isEmpty() ? " where j.parent_code is null"
                : " where j.name ilike :name escape '\\'";
        String name = SqlValues.containing(text);
        long total = jdbc.sql("select count(*) from jurisdiction_view j" + where).param("name", name)
                .query(Long.class).single();
        List<JurisdictionMatch> matches = jdbc.sql("""
                select j.code, j.name, j.level, p.name from jurisdiction_view j
                left join jurisdiction_view p on p.code = j.parent_code""" + where + " order by j.code limit :size")
                .param("name", name).param("size", query.size())
                .query((rs, n) -> {
                    JurisdictionLevel level = JurisdictionLevel.valueOf(rs.getString(3));
                    return new JurisdictionMatch(rs.getString(1), rs.getString(2), level, level.label(),
                            rs.getString(4));
                })
                .list();
        return new JurisdictionMatches(matches, total);
    }

    /** Code, name and level from three columns starting at {@code first}. */
    private static JurisdictionReference jurisdiction(ResultSet rs, int first) throws SQLException {
        return new JurisdictionReference(rs.getString(first), rs.getString(first + 1),
                JurisdictionLevel.valueOf(rs.getString(first + 2)));
    }

    private static BodyNature nature(ResultSet rs) throws SQLException {
        return CodedValue.byCode(BodyNature.class, rs.getString("nature_code")).orElseThrow();
    }
}
