package org.quanli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quanli.command.Fixtures.*;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quanli.kernel.identity.Role;
import org.quanli.platform.security.demo.DemoTokens;
import org.quanli.testing.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** The command API over real HTTP: who may do what, and what a client sees when a request is refused. */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class CommandApiHttpTest {

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    JdbcClient jdbc;

    ApiClient admin;
    ApiClient clerk;
    ApiClient reviewer;
    ApiClient reform;

    @BeforeEach
    void registerDeyang() {
        ApiClient anonymous = ApiClient.anonymous(port, tokens);
        admin = anonymous.as("admin", Role.ADMINISTRATOR, null);
        clerk = anonymous.as("clerk", Role.BODY_CLERK, MARKET_BUREAU);
        reviewer = anonymous.as("reviewer", Role.LEGAL_REVIEWER, JUSTICE_BUREAU);
        reform = anonymous.as("reform", Role.REFORM_OFFICE, REFORM_OFFICE);
        registerOverHttp(admin, Map.of(MARKET_BUREAU, "德阳市市场监督管理局", JUSTICE_BUREAU, "德阳市司法局",
                REFORM_OFFICE, "中共德阳市委机构编制委员会办公室"));
    }

    private static Map<String, Object> draft(int legal, int promised) {
        return Map.of("bodyId", MARKET_BUREAU, "name", "食品经营许可", "type", "LICENCE",
                "legalBases", List.of(Map.of("kind", "LAW", "title", "《中华人民共和国食品安全法》", "article", "第三十五条")),
                "legalLimitDays", legal, "promisedLimitDays", promised);
    }

    private long storedEvents() {
        return jdbc.sql("select count(*) from domain_event_entry").query(Long.class).single();
    }

    @Test
    void withoutATokenTheApiAnswers401AsAProblem() {
        var response = ApiClient.anonymous(port, tokens).post("/api/items", draft(20, 10));
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:quanli:problem:unauthenticated");
    }

    @Test
    void aTokenNotSignedByTheIdentityProviderIs401() {
        var response = ApiClient.anonymous(port, tokens).withToken("eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl")
                .post("/api/items", draft(20, 10));
        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void theWrongRoleIs403AndWritesNothing() {
        long before = storedEvents();
        var response = reviewer.post("/api/items", draft(20, 10));
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:quanli:problem:forbidden");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void aClerkDraftsAnItemAndGetsItsLocation() {
        var response = clerk.post("/api/items", draft(20, 10));
        assertThat(response.status()).isEqualTo(201);
        String itemId = response.json().get("itemId").asString();
        assertThat(response.location()).endsWith("/api/items/" + itemId);
        assertThat(jdbc.sql("select payload_type from domain_event_entry where aggregate_identifier = ?")
                .param(itemId).query(String.class).single())
                .endsWith("PowerItemDrafted");
    }

    @Test
    void aBrokenRuleIs422NamingTheRuleAndWritesNothing() {
        long before = storedEvents();
        var response = clerk.post("/api/items", draft(20, 30));
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("rule").asString()).isEqualTo("promised-within-legal");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:quanli:problem:rule:promised-within-legal");
        assertThat(response.json().get("detail").asString()).contains("承诺时限(30个工作日)不得超过法定时限(20个工作日)");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void invalidFieldsAre400NamingEachField() {
        var response = clerk.post("/api/items", Map.of("bodyId", MARKET_BUREAU, "type", "LICENCE",
                "legalLimitDays", -1, "promisedLimitDays", 0));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("name", "legalLimitDays");
    }

    @Test
    void anUnknownCodeValueIs400NamingTheFieldAndTheChoices() {
        var response = clerk.post("/api/items", Map.of("bodyId", MARKET_BUREAU, "name", "x", "type", "PERMIT",
                "legalLimitDays", 1, "promisedLimitDays", 0));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("type");
        assertThat(response.body()).contains("LICENCE").doesNotContain("org.quanli");
    }

    @Test
    void malformedJsonIs400WithoutAStackTrace() {
        var response = clerk.postRaw("/api/items", "{\"name\": ");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:quanli:problem:malformed-request");
        assertThat(response.body()).doesNotContain("at org.", "Exception");
    }

    @Test
    void anUnknownItemIs404() {
        var response = clerk.post("/api/items/6f1c1a52-1111-4a4a-9a9a-000000000000/submit", Map.of());
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:quanli:problem:not-found");
    }

    @Test
    void registeringAJurisdictionTwiceIs409() {
        var response = admin.post("/api/jurisdictions", Map.of("code", DEYANG, "name", "德阳市", "level", "CITY",
                "parentCode", SICHUAN));
        assertThat(response.status()).isEqualTo(409);
    }

    @Test
    void aChangeBasedOnAStaleVersionIs409AndWritesNothing() {
        String itemId = clerk.post("/api/items", draft(20, 10)).json().get("itemId").asString();
        assertThat(clerk.post("/api/items/" + itemId + "/submit", Map.of(), 0).status()).isEqualTo(204);
        long before = storedEvents();
        // The reviewer still holds version 0, from before the submission.
        var stale = reviewer.post("/api/items/" + itemId + "/return", Map.of("reasons", List.of("依据不全")), 0);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("type").asString()).isEqualTo("urn:quanli:problem:conflict");
        assertThat(storedEvents()).isEqualTo(before);
    }

    private String publishedItem() {
        String itemId = clerk.post("/api/items", draft(20, 10)).json().get("itemId").asString();
        assertThat(clerk.post("/api/items/" + itemId + "/submit", Map.of()).status()).isEqualTo(204);
        assertThat(reviewer.post("/api/items/" + itemId + "/approve", Map.of()).status()).isEqualTo(204);
        assertThat(reform.post("/api/items/" + itemId + "/publish", Map.of("documentNumber", "德府发〔2013〕24号",
                "effectiveDate", "2013-07-01")).status()).isEqualTo(204);
        return itemId;
    }

    private List<String> eventsOf(String itemId) {
        return jdbc.sql("select payload_type from domain_event_entry where aggregate_identifier = ? order by sequence_number")
                .param(itemId).query(String.class).list().stream().map(t -> t.substring(t.lastIndexOf('$') + 1)).toList();
    }

    @Test
    void aFullItemIsDraftedWithItsSevenElements() {
        Map<String, Object> full = new java.util.HashMap<>(draft(20, 10));
        full.put("exerciseLevel", "CITY");
        full.put("description", "对食品经营活动实施许可");
        full.put("conditions", List.of("有与经营的食品品种、数量相适应的经营场所", "有食品安全专业技术人员"));
        full.put("materials", List.of(Map.of("name", "食品经营许可申请书", "originals", 1, "copies", 0, "required", true)));
        full.put("fees", List.of(Map.of("name", "不收费")));
        full.put("processSteps", List.of(Map.of("name", "受理", "handlingUnit", "行政审批科", "limitDays", 1)));
        full.put("riskPoints", List.of(Map.of("description", "违规受理", "controls", "受理审查分离")));
        full.put("supervisionChannels", List.of("0838-12345"));
        full.put("publicity", Map.of("isPublic", true));
        var response = clerk.post("/api/items", full);
        assertThat(response.status()).isEqualTo(201);
        String payload = jdbc.sql("select convert_from(payload, 'UTF8') from domain_event_entry where aggregate_identifier = ?")
                .param(response.json().get("itemId").asString()).query(String.class).single();
        assertThat(payload).contains("\"exerciseLevel\":\"CITY\"", "食品经营许可申请书", "行政审批科", "受理审查分离");
    }

    @Test
    void invalidNestedFieldsAreNamedWithTheirPath() {
        Map<String, Object> bad = new java.util.HashMap<>(draft(20, 10));
        bad.put("materials", List.of(Map.of("name", "", "originals", 1, "copies", 0, "required", true)));
        var response = clerk.post("/api/items", bad);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").findValuesAsString("field")).containsExactly("materials[0].name");
    }

    @Test
    void anAmendmentGoesThroughReviewAndIsPublishedAsVersionTwo() {
        String itemId = publishedItem();
        Map<String, Object> faster = new java.util.HashMap<>(draft(20, 5));
        faster.remove("bodyId");
        assertThat(clerk.post("/api/items/" + itemId + "/amendment", faster).status()).isEqualTo(204);
        assertThat(clerk.post("/api/items/" + itemId + "/submit", Map.of()).status()).isEqualTo(204);
        assertThat(reviewer.post("/api/items/" + itemId + "/approve", Map.of("opinion", "同意")).status()).isEqualTo(204);
        assertThat(reform.post("/api/items/" + itemId + "/publish", Map.of("documentNumber", "德府发〔2016〕8号",
                "effectiveDate", "2016-03-01")).status()).isEqualTo(204);
        assertThat(eventsOf(itemId)).endsWith("PowerItemAmendmentDrafted", "PowerItemSubmitted", "PowerItemApproved",
                "PowerItemAmended");
    }

    @Test
    void anAdjustmentIsProposedReviewedAndDecided() {
        String itemId = publishedItem();
        var missingReason = reform.post("/api/items/" + itemId + "/adjustment", Map.of("kind", "CANCEL"));
        assertThat(missingReason.status()).isEqualTo(422);
        assertThat(missingReason.json().get("rule").asString()).isEqualTo("adjustment-needs-reason");

        assertThat(reform.post("/api/items/" + itemId + "/adjustment", Map.of("kind", "CANCEL",
                "reason", "设定依据已废止")).status()).isEqualTo(204);
        // Review comes before the decision.
        var tooEarly = reform.post("/api/items/" + itemId + "/publish", Map.of("documentNumber", "德府发〔2018〕2号",
                "effectiveDate", "2018-01-01"));
        assertThat(tooEarly.status()).isEqualTo(422);
        assertThat(reviewer.post("/api/items/" + itemId + "/approve", Map.of()).status()).isEqualTo(204);
        assertThat(reform.post("/api/items/" + itemId + "/publish", Map.of("documentNumber", "德府发〔2018〕2号",
                "effectiveDate", "2018-01-01")).status()).isEqualTo(204);
        assertThat(eventsOf(itemId)).endsWith("PowerItemAdjustmentProposed", "PowerItemApproved", "PowerItemCancelled");
    }

    @Test
    void submitAfterProposingAnAdjustmentAnswers200WithWhereItStandsAndWritesNothing() {
        String itemId = publishedItem();
        assertThat(reform.post("/api/items/" + itemId + "/adjustment", Map.of("kind", "SUSPEND",
                "reason", "上位法修订中")).status()).isEqualTo(204);
        long before = storedEvents();

        var response = reform.post("/api/items/" + itemId + "/submit", Map.of());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("pendingChange").asString()).isEqualTo("SUSPEND");
        assertThat(response.json().get("reviewStatus").asString()).isEqualTo("SUBMITTED");
        assertThat(response.json().get("detail").asString())
                .isEqualTo("调整(暂停执行)一经提出即已报送审核,当前为“待审核”,无需再次报送");
        assertThat(storedEvents()).isEqualTo(before);
        assertThat(eventsOf(itemId)).endsWith("PowerItemPublished", "PowerItemAdjustmentProposed");
    }

    @Test
    void anUnknownAdjustmentKindIs400NamingTheChoices() {
        String itemId = publishedItem();
        var response = reform.post("/api/items/" + itemId + "/adjustment", Map.of("kind", "ABOLISH", "reason", "x"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("kind");
        assertThat(response.body()).contains("CANCEL", "MERGE");
    }
}
