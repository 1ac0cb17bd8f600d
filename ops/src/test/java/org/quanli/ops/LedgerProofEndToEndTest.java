package org.quanli.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quanli.ops.ledger.LedgerCommand;
import org.quanli.platform.integrity.LedgerVerification;
import org.quanli.platform.security.demo.DemoTokens;
import org.quanli.testing.ApiClient;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An auditor's round trip through the running ledger: an item's history links each event to its inclusion proof,
 * which anyone fetches without a token and checks offline with the ops jar's verifier against the published key;
 * the verifier recomputes the whole tree from the database and from an export of the events; across a restart the
 * sealer carries on with the same key file (owner-only) and a consistency proof ties the checkpoints before and
 * after it together.
 */
class LedgerProofEndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(QuanliLedgerApplication.class)
                .profiles("demo")
                .run("--server.port=0",
                        "--quanli.data-dir=" + dataDir,
                        "--quanli.personal-data.key-file=" + dataDir.resolve("personal-data-kek.json"),
                        "--quanli.embedded-db.durable=false",
                        "--quanli.ledger.seal-interval=PT0.2S",
                        "--quanli.ledger.checkpoint-interval=PT0.5S",
                        "--quanli.ledger.verification-interval=0",
                        "--logging.level.org.axonframework=WARN");
    }

    private static ApiClient client(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return ApiClient.anonymous(port, context.getBean(DemoTokens.class));
    }

    @Test
    void anAuditorChecksAProofOfferedWithTheHistoryAndTheWholeLedgerAcrossARestart() throws Exception {
        long firstCheckpoint;
        Path key = work.resolve("ledger-public-key.pem");
        try (ConfigurableApplicationContext first = start()) {
            ApiClient anonymous = client(first);
            Walkthrough walkthrough = new Walkthrough(anonymous);
            walkthrough.registerPlaces();
            String itemId = walkthrough.publishItem("食品经营许可", "德府发〔2013〕24号", "2013-07-01");

            JsonNode published = await().atMost(Duration.ofSeconds(30)).until(() -> {
                JsonNode entries = walkthrough.reviewer.get("/api/items/" + itemId + "/history").json().get("entries");
                return entries != null && entries.size() == 4 ? entries.get(3) : null;   // 404 until projected
            }, entry -> entry != null);
            String eventId = published.get("eventId").asString();
            String link = published.get("inclusionProof").asString();
            assertThat(link).isEqualTo("/api/public/ledger/events/" + eventId + "/inclusion-proof");

            // Without a token, once a checkpoint covers the event.
            ApiClient.Response proof = await().atMost(Duration.ofSeconds(30))
                    .until(() -> anonymous.get(link), response -> response.status() == 200);
            assertThat(proof.json().get("position").asLong()).isEqualTo(published.get("position").asLong());
            Files.writeString(work.resolve("proof.json"), proof.body());
            Files.writeString(key, anonymous.get("/api/public/ledger/public-keys").json().get(0).get("publicKey").asString());

            Output checked = ledger("check-proof", "--proof", work.resolve("proof.json").toString(),
                    "--public-key", key.toString());
            assertThat(checked.status()).as(checked.text()).isZero();
            assertThat(checked.text()).startsWith("OK inclusion: event " + eventId);

            ObjectNode forged = (ObjectNode) JSON.readTree(proof.body());
            forged.put("leafHash", java.util.Base64.getEncoder().encodeToString(new byte[32]));
            Files.writeString(work.resolve("forged.json"), JSON.writeValueAsString(forged));
            Output refused = ledger("check-proof", "--proof", work.resolve("forged.json").toString(),
                    "--public-key", key.toString());
            assertThat(refused.status()).isOne();
            assertThat(refused.text()).startsWith("FAILED");

            HikariDataSource database = (HikariDataSource) first.getBean(javax.sql.DataSource.class);
            String url = database.getJdbcUrl();
            Path events = work.resolve("events.jsonl");
            assertThat(ledger("export-events", "--jdbc-url", url, "--user", database.getUsername(),
                    "--password", database.getPassword(),
                    "--out", events.toString()).status()).isZero();
            String eventLine;
            try (Stream<String> lines = Files.lines(events)) {
                eventLine = lines.filter(line -> line.contains(eventId)).findFirst().orElseThrow();
            }
            Files.writeString(work.resolve("event.json"), eventLine);
            Output withEvent = ledger("check-proof", "--proof", work.resolve("proof.json").toString(),
                    "--public-key", key.toString(), "--event", work.resolve("event.json").toString());
            assertThat(withEvent.status()).as(withEvent.text()).isZero();

            Path exportedCheckpoints = dataDir.resolve("ledger-checkpoints.jsonl");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(exportedCheckpoints));
            Output verified = ledger("verify", "--jdbc-url", url, "--user", database.getUsername(),
                    "--password", database.getPassword(), "--public-key", key.toString(), "--checkpoints", exportedCheckpoints.toString());
            assertThat(verified.status()).as(verified.text()).isZero();
            assertThat(verified.text()).startsWith("CLEAN");
            Output fromExport = ledger("verify-export", "--events", events.toString(), "--checkpoints",
                    exportedCheckpoints.toString(), "--public-key", key.toString());
            assertThat(fromExport.status()).as(fromExport.text()).isZero();

            assertThat(anonymous.get("/api/public/ledger/events/no-such-event/inclusion-proof").status()).isEqualTo(404);
            firstCheckpoint = anonymous.get("/api/public/ledger/checkpoints/latest").json().get("treeSize").asLong();
        }
        Path keyFile = dataDir.resolve("ledger-signing-key.pem");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");

        try (ConfigurableApplicationContext second = start()) {
            ApiClient anonymous = client(second);
            new Walkthrough(anonymous).publishItem("食品生产许可", "德府发〔2014〕5号", "2014-01-01");
            long head = second.getBean(org.springframework.jdbc.core.JdbcTemplate.class)
                    .queryForObject("select count(*) from domain_event_entry", Long.class);
            long latest = await().atMost(Duration.ofSeconds(30)).until(
                    () -> anonymous.get("/api/public/ledger/checkpoints/latest").json().get("treeSize").asLong(),
                    size -> size == head);

            ApiClient.Response consistency = anonymous.get("/api/public/ledger/consistency-proof?from="
                    + firstCheckpoint + "&to=" + latest);
            assertThat(consistency.status()).isEqualTo(200);
            Files.writeString(work.resolve("consistency.json"), consistency.body());
            Output consistent = ledger("check-proof", "--proof", work.resolve("consistency.json").toString(),
                    "--public-key", key.toString());
            assertThat(consistent.status()).as(consistent.text()).isZero();
            assertThat(consistent.text()).startsWith("OK consistency");

            second.getBean(LedgerVerification.class).verifyNow();
            JsonNode status = anonymous.get("/api/public/ledger/status").json();
            assertThat(status.get("sealedEvents").asLong()).isEqualTo(head);
            assertThat(status.get("verification").get("outcome").asString()).isEqualTo("CLEAN");
            assertThat(status.get("verification").get("checkpoints").asInt()).isGreaterThanOrEqualTo(2);
        }
    }

    private record Output(int status, String text) {
    }

    private static Output ledger(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = LedgerCommand.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Output(status, bytes.toString(StandardCharsets.UTF_8));
    }
}
