package org.quanli.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.quanli.kernel.identity.Role;
import org.quanli.platform.security.demo.DemoTokens;
import org.quanli.testing.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/** The events are the truth: dropping a projection and replaying every event gives back exactly the same rows. */
@SpringBootTest(classes = QuanliLedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class ProjectionReplayTest {

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    JdbcClient jdbc;

    private List<Map<String, Object>> rows(String sql) {
        return jdbc.sql(sql).query().listOfRows();
    }

    @Test
    void aReplayRebuildsTheProjectionToTheSameRowsAndReportsItsProgress() {
        ApiClient anonymous = ApiClient.anonymous(port, tokens);
        Walkthrough walkthrough = new Walkthrough(anonymous);
        walkthrough.registerPlaces();
        String first = walkthrough.publishItem("食品经营许可", "德府发〔2013〕24号", "2013-07-01");
        String second = walkthrough.publishItem("食品生产许可", "德府发〔2013〕24号", "2013-07-01");
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from item_history where item_id in (?, ?)").params(first, second)
                .query(Long.class).single() == 8);
        // Each projection is its own processor, and the snapshot takes every row, other tests' too: it waits for
        // every projection to have caught up.
        ApiClient admin = anonymous.as("admin", Role.ADMINISTRATOR, null);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> CaughtUp.everyStreamingProjection(admin));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from item_view where item_id in (?, ?) and list_status = 'IN_FORCE'")
                .params(first, second).query(Long.class).single() == 2);
        String historySql = "select event_id, item_id, sequence_number, position, description, actor_user_id, "
                + "document_number, effective_date, recorded_at from item_history order by position";
        String itemsSql = "select * from item_view order by item_id";
        List<Map<String, Object>> historyBefore = rows(historySql);
        List<Map<String, Object>> itemsBefore = rows(itemsSql);

        assertThat(anonymous.as("clerk", Role.BODY_CLERK, Walkthrough.MARKET_BUREAU)
                .post("/api/admin/projections/item-history/replay", Map.of()).status()).isEqualTo(403);
        assertThat(admin.post("/api/admin/projections/item-history/replay", Map.of()).status()).isEqualTo(202);
        assertThat(admin.post("/api/admin/projections/power-lists/replay", Map.of()).status()).isEqualTo(202);
        assertThat(admin.post("/api/admin/projections/no-such-projection/replay", Map.of()).status()).isEqualTo(404);
        assertThat(admin.post("/api/admin/projections/command-item-directory/replay", Map.of()).status()).isEqualTo(422);
        // A process sends commands from its events: replayed or rebuilt, it would send them again.
        assertThat(admin.post("/api/admin/projections/delegation-process/replay", Map.of()).status()).isEqualTo(422);
        assertThat(admin.post("/api/admin/projections/delegation-process/rebuild", Map.of()).status()).isEqualTo(422);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode status = admin.get("/api/admin/projections").json();
            for (JsonNode projection : status) {
                if (projection.get("kind").asString().equals("streaming")) {
                    // Right after a reset no segment is claimed yet: progress is known only once they are.
                    assertThat(projection.get("segmentsClaimedHere")).as(projection.toString()).isNotEmpty();
                }
            }
            CaughtUp.everyStreamingProjection(admin);
            assertThat(rows(historySql)).isEqualTo(historyBefore);
            assertThat(rows(itemsSql)).isEqualTo(itemsBefore);
        });
    }
}
