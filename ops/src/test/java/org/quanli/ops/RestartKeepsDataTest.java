package org.quanli.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quanli.platform.security.demo.DemoTokens;
import org.quanli.testing.ApiClient;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The embedded default keeps a user's ledger: stop the application and start it again on the same data directory,
 * and every event, every projection row and every issued token is still there, with nothing processed twice.
 */
class RestartKeepsDataTest {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(QuanliLedgerApplication.class)
                .profiles("demo")
                .run("--server.port=0",
                        "--quanli.data-dir=" + dataDir,
                        "--quanli.personal-data.key-file=" + dataDir.resolve("personal-data-kek.json"),
                        "--quanli.embedded-db.durable=true",
                        "--logging.level.org.axonframework=WARN");
    }

    private static ApiClient client(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return ApiClient.anonymous(port, context.getBean(DemoTokens.class));
    }

    private static long count(ConfigurableApplicationContext context, String table) {
        return context.getBean(JdbcClient.class).sql("select count(*) from " + table).query(Long.class).single();
    }

    @Test
    void aRestartKeepsEveryEventRowAndTokenAndProcessesNothingTwice() {
        String itemId;
        String reviewerToken;
        long events;
        long historyRows;
        try (ConfigurableApplicationContext first = start()) {
            Walkthrough walkthrough = new Walkthrough(client(first));
            walkthrough.registerPlaces();
            itemId = walkthrough.publishItem("食品经营许可", "德府发〔2013〕24号", "2013-07-01");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(count(first, "item_history")).isEqualTo(4);
                assertThat(client(first).get("/api/public/jurisdictions/510600/items").json().get("total").asInt())
                        .isEqualTo(1);
            });
            reviewerToken = first.getBean(DemoTokens.class).issue("reviewer", "李静", java.util.List.of("LEGAL_REVIEWER"),
                    Walkthrough.JUSTICE_BUREAU);
            events = count(first, "domain_event_entry");
            historyRows = count(first, "item_history");
        }
        assertThat(dataDir.resolve("postgres")).isDirectory();
        assertThat(dataDir.resolve("demo-signing-key.pem")).isRegularFile();

        try (ConfigurableApplicationContext second = start()) {
            ApiClient api = client(second);
            assertThat(count(second, "domain_event_entry")).isEqualTo(events);
            assertThat(count(second, "item_history")).isEqualTo(historyRows);
            var list = api.get("/api/public/jurisdictions/510600/items").json();
            assertThat(list.get("items").get(0).get("itemId").asString()).isEqualTo(itemId);
            // A token issued before the restart is still accepted: the demo signing key was kept.
            var history = api.withToken(reviewerToken).get("/api/items/" + itemId + "/history");
            assertThat(history.status()).isEqualTo(200);
            assertThat(history.json().get("total").asInt()).isEqualTo(4);

            // The ledger carries on where it stopped.
            new Walkthrough(api).publishItem("食品生产许可", "德府发〔2014〕5号", "2014-01-01");
            // Two projections: the history and the public list catch up independently.
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(count(second, "item_history")).isEqualTo(historyRows + 4);
                assertThat(api.get("/api/public/jurisdictions/510600/items").json().get("total").asInt())
                        .isEqualTo(2);
            });
        }
    }
}
