package org.quanli.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quanli.ops.LedgerNodes.client;
import static org.quanli.ops.LedgerNodes.start;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quanli.command.CommandSideApplication;
import org.quanli.platform.security.demo.DemoTokens;
import org.quanli.query.QuerySideApplication;
import org.quanli.testing.ApiClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two command-side nodes against one PostgreSQL, clients spread over both, all revising the same draft at once.
 * Each node loads the item from the store, so two revisions can be decided on the same version: the store's unique
 * (aggregate, sequence) index lets one append and refuses the other, whose client gets a 409 problem and may retry.
 * No answer is a 5xx; the store holds exactly the acknowledged revisions, in one gapless sequence; the query node
 * projects each of them once. A process runs once whichever nodes are up: a merger recorded through one node passes
 * each of the merged body's items to the successor exactly once.
 */
class SeveralCommandNodesTest {

    private static final int REVISIONS = 40;

    @TempDir
    Path keys;

    @Test
    void concurrentRevisionsOfOneItemThroughTwoNodesAreEachStoredOnceOrRefusedAsAConflict() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            Path key = keys.resolve("shared-demo-key.pem");
            try (ConfigurableApplicationContext nodeA = start(CommandSideApplication.class, "command-side", url, key);
                 ConfigurableApplicationContext nodeB = start(CommandSideApplication.class, "command-side", url, key);
                 ConfigurableApplicationContext reader = start(QuerySideApplication.class, "query-side", url, key)) {
                DemoTokens tokens = nodeA.getBean(DemoTokens.class);
                List<Walkthrough> nodes = List.of(new Walkthrough(client(nodeA, tokens)),
                        new Walkthrough(client(nodeB, tokens)));
                nodes.get(0).registerPlaces();
                String itemId = nodes.get(0).draftItem("食品经营许可");

                ExecutorService clients = Executors.newFixedThreadPool(8);
                List<Future<ApiClient.Response>> answers = new ArrayList<>();
                try {
                    for (int i = 0; i < REVISIONS; i++) {
                        ApiClient clerk = nodes.get(i % 2).clerk;
                        Map<String, Object> content = Walkthrough.itemContent(revision(i));
                        answers.add(clients.submit((Callable<ApiClient.Response>) () ->
                                clerk.put("/api/items/" + itemId + "/draft", content)));
                    }
                    List<String> acknowledged = new ArrayList<>();
                    for (int i = 0; i < REVISIONS; i++) {
                        ApiClient.Response answer = answers.get(i).get();
                        assertThat(answer.status()).as(answer.toString()).isIn(204, 409);
                        if (answer.status() == 204) {
                            acknowledged.add(revision(i));
                        } else {
                            assertThat(answer.contentType()).startsWith("application/problem+json");
                            assertThat(answer.body()).contains("conflict");
                        }
                    }
                    assertThat(acknowledged).isNotEmpty();

                    JdbcClient jdbc = nodeA.getBean(JdbcClient.class);
                    List<Long> sequence = jdbc.sql("select sequence_number from domain_event_entry "
                            + "where aggregate_identifier = ? order by sequence_number")
                            .param(itemId).query(Long.class).list();
                    // The draft, then every acknowledged revision and nothing else, without a gap.
                    assertThat(sequence).containsExactlyElementsOf(
                            LongStream.range(0, 1 + acknowledged.size()).boxed().toList());
                    Set<String> stored = jdbc.sql("select convert_from(payload, 'UTF8')::jsonb -> 'content' ->> 'name' "
                            + "from domain_event_entry where aggregate_identifier = ? and sequence_number > 0")
                            .param(itemId).query(String.class).list().stream().collect(Collectors.toSet());
                    assertThat(stored).containsExactlyInAnyOrderElementsOf(acknowledged);

                    JdbcClient projections = reader.getBean(JdbcClient.class);
                    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(projections
                            .sql("select count(*) from item_history where item_id = ?").param(itemId)
                            .query(Long.class).single()).isEqualTo(sequence.size()));

                    mergerPassesEachItemOnce(nodes, jdbc);
                } finally {
                    clients.shutdownNow();
                }
            }
        }
    }

    /** Items published through one node, their body merged through the other: each item passes once. */
    private static void mergerPassesEachItemOnce(List<Walkthrough> nodes, JdbcClient jdbc) {
        List<String> published = List.of(
                nodes.get(0).publishItem("食品生产许可", "德府发〔2013〕24号", "2013-07-01"),
                nodes.get(1).publishItem("药品经营许可", "德府发〔2013〕24号", "2013-07-01"),
                nodes.get(0).publishItem("医疗器械经营许可", "德府发〔2013〕24号", "2013-07-01"));
        String successor = CityOffices.creditCode("11510600MB0000001");
        Walkthrough.expect(201, nodes.get(0).admin.post("/api/bodies", Map.of("creditCode", successor,
                "name", "德阳市市场监督管理局(新)", "jurisdictionCode", Walkthrough.DEYANG,
                "nature", "STATUTORY_ORGAN", "administrativeSubject", true)));
        Walkthrough.expect(204, nodes.get(1).reform.post("/api/bodies/" + Walkthrough.MARKET_BUREAU + "/merge",
                Map.of("successorBodyId", successor, "documentNumber", "德委发〔2019〕1号",
                        "effectiveDate", "2019-01-01")));

        String passed = "select count(*) from domain_event_entry where aggregate_identifier = ? "
                + "and payload_type like '%$PowerItemPassedToSuccessor'";
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(published).allSatisfy(item ->
                assertThat(jdbc.sql(passed).param(item).query(Long.class).single()).isEqualTo(1)));
        // One segment, held by one of the nodes: the process ran on one of them only.
        assertThat(jdbc.sql("select count(*) from token_entry where processor_name = 'body-item-succession'")
                .query(Long.class).single()).isEqualTo(1);
    }

    private static String revision(int i) {
        return "食品经营许可(修订" + i + ")";
    }
}
