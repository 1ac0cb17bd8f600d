package org.quanli.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.quanli.platform.security.demo.DemoTokens;
import org.quanli.testing.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Both sides in one JVM, exercised over HTTP exactly as the README walkthrough does. */
@SpringBootTest(classes = QuanliLedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class LedgerEndToEndTest {

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;

    @Test
    void anItemGoesFromDraftToThePublicListAndEveryStoredEventSaysWhoDidIt() {
        ApiClient anonymous = ApiClient.anonymous(port, tokens);
        Walkthrough walkthrough = new Walkthrough(anonymous);
        walkthrough.registerPlaces();
        String itemId = walkthrough.publishItem("食品经营许可", "德府发〔2013〕24号", "2013-07-01");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode list = anonymous.get("/api/public/jurisdictions/510600/items?size=200").json();
            assertThat(list.get("items").findValuesAsString("itemId")).contains(itemId);
            // Until the history projection has the item, the answer is a 404 problem: wait for it, do not fail.
            var pending = walkthrough.reviewer.get("/api/items/" + itemId + "/history");
            assertThat(pending.status()).as(pending.body()).isEqualTo(200);
            assertThat(pending.json().get("total").asInt()).isEqualTo(4);
        });
        JsonNode history = walkthrough.reviewer.get("/api/items/" + itemId + "/history").json();
        assertThat(history.get("entries").findValuesAsString("actorUserId"))
                .containsExactly("clerk", "clerk", "reviewer", "reform");
        assertThat(history.get("entries").get(3).get("documentNumber").asString()).isEqualTo("德府发〔2013〕24号");
        assertThat(history.get("entries").get(3).get("effectiveDate").asString()).isEqualTo("2013-07-01");

        List<Map<String, Object>> stored = jdbc.sql("""
                select payload_type, convert_from(payload, 'UTF8') as payload, convert_from(meta_data, 'UTF8') as meta
                from domain_event_entry where aggregate_identifier = ? order by sequence_number""")
                .param(itemId).query().listOfRows();
        assertThat(stored).hasSize(4);
        String correlation = null;
        for (Map<String, Object> row : stored) {
            JsonNode meta = json.readTree((String) row.get("meta"));
            assertThat(meta.get("actorUserId").asString()).isNotBlank();
            assertThat(meta.get("actorName").asString()).isNotBlank();
            assertThat(meta.get("actorRole").asString()).isIn("BODY_CLERK", "LEGAL_REVIEWER", "REFORM_OFFICE");
            assertThat(meta.get("actorBody").asString()).hasSize(18);
            assertThat(meta.get("correlationId").asString()).isNotBlank();
            assertThat(meta.get("causationId").asString()).isNotBlank();
            correlation = meta.get("correlationId").asString();
        }
        JsonNode publishedMeta = json.readTree((String) stored.get(3).get("meta"));
        assertThat(publishedMeta.get("actorUserId").asString()).isEqualTo("reform");
        assertThat(publishedMeta.get("actorBody").asString()).isEqualTo(Walkthrough.REFORM_OFFICE);
        // Each command starts its own conversation: the event's correlation and causation are that command.
        assertThat(publishedMeta.get("causationId").asString()).isEqualTo(correlation);
        JsonNode publishedPayload = json.readTree((String) stored.get(3).get("payload"));
        assertThat(publishedPayload.get("decision").get("documentNumber").asString()).isEqualTo("德府发〔2013〕24号");
        assertThat(publishedPayload.get("decision").get("effectiveDate").asString()).isEqualTo("2013-07-01");
    }

    @Test
    void theActorComesFromTheTokenNeverFromTheRequestBody() {
        ApiClient anonymous = ApiClient.anonymous(port, tokens);
        ApiClient admin = new Walkthrough(anonymous).admin;
        Walkthrough.expect(201, admin.post("/api/jurisdictions", Map.of("code", "650000", "name", "新疆维吾尔自治区",
                "level", "PROVINCE", "actorUserId", "someone-else", "actorRole", "REFORM_OFFICE")));
        String meta = jdbc.sql("select convert_from(meta_data, 'UTF8') from domain_event_entry where aggregate_identifier = '650000'")
                .query(String.class).single();
        JsonNode metaData = json.readTree(meta);
        assertThat(metaData.get("actorUserId").asString()).isEqualTo("admin");
        assertThat(metaData.get("actorRole").asString()).isEqualTo("ADMINISTRATOR");
    }

    @Test
    void theApplicationServesItsOpenApiDocumentAndHealthAnonymously() {
        ApiClient anonymous = ApiClient.anonymous(port, tokens);
        var docs = anonymous.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").propertyNames())
                .contains("/api/items", "/api/items/{itemId}/publish", "/api/public/jurisdictions/{code}/items",
                        "/api/items/{itemId}/history");
        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
    }

    @Test
    void demoUsersGetTokensFromTheDemoEndpoint() {
        ApiClient anonymous = ApiClient.anonymous(port, tokens);
        var unknown = anonymous.post("/demo/token", Map.of("username", "nobody"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("type").asString()).isEqualTo("urn:quanli:problem:unknown-demo-user");
    }
}
