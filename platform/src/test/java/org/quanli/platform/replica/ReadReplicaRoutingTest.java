package org.quanli.platform.replica;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.axonframework.queryhandling.QueryHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.quanli.platform.messaging.QueryAsker;
import org.quanli.platformtest.PlatformTestApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With a read replica configured, a query reads from it and everything else from the primary. The "replica" here is
 * a second database holding a marker table the primary does not have, so the answer tells where the query ran.
 */
@SpringBootTest(classes = {PlatformTestApplication.class, ReadReplicaRoutingTest.Handlers.class})
@ActiveProfiles({"test", "demo"})
class ReadReplicaRoutingTest {

    static final EmbeddedPostgres REPLICA = start();

    record WhereAmI() {
    }

    @TestConfiguration
    static class Handlers {
        @Bean
        WhereAmIHandler whereAmIHandler(JdbcClient jdbc) {
            return new WhereAmIHandler(jdbc);
        }
    }

    static class WhereAmIHandler {

        private final JdbcClient jdbc;

        WhereAmIHandler(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        @QueryHandler
        String on(WhereAmI query) {
            return jdbc.sql("select case when exists (select 1 from information_schema.tables "
                    + "where table_name = 'replica_marker') then 'replica' else 'primary' end")
                    .query(String.class).single();
        }
    }

    @DynamicPropertySource
    static void replica(DynamicPropertyRegistry registry) {
        registry.add("quanli.read-replica.url", () -> REPLICA.getJdbcUrl("postgres", "postgres"));
        registry.add("quanli.read-replica.username", () -> "postgres");
        registry.add("quanli.read-replica.password", () -> "postgres");
    }

    @Autowired
    QueryAsker queries;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aQueryReadsTheReplicaAndEverythingElseThePrimary() {
        assertThat(queries.ask(new WhereAmI(), String.class)).isEqualTo("replica");
        assertThat(jdbc.sql("select count(*) from information_schema.tables where table_name = 'replica_marker'")
                .query(Long.class).single()).isZero();
    }

    @AfterAll
    static void stop() throws IOException {
        REPLICA.close();
    }

    private static EmbeddedPostgres start() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            JdbcClient.create(postgres.getPostgresDatabase()).sql("create table replica_marker (id int)").update();
            return postgres;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
