package org.quanli.query.powerlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quanli.query.powerlist.LedgerEvents.content;
import static org.quanli.query.powerlist.LedgerEvents.decision;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.identity.Role;
import org.quanli.testing.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The status and the health read the token table, so they tell the truth about segments this node does not hold:
 * another node's, a failing one, one nobody claims. Such segments are written into the token table here, under
 * processor names no node runs.
 */
class ProjectionStatusTest extends ProjectionTestSupport {

    private static final String ELSEWHERE = "retired-projection";
    private static final String FAILING = "failing-projection";

    @Autowired
    Serializer serializer;

    @AfterEach
    void removeTheSegments() {
        jdbc.sql("delete from token_entry where processor_name in (?, ?)").params(ELSEWHERE, FAILING).update();
        jdbc.sql("delete from projection_segment_error where processor_name in (?, ?)").params(ELSEWHERE, FAILING)
                .update();
    }

    private void token(String processor, int segment, long position, String owner, Instant at) {
        var token = serializer.serialize(new GlobalSequenceTrackingToken(position), byte[].class);
        jdbc.sql("insert into token_entry (processor_name, segment, token, token_type, timestamp, owner) "
                        + "values (?, ?, ?, ?, ?, ?)")
                .params(processor, segment, token.getData(), token.getType().getName(), at.toString(), owner).update();
    }

    private JsonNode projection(JsonNode status, String name) {
        for (JsonNode projection : status) {
            if (projection.get("name").asString().equals(name)) {
                return projection;
            }
        }
        throw new AssertionError(name + " not in " + status);
    }

    @Test
    void everySegmentInTheTokenTableIsReportedWithItsOwnerLagAndFailure() {
        ApiClient admin = anonymous.as("admin", Role.ADMINISTRATOR, null);
        // The segments written below stand at positions 1 to 3: a store of a few events more puts them behind.
        String county = events.jurisdiction("罗江区");
        String bureau = events.body(county, "罗江区自然资源局");
        events.awaitBodies(bureau);
        events.awaitProjected(events.published(bureau, county, content("采矿权新立登记", ItemType.LICENCE, 20, 10),
                decision("罗府发〔2020〕1号", "2020-03-01")), events.published(bureau, county,
                content("探矿权新立登记", ItemType.LICENCE, 20, 10), decision("罗府发〔2020〕1号", "2020-03-01")));
        // An event of another test that cannot be written fails its batch before it is parked, and the segment
        // waits out its back-off: this node's own projections are first seen running again.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                projection(admin.get("/api/admin/projections").json(), "power-lists").get("segments"))
                .isNotEmpty().allSatisfy(segment -> {
                    assertThat(segment.get("claimedHere").asBoolean()).isTrue();
                    assertThat(segment.get("erroring").asBoolean()).isFalse();
                }));
        Instant now = Instant.now();
        // Nobody has held segment 1 of a projection for ten minutes; segment 0 is held by another node.
        token(ELSEWHERE, 0, 3, "4242@other-node", now);
        token(ELSEWHERE, 1, 2, "4242@other-node", now.minus(Duration.ofMinutes(10)));
        // Another node holds this one, and it has failed at the same event for twenty minutes.
        token(FAILING, 0, 1, "4343@third-node", now);
        jdbc.sql("insert into projection_segment_error values (?, 0, 2, 'ItemNameRefused: 名称无法写入', ?, ?, 240)")
                .params(FAILING, Timestamp.from(now.minus(Duration.ofMinutes(20))), Timestamp.from(now)).update();

        JsonNode status = admin.get("/api/admin/projections").json();
        long head = jdbc.sql("select coalesce(max(global_index), 0) from domain_event_entry").query(Long.class).single();
        JsonNode elsewhere = projection(status, ELSEWHERE);
        assertThat(elsewhere.get("runningHere").asBoolean()).isFalse();
        assertThat(elsewhere.get("segmentsClaimedHere")).isEmpty();
        JsonNode held = elsewhere.get("segments").get(0);
        assertThat(held.get("owner").asString()).isEqualTo("4242@other-node");
        assertThat(held.get("claimed").asBoolean()).isTrue();
        assertThat(held.get("position").asLong()).isEqualTo(3);
        assertThat(held.get("behind").asLong()).isGreaterThanOrEqualTo(head - 3).isPositive();
        JsonNode abandoned = elsewhere.get("segments").get(1);
        assertThat(abandoned.get("claimed").asBoolean()).isFalse();
        assertThat(Duration.parse(abandoned.get("unclaimedFor").asString())).isGreaterThan(Duration.ofMinutes(9));
        assertThat(elsewhere.get("behind").asLong()).isGreaterThanOrEqualTo(head - 2);

        JsonNode failing = projection(status, FAILING).get("segments").get(0);
        assertThat(failing.get("erroring").asBoolean()).isTrue();
        assertThat(failing.get("lastError").asString()).contains("名称无法写入");
        assertThat(Duration.parse(failing.get("stuckFor").asString())).isGreaterThan(Duration.ofMinutes(19));

        // This node's own projections: every segment claimed here, none failing.
        JsonNode powerLists = projection(status, "power-lists");
        assertThat(powerLists.get("runningHere").asBoolean()).isTrue();
        assertThat(powerLists.get("segments")).isNotEmpty().allSatisfy(segment -> {
            assertThat(segment.get("claimedHere").asBoolean()).isTrue();
            assertThat(segment.get("erroring").asBoolean()).isFalse();
        });

        // Health: DOWN, naming both, in its own group and in the overall health; the probes stay up.
        ApiClient.Response health = anonymous.get("/actuator/health/projections");
        assertThat(health.status()).isEqualTo(503);
        JsonNode problems = health.json().get("components").get("projectionSegments").get("details").get("problems");
        List<String> named = new ArrayList<>();
        problems.forEach(p -> named.add(p.get("projection").asString() + "/" + p.get("segment").asInt() + ":"
                + p.get("problem").asString()));
        assertThat(named).containsExactlyInAnyOrder(ELSEWHERE + "/1:unclaimed", FAILING + "/0:stuck");
        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(503);
        assertThat(anonymous.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);

        // Once the failing segment moves past the event, and the abandoned one is claimed again, all is well.
        jdbc.sql("update token_entry set token = ?, timestamp = ? where processor_name = ?")
                .params(serializer.serialize(new GlobalSequenceTrackingToken(2), byte[].class).getData(),
                        Instant.now().toString(), FAILING).update();
        jdbc.sql("update token_entry set timestamp = ? where processor_name = ?")
                .params(Instant.now().toString(), ELSEWHERE).update();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(anonymous.get("/actuator/health/projections").status()).isEqualTo(200));
        assertThat(projection(admin.get("/api/admin/projections").json(), FAILING).get("segments").get(0)
                .get("erroring").asBoolean()).isFalse();
    }
}
