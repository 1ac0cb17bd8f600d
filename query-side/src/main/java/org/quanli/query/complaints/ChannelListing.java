package org.quanli.query.complaints;

import java.util.List;

import org.axonframework.queryhandling.QueryHandler;
import org.quanli.kernel.complaints.ComplaintQueries.BodyChannels;
import org.quanli.kernel.complaints.ComplaintQueries.BodyChannelsQuery;
import org.quanli.kernel.rules.NotFound;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Each body with the complaint channels it publishes ({@link PublishedChannels}), for the portal. */
@Component
@EnableConfigurationProperties(PublishedChannels.class)
class ChannelListing {

    private static final String PATH = """
            with recursive path(code, depth) as (
                select cast(? as varchar(12)), 0
                union all
                select j.parent_code, p.depth + 1 from jurisdiction_view j join path p on j.code = p.code
                where j.parent_code is not null and p.depth < 10)
            select code from path order by depth""";

    private final JdbcClient jdbc;
    private final PublishedChannels channels;

    ChannelListing(JdbcClient jdbc, PublishedChannels channels) {
        this.jdbc = jdbc;
        this.channels = channels;
    }

    @QueryHandler
    BodyChannels handle(BodyChannelsQuery query) {
        return ofBody(query.bodyId());
    }

    BodyChannels ofBody(String bodyId) {
        return jdbc.sql("select body_id, name, jurisdiction_code from body_view where body_id = ?").param(bodyId)
                .query((rs, n) -> listed(rs.getString(1), rs.getString(2), rs.getString(3))).optional()
                .orElseThrow(() -> new NotFound("implementing body", bodyId));
    }

    /** The bodies of the jurisdiction itself (not those below it), by name. */
    List<BodyChannels> ofJurisdiction(String code, int page, int size) {
        if (!jdbc.sql("select exists (select 1 from jurisdiction_view where code = ?)").param(code)
                .query(Boolean.class).single()) {
            throw new NotFound("jurisdiction", code);
        }
        List<String> path = path(code);
        return jdbc.sql("""
                        select body_id, name from body_view where jurisdiction_code = ? order by name, body_id
                        limit ? offset ?""")
                .params(code, size, (long) page * size)
                .query((rs, n) -> new BodyChannels(rs.getString(1), rs.getString(2), code,
                        channels.of(rs.getString(1), path)))
                .list();
    }

    private BodyChannels listed(String bodyId, String name, String jurisdictionCode) {
        return new BodyChannels(bodyId, name, jurisdictionCode, channels.of(bodyId, path(jurisdictionCode)));
    }

    private List<String> path(String code) {
        return jdbc.sql(PATH).param(code).query(String.class).list();
    }
}
