package org.quanli.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quanli.command.CommandSideApplication;
import org.quanli.kernel.identity.Role;
import org.quanli.platform.security.demo.DemoProperties;
import org.quanli.platform.security.demo.DemoTokens;
import org.quanli.query.QuerySideApplication;
import org.quanli.testing.ApiClient;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Two command nodes and two query nodes, each its own JVM, against one PostgreSQL, under a steady stream of drafts
 * spread over both command nodes; in the middle one command node and one query node are killed with SIGKILL. The
 * clients of the dead node go on against the other; every draft that was acknowledged is in the store; the
 * surviving query node claims the dead one's segments once their claims lapse (the claim timeout, 30 s) and its
 * history of the items holds exactly one row per item event of the store; the item history and the items' view then
 * equal what a replay of them from the first event gives. The times it took are printed.
 */
class NodeFailoverTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    @Test
    void killingACommandNodeAndAQueryNodeUnderLoadLosesNoAcknowledgedCommandAndNoProjectedEvent() throws Exception {
        List<Process> processes = new ArrayList<>();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            Path keyFile = dir.resolve("shared-demo-key.pem");
            DemoTokens tokens = new DemoTokens(new DemoProperties(keyFile.toString(), null, null), Set.of(),
                    Clock.systemUTC());
            // The nodes share one data directory, as a deployment shares its keys: the first node makes the keys
            // (personal data, ledger signing). They start one after the other: a query node once exited while
            // starting alongside the others on a fresh database (its output is now in the failure's message).
            Node commandA = Node.start(CommandSideApplication.class, "command-side", url, keyFile, dir, processes);
            commandA.awaitUp();
            Node commandB = Node.start(CommandSideApplication.class, "command-side", url, keyFile, dir, processes);
            commandB.awaitUp();
            Node queryA = Node.start(QuerySideApplication.class, "query-side", url, keyFile, dir, processes);
            queryA.awaitUp();
            Node queryB = Node.start(QuerySideApplication.class, "query-side", url, keyFile, dir, processes);
            queryB.awaitUp();
            List<Walkthrough> commandNodes = List.of(new Walkthrough(commandA.client(tokens)),
                    new Walkthrough(commandB.client(tokens)));
            commandNodes.get(1).registerPlaces();

            // Drafts from four clients, alternating over the command nodes; a client whose node is gone moves on
            // to the other. Only a 201 counts as acknowledged.
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicBoolean loading = new AtomicBoolean(true);
            AtomicInteger refusedOrLost = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(4);
            for (int c = 0; c < 4; c++) {
                int client = c;
                clients.submit(() -> {
                    int n = 0;
                    while (loading.get()) {
                        Walkthrough node = commandNodes.get((client + n) % 2);
                        n++;
                        try {
                            var drafted = node.clerk.post("/api/items",
                                    Walkthrough.itemContent("负载事项" + client + "-" + n));
                            if (drafted.status() == 201) {
                                acknowledged.add(drafted.json().get("itemId").asString());
                            } else {
                                refusedOrLost.incrementAndGet();
                            }
                        } catch (IllegalStateException connectionLost) {
                            refusedOrLost.incrementAndGet();
                        }
                    }
                });
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 40);
            JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(url, true));
            // The query node killed is the one holding the item history's first segment, so that the survivor must
            // take it over.
            String firstSegmentOwner = await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                    "select owner from token_entry where processor_name = 'item-history' and segment = 0")
                    .query(String.class).list().stream().filter(Objects::nonNull).findFirst().orElse(null),
                    Objects::nonNull);
            Node victim = firstSegmentOwner.startsWith(queryA.ownerPrefix()) ? queryA : queryB;
            Node survivor = victim == queryA ? queryB : queryA;
            Instant killed = Instant.now();
            commandA.kill();
            victim.kill();
            int atKill = acknowledged.size();
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= atKill + 40);
            loading.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            // Every acknowledged draft is in the store.
            Set<String> stored = Set.copyOf(jdbc.sql("select aggregate_identifier from domain_event_entry "
                    + "where payload_type like '%PowerItemDrafted'").query(String.class).list());
            assertThat(stored).containsAll(acknowledged);

            // The surviving query node holds every segment of the item history once the dead node's claims lapse.
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(jdbc.sql(
                    "select distinct owner from token_entry where processor_name = 'item-history'")
                    .query(String.class).list()).singleElement().asString().startsWith(survivor.ownerPrefix()));
            Duration claimedOver = Duration.between(killed, Instant.now());
            // The survivor's item history has exactly one row per item event of the store, as a rebuild would:
            // nothing the dead node had in hand is lost or written twice.
            String storedEvents = "select event_identifier from domain_event_entry "
                    + "where payload_type like '%PowerListMessages$PowerItem%' order by event_identifier";
            String history = "select event_id from item_history order by event_id";
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(
                    jdbc.sql(history).query(String.class).list())
                    .isEqualTo(jdbc.sql(storedEvents).query(String.class).list()));
            Duration caughtUp = Duration.between(killed, Instant.now());

            // The projections the drafts touch equal a fresh rebuild: replayed from the first event on the survivor.
            String historyRows = "select * from item_history order by event_id";
            String viewRows = "select * from item_view order by item_id";
            // The items' view, on other segments than the history's, may still be catching up.
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(
                    jdbc.sql("select count(*) from item_view").query(Long.class).single()).isEqualTo(jdbc.sql(
                            "select count(*) from domain_event_entry where payload_type like '%PowerItemDrafted'")
                    .query(Long.class).single()));
            List<Map<String, Object>> historyBefore = jdbc.sql(historyRows).query().listOfRows();
            List<Map<String, Object>> viewBefore = jdbc.sql(viewRows).query().listOfRows();
            ApiClient admin = survivor.client(tokens).as("admin", Role.ADMINISTRATOR, null);
            for (String projection : List.of("item-history", "power-lists")) {
                // 409 while a segment is still claimed by the dead node (its claim has not lapsed yet).
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(admin
                        .post("/api/admin/projections/" + projection + "/replay", Map.of()).status()).isEqualTo(202));
            }
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                assertThat(jdbc.sql(historyRows).query().listOfRows()).isEqualTo(historyBefore);
                assertThat(jdbc.sql(viewRows).query().listOfRows()).isEqualTo(viewBefore);
            });
            System.out.printf("NodeFailoverTest: %d drafts acknowledged (%d before the kill), %d refused or lost "
                            + "with the node; item-history segments claimed by the survivor %d s after the kill, "
                            + "caught up %d s after it%n", acknowledged.size(), atKill, refusedOrLost.get(),
                    claimedOver.toSeconds(), caughtUp.toSeconds());
        } finally {
            processes.forEach(Process::destroyForcibly);
            for (Process process : processes) {
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** One node of a side in a JVM of its own, on a port of its own, its output in a file next to the test's. */
    private record Node(Process process, int port, String name, Path log) {

        static Node start(Class<?> application, String configName, String url, Path keyFile, Path dir,
                          List<Process> processes) throws IOException {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            String name = configName + "-" + port;
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-cp", System.getProperty("java.class.path"), application.getName(),
                    "--server.port=" + port,
                    "--spring.config.name=" + configName,
                    "--spring.profiles.active=demo",
                    "--spring.datasource.url=" + url,
                    "--spring.datasource.username=postgres",
                    "--spring.datasource.password=postgres",
                    "--quanli.data-dir=" + dir,
                    "--quanli.demo.key-file=" + keyFile,
                    "--logging.level.org.axonframework=WARN")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve(name + ".log").toFile())
                    .start();
            processes.add(process);
            return new Node(process, port, name, dir.resolve(name + ".log"));
        }

        void awaitUp() {
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                assertThat(process.isAlive()).as(() -> name + " exited:\n" + lastLines()).isTrue();
                try {
                    return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                            + "/actuator/health/liveness")).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode() == 200;
                } catch (IOException e) {
                    return false;
                }
            });
        }

        /** The end of the node's output, for a failure's message (the test's directory is gone afterwards). */
        private String lastLines() {
            try {
                List<String> lines = Files.readAllLines(log);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
            } catch (IOException e) {
                return "(no output: " + e.getMessage() + ")";
            }
        }

        ApiClient client(DemoTokens tokens) {
            return ApiClient.anonymous(port, tokens);
        }

        /** How this node's claims begin in the token table: Axon's default owner is "pid@host". */
        String ownerPrefix() {
            return process.pid() + "@";
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
