package org.quanli.ops;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * Someone trying the ledger for their own county gets a token for any role in any body the ledger has registered,
 * without configuring a demo user; a body the ledger does not know gets nothing.
 */
@SpringBootTest(classes = QuanliLedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class DemoIdentityEndToEndTest {

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aTokenForAnyRoleInARegisteredBodyActsForThatBody() {
        ApiClient anonymous = ApiClient.anonymous(port, tokens);
        new Walkthrough(anonymous).registerPlaces();

        var issued = anonymous.post("/demo/token", Map.of("role", "BODY_CLERK", "body", Walkthrough.MARKET_BUREAU,
                "name", "孙悦"));
        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        JsonNode token = issued.json();
        assertThat(token.get("roles").get(0).asString()).isEqualTo("BODY_CLERK");
        assertThat(token.get("body").asString()).isEqualTo(Walkthrough.MARKET_BUREAU);
        String username = token.get("username").asString();

        var drafted = anonymous.withToken(token.get("access_token").asString()).post("/api/items",
                Map.of("bodyId", Walkthrough.MARKET_BUREAU, "name", "食品小作坊登记", "type", "LICENCE",
                        "legalBases", List.of(Map.of("kind", "LAW", "title", "《中华人民共和国食品安全法》",
                                "article", "第三十六条")),
                        "legalLimitDays", 20, "promisedLimitDays", 10));
        assertThat(drafted.status()).as(drafted.body()).isEqualTo(201);
        String meta = jdbc.sql("select convert_from(meta_data, 'UTF8') from domain_event_entry "
                        + "where aggregate_identifier = ? and sequence_number = 0")
                .param(drafted.json().get("itemId").asString()).query(String.class).single();
        assertThat(meta).contains("\"actorUserId\":\"" + username + "\"", "孙悦", Walkthrough.MARKET_BUREAU);

        // Without a name the token carries the role and the body's registered name.
        var unnamed = anonymous.post("/demo/token", Map.of("role", "AUDITOR", "body", Walkthrough.JUSTICE_BUREAU));
        assertThat(unnamed.json().get("name").asString()).isEqualTo("审计监察人员(德阳市司法局)");
    }

    @Test
    void aBodyTheLedgerDoesNotKnowOrARoleThatDoesNotExistGetsNoToken() {
        ApiClient anonymous = ApiClient.anonymous(port, tokens);
        new Walkthrough(anonymous).registerPlaces();

        var unknownBody = anonymous.post("/demo/token", Map.of("role", "BODY_CLERK", "body", "91110000MA00000000"));
        assertThat(unknownBody.status()).isEqualTo(400);
        assertThat(unknownBody.json().get("errors").get(0).get("field").asString()).isEqualTo("body");
        assertThat(unknownBody.body()).doesNotContain("access_token");

        var noBody = anonymous.post("/demo/token", Map.of("role", "WINDOW_OFFICER"));
        assertThat(noBody.status()).isEqualTo(400);
        assertThat(noBody.json().get("errors").get(0).get("field").asString()).isEqualTo("body");

        var unknownRole = anonymous.post("/demo/token", Map.of("role", "GOVERNOR", "body", Walkthrough.MARKET_BUREAU));
        assertThat(unknownRole.status()).isEqualTo(400);
        assertThat(unknownRole.json().get("errors").get(0).get("field").asString()).isEqualTo("role");

        // An administrator belongs to no body.
        var admin = anonymous.post("/demo/token", Map.of("role", "ADMINISTRATOR"));
        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.json().hasNonNull("body")).isFalse();
    }
}
