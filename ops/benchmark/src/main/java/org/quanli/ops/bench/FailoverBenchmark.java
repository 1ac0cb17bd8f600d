package org.quanli.ops.bench;

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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.quanli.command.CommandSideApplication;
import org.quanli.platform.security.demo.DemoProperties;
import org.quanli.platform.security.demo.DemoTokens;
import org.quanli.query.QuerySideApplication;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two command nodes and two query nodes, each a JVM of its own started from this jar, against one PostgreSQL, under
 * drafts from several clients spread over both command nodes; after a while one command node and the query node
 * holding the item history's first segment are killed with SIGKILL, and the load goes on against the survivors. It
 * reports how long the survivor took to claim the dead node's segments and to catch up, whether every acknowledged
 * draft is in the store and whether the item history holds exactly one row per item event. The small-size version
 * with assertions is ops' {@code NodeFailoverTest}.
 *
 * <p>Knobs: bench.failoverClients (8), bench.failoverBeforeSeconds (60), bench.failoverAfterSeconds (60),
 * bench.failoverHeapMiB (384, per node).
 */
final class FailoverBenchmark {

    private static final String BODY = "11510600008654321B";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern ITEM_ID = Pattern.compile("\"itemId\"\\s*:\\s*\"([^\"]+)\"");

    private FailoverBenchmark() {
    }

    static void main(String[] args) throws Exception {
        int clients = Integer.getInteger("bench.failoverClients", 8);
        int beforeSeconds = Integer.getInteger("bench.failoverBeforeSeconds", 60);
        int afterSeconds = Integer.getInteger("bench.failoverAfterSeconds", 60);
        int heap = Integer.getInteger("bench.failoverHeapMiB", 384);
        Path dir = Files.createTempDirectory("quanli-failover-bench");
        List<Process> processes = new ArrayList<>();
        List<String> report = new ArrayList<>();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on").start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            Path keyFile = dir.resolve("demo-signing-key.pem");
            DemoTokens tokens = new DemoTokens(new DemoProperties(keyFile.toString(), null, null), Set.of(),
                    Clock.systemUTC());
            String admin = tokens.issue("bench-admin", "基准测试", List.of("ADMINISTRATOR"), null);
            String clerk = tokens.issue("bench-clerk", "基准测试", List.of("BODY_CLERK"), BODY);
            // The first node makes the key files all share (data directory: dir); the others start once it is up.
            Node commandA = Node.start(CommandSideApplication.class, "command-side", url, dir, heap, processes);
            commandA.awaitUp();
            Node commandB = Node.start(CommandSideApplication.class, "command-side", url, dir, heap, processes);
            Node queryA = Node.start(QuerySideApplication.class, "query-side", url, dir, heap, processes);
            Node queryB = Node.start(QuerySideApplication.class, "query-side", url, dir, heap, processes);
            for (Node node : List.of(commandB, queryA, queryB)) {
                node.awaitUp();
            }
            commandA.post("/api/jurisdictions", admin, "{\"code\":\"510000\",\"name\":\"四川省\",\"level\":\"PROVINCE\"}");
            commandA.post("/api/jurisdictions", admin,
                    "{\"code\":\"510600\",\"name\":\"德阳市\",\"level\":\"CITY\",\"parentCode\":\"510000\"}");
            commandA.post("/api/bodies", admin, "{\"creditCode\":\"" + BODY + "\",\"name\":\"德阳市市场监督管理局\","
                    + "\"jurisdictionCode\":\"510600\",\"nature\":\"STATUTORY_ORGAN\",\"administrativeSubject\":true}");

            List<Node> commandNodes = List.of(commandA, commandB);
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicInteger refusedOrLost = new AtomicInteger();
            AtomicBoolean loading = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            for (int c = 0; c < clients; c++) {
                int client = c;
                pool.submit(() -> {
                    for (int n = 0; loading.get(); n++) {
                        Node node = commandNodes.get((client + n) % 2);
                        String id = node.draft(clerk, "负载事项" + client + "-" + n);
                        if (id != null) {
                            acknowledged.add(id);
                        } else {
                            refusedOrLost.incrementAndGet();
                        }
                    }
                });
            }
            Thread.sleep(beforeSeconds * 1000L);
            JdbcClient jdbc = JdbcClient.create(postgres.getPostgresDatabase());
            String owner = jdbc.sql("select owner from token_entry where processor_name = 'item-history' "
                    + "and segment = 0").query(String.class).optional().orElse("");
            Node victim = owner.startsWith(queryA.ownerPrefix()) ? queryA : queryB;
            Node survivor = victim == queryA ? queryB : queryA;
            int atKill = acknowledged.size();
            Instant killed = Instant.now();
            commandA.kill();
            victim.kill();
            // Watched while the load goes on: when the survivor holds every segment of the item history.
            java.util.concurrent.CompletableFuture<Instant> claimed = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> {
                        try {
                            waitUntil(() -> survivorHoldsAll(jdbc, survivor));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return Instant.now();
                    });
            Thread.sleep(afterSeconds * 1000L);
            loading.set(false);
            pool.shutdown();
            pool.awaitTermination(60, TimeUnit.SECONDS);
            Instant loadEnded = Instant.now();

            Set<String> stored = new HashSet<>(jdbc.sql("select aggregate_identifier from domain_event_entry "
                    + "where payload_type like '%PowerItemDrafted'").query(String.class).list());
            long missing = acknowledged.stream().filter(id -> !stored.contains(id)).count();
            Duration claimedOver = Duration.between(killed, claimed.get(10, TimeUnit.MINUTES));
            String events = "select count(*) from domain_event_entry where payload_type like '%PowerListMessages$PowerItem%'";
            waitUntil(() -> Objects.equals(jdbc.sql("select count(*) from item_history").query(Long.class).single(),
                    jdbc.sql(events).query(Long.class).single()));
            Duration caughtUp = Duration.between(loadEnded, Instant.now());
            long duplicateRows = jdbc.sql("select count(*) - count(distinct event_id) from item_history")
                    .query(Long.class).single();

            report.add(row("drafts acknowledged (before the kill / in all)", atKill + " / " + acknowledged.size()));
            report.add(row("draft attempts without a 201 (nearly all on the killed node's closed port)",
                    String.valueOf(refusedOrLost.get())));
            report.add(row("acknowledged drafts missing from the store", String.valueOf(missing)));
            report.add(row("drafts per second over the run", String.format(Locale.ROOT, "%.1f",
                    acknowledged.size() / (double) Duration.between(killed.minusSeconds(beforeSeconds), loadEnded)
                            .toMillis() * 1000)));
            report.add(row("item-history segments all claimed by the surviving query node, after the kill",
                    claimedOver.toMillis() / 1000.0 + " s"));
            report.add(row("item history caught up (one row per item event), after the load ended",
                    caughtUp.toMillis() / 1000.0 + " s"));
            report.add(row("item history rows written twice", String.valueOf(duplicateRows)));
        } finally {
            processes.forEach(Process::destroyForcibly);
            for (Process process : processes) {
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
        System.out.println();
        System.out.println("Quanli Ledger failover benchmark: 2 command + 2 query nodes, clients="
                + Integer.getInteger("bench.failoverClients", 8) + "; node logs in the temporary directory above");
        System.out.println("| what | figure |");
        report.forEach(System.out::println);
        System.exit(0);
    }

    private static boolean survivorHoldsAll(JdbcClient jdbc, Node survivor) {
        return jdbc.sql("select count(distinct owner) = 1 and min(owner) like ? from token_entry "
                + "where processor_name = 'item-history'").param(survivor.ownerPrefix() + "%")
                .query(Boolean.class).single();
    }

    private static String row(String what, String figure) {
        return "| " + what + " | " + figure + " |";
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not reached within 10 minutes");
            }
            Thread.sleep(200);
        }
    }

    /** One node in a JVM of its own, started from this benchmark's jar (Spring Boot's PropertiesLauncher). */
    private record Node(Process process, int port) {

        static Node start(Class<?> application, String configName, String url, Path dir, int heapMiB,
                          List<Process> processes) throws IOException {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + heapMiB + "m", "-Dloader.main=" + application.getName(),
                    "-cp", System.getProperty("java.class.path"),
                    "org.springframework.boot.loader.launch.PropertiesLauncher",
                    "--server.port=" + port, "--spring.config.name=" + configName,
                    "--spring.profiles.active=demo", "--spring.datasource.url=" + url,
                    "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                    "--quanli.data-dir=" + dir, "--quanli.demo.key-file=" + dir.resolve("demo-signing-key.pem"),
                    "--logging.level.org.axonframework=WARN")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve(configName + "-" + port + ".log").toFile())
                    .start();
            processes.add(process);
            System.out.println("started " + configName + " on port " + port + ", log in " + dir);
            return new Node(process, port);
        }

        void awaitUp() throws InterruptedException {
            waitUntil(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("node on port " + port + " exited");
                }
                try {
                    return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                            + "/actuator/health/liveness")).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode() == 200;
                } catch (IOException e) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            });
        }

        void post(String path, String token, String json) throws IOException, InterruptedException {
            HttpResponse<String> response = send(path, token, json);
            if (response.statusCode() != 201 && response.statusCode() != 409) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
        }

        /** The new item's id, or null when the node did not acknowledge the draft. */
        String draft(String token, String name) {
            String json = "{\"bodyId\":\"" + BODY + "\",\"name\":\"" + name + "\",\"type\":\"LICENCE\","
                    + "\"legalBases\":[{\"kind\":\"LAW\",\"title\":\"《中华人民共和国食品安全法》\",\"article\":\"第三十五条\"}],"
                    + "\"legalLimitDays\":20,\"promisedLimitDays\":10}";
            try {
                HttpResponse<String> response = send("/api/items", token, json);
                Matcher id = ITEM_ID.matcher(response.body());
                return response.statusCode() == 201 && id.find() ? id.group(1) : null;
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        private HttpResponse<String> send(String path, String token, String json)
                throws IOException, InterruptedException {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        }

        String ownerPrefix() {
            return process.pid() + "@";
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
