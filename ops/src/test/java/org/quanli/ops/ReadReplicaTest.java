package org.quanli.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quanli.ops.LedgerNodes.client;
import static org.quanli.ops.LedgerNodes.start;

import java.nio.file.Path;
import java.time.Duration;

import javax.sql.DataSource;

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
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

/**
 * A query node reading from a real PostgreSQL streaming replica while its projections write to the primary. With the
 * replica's replay paused, a list read shows what the replica has, not the item the primary's projection already
 * holds, and the health shows how far the replica is behind; a read asking for everything recorded so far
 * ({@code X-Quanli-After-Position: head}) waits for the replica, then reads from the primary; once the replay goes
 * on, plain reads see the item too.
 */
class ReadReplicaTest {

    private static final String LIST = "/api/public/jurisdictions/510600/items";
    private static final String AFTER = "X-Quanli-After-Position";

    @TempDir
    Path dir;

    @Test
    void queriesReadTheReplicaProjectionsWriteThePrimaryAndAReadAfterTheHeadSeesTheClientsOwnChange()
            throws Exception {
        Path primaryData = dir.resolve("primary");
        try (EmbeddedPostgres primary = EmbeddedPostgres.builder().setDataDirectory(primaryData)
                .setCleanDataDirectory(true).start();
             EmbeddedPostgres replica = StreamingReplica.of(primary, primaryData, dir.resolve("replica"))) {
            String primaryUrl = primary.getJdbcUrl("postgres", "postgres");
            Path key = dir.resolve("shared-demo-key.pem");
            try (ConfigurableApplicationContext commands = start(CommandSideApplication.class, "command-side",
                    primaryUrl, key);
                 ConfigurableApplicationContext reader = start(QuerySideApplication.class, "query-side", primaryUrl,
                         key, "quanli.read-replica.url=" + replica.getJdbcUrl("postgres", "postgres"),
                         "quanli.read-replica.username=postgres", "quanli.read-replica.password=postgres",
                         "quanli.read-replica.max-wait=PT2S", "management.endpoint.health.show-details=always")) {
                assertThat(reader.getBean(DataSource.class)).isInstanceOf(LazyConnectionDataSourceProxy.class);
                DemoTokens tokens = commands.getBean(DemoTokens.class);
                Walkthrough walkthrough = new Walkthrough(client(commands, tokens));
                ApiClient queries = client(reader, tokens);
                walkthrough.registerPlaces();
                walkthrough.publishItem("食品经营许可", "德府发〔2013〕24号", "2013-07-01");
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                        assertThat(total(queries.get(LIST))).isEqualTo(1));

                JdbcClient onReplica = JdbcClient.create(replica.getPostgresDatabase());
                JdbcClient onPrimary = JdbcClient.create(primary.getPostgresDatabase());
                onReplica.sql("select pg_wal_replay_pause()").query().listOfRows();
                walkthrough.publishItem("食品生产许可", "德府发〔2013〕24号", "2013-07-01");
                // The projection writes to the primary: the item is there …
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(onPrimary
                        .sql("select count(*) from published_item_version where effective_to is null")
                        .query(Long.class).single()).isEqualTo(2));
                // … while the query node reads the paused replica, and says it is behind.
                assertThat(total(queries.get(LIST))).isEqualTo(1);
                ApiClient auditor = queries.as("auditor", Role.AUDITOR,
                        Walkthrough.JUSTICE_BUREAU);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(auditor
                        .get("/actuator/health").json().at("/components/readReplica/details/eventsBehind").asLong())
                        .isPositive());

                ApiClient.Response afterHead = queries.get(LIST, AFTER, "head");
                assertThat(afterHead.status()).isEqualTo(200);
                assertThat(total(afterHead)).isEqualTo(2);

                onReplica.sql("select pg_wal_replay_resume()").query().listOfRows();
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(total(queries.get(LIST))).isEqualTo(2));
                assertThat(queries.get(LIST, AFTER, "no-position").status())
                        .isEqualTo(400);
            }
        }
    }

    private static int total(ApiClient.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("total").asInt();
    }
}
