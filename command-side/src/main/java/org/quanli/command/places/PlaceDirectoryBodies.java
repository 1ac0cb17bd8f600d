package org.quanli.command.places;

import java.util.Optional;

import org.quanli.platform.security.demo.RegisteredBodies;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The bodies of the command side's own place lookup, for the demo provider's tokens. */
@Component
@Profile("demo")
class PlaceDirectoryBodies implements RegisteredBodies {

    private final JdbcClient jdbc;

    PlaceDirectoryBodies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> nameOf(String bodyId) {
        return jdbc.sql("select name from place_directory_body where body_id = ?").param(bodyId)
                .query(String.class).optional();
    }
}
