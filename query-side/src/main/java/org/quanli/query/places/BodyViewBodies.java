package org.quanli.query.places;

import java.util.Optional;

import org.quanli.platform.security.demo.RegisteredBodies;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The bodies of the query side's body view, for the demo provider's tokens. */
@Component
@Profile("demo")
class BodyViewBodies implements RegisteredBodies {

    private final JdbcClient jdbc;

    BodyViewBodies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> nameOf(String bodyId) {
        return jdbc.sql("select name from body_view where body_id = ?").param(bodyId).query(String.class).optional();
    }
}
