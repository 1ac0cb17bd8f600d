package org.quanli.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quanli.ops.LedgerNodes.client;
import static org.quanli.ops.LedgerNodes.start;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quanli.command.CommandSideApplication;
import org.quanli.kernel.identity.Role;
import org.quanli.platform.security.demo.DemoTokens;
import org.quanli.query.QuerySideApplication;
import org.quanli.testing.ApiClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The command side and two query-side nodes as separate applications against one external PostgreSQL: commands
 * go to one, lists are read from either of the others, and the two query nodes share the work without counting
 * anything twice.
 */
class SeparateSidesTest {

    @TempDir
    Path keys;

    @Test
    void eachSideRunsOnItsOwnAgainstOneDatabaseAndTwoQueryNodesCountEachEventOnce() throws IOException {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            Path key = keys.resolve("shared-demo-key.pem");
            try (ConfigurableApplicationContext queryNode1 = start(QuerySideApplication.class, "query-side", url, key);
                 ConfigurableApplicationContext commands = start(CommandSideApplication.class, "command-side", url, key);
                 ConfigurableApplicationContext queryNode2 = start(QuerySideApplication.class, "query-side", url, key)) {
                DemoTokens tokens = commands.getBean(DemoTokens.class);
                Walkthrough walkthrough = new Walkthrough(client(commands, tokens));
                walkthrough.registerPlaces();
                String first = walkthrough.publishItem("食品经营许可", "德府发〔2013〕24号", "2013-07-01");
                String second = walkthrough.publishItem("食品生产许可", "德府发〔2013〕24号", "2013-07-01");

                // The command side serves no reads, the query side takes no commands.
                assertThat(client(commands, tokens).get("/api/public/jurisdictions/510600/items").status()).isEqualTo(404);
                assertThat(new Walkthrough(client(queryNode1, tokens)).clerk.post("/api/items/" + first + "/submit",
                        java.util.Map.of()).status()).isIn(404, 405);

                for (ConfigurableApplicationContext node : List.of(queryNode1, queryNode2)) {
                    ApiClient reader = client(node, tokens);
                    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                        assertThat(reader.get("/api/public/jurisdictions/510600/items").json().get("total").asInt())
                                .isEqualTo(2);
                        // A token the command side's identity provider issued is valid here too.
                        assertThat(new Walkthrough(reader).reviewer.get("/api/items/" + second + "/history").status())
                                .isEqualTo(200);
                        // Either node reports the segments both of them hold.
                        CaughtUp.everyStreamingProjection(reader.as("admin", Role.ADMINISTRATOR, null));
                    });
                }
                JdbcClient jdbc = queryNode1.getBean(JdbcClient.class);
                assertThat(jdbc.sql("select count(*) from item_history").query(Long.class).single()).isEqualTo(8);
                assertThat(jdbc.sql("select count(*) from published_item_version where effective_to is null").query(Long.class).single()).isEqualTo(2);
                // Each side migrated only what it owns, in its own history.
                assertThat(jdbc.sql("select count(*) from information_schema.tables where table_name like 'flyway_history_%'")
                        .query(Long.class).single()).isEqualTo(3);
            }
        }
    }
}
