package org.quanli.query.timeliness;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.quanli.kernel.identity.Role;
import org.quanli.platform.security.demo.DemoTokens;
import org.quanli.query.QuerySideApplication;
import org.quanli.testing.ApiClient;
import org.quanli.testing.ApiClient.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Who reads which statistics over HTTP, the portal's copy, the definitions, and what a bad parameter answers. */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseStatisticsHttpTest {

    private static final String PERIOD = "from=2024-04-01&to=2024-05-31";

    @Autowired
    EventStore eventStore;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DemoTokens tokens;
    @LocalServerPort
    int port;

    TimelinessDataset dataset;
    ApiClient anonymous;

    @BeforeAll
    void dataset() {
        dataset = TimelinessDataset.load(eventStore, transactions, jdbc);
        anonymous = ApiClient.anonymous(port, tokens);
    }

    private ApiClient as(Role role, String body) {
        return anonymous.as("user-" + role.name().toLowerCase(), role, body);
    }

    private String window(String symbol) {
        return URLEncoder.encode(dataset.id(symbol), StandardCharsets.UTF_8);
    }

    /** The figure's whole-period value in an answer. */
    private static JsonNode total(JsonNode answer, String code) {
        for (JsonNode figure : answer.get("figures")) {
            if (figure.get("code").asString().equals(code)) {
                return figure.get("total");
            }
        }
        throw new AssertionError("no figure " + code + " in " + answer);
    }

    private static JsonNode ok(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    @Test
    void supervisorsReadEveryBodysFiguresEachWithItsDefinitionNextToIt() {
        JsonNode answer = ok(as(Role.AUDITOR, null).get("/api/statistics/cases?" + PERIOD
                + "&granularity=month&jurisdictionCode=" + dataset.id("C")));
        assertThat(answer.get("definitionsVersion").asString()).isEqualTo("v1");
        assertThat(answer.get("dimension").asString()).isEqualTo("jurisdictionCode");
        assertThat(answer.get("buckets")).hasSize(2);
        assertThat(total(answer, "accepted").get("value").asLong()).isEqualTo(27);
        JsonNode onTime = null;
        for (JsonNode figure : answer.get("figures")) {
            assertThat(figure.get("label").asString()).isNotBlank();
            assertThat(figure.get("formula").asString()).isNotBlank();
            assertThat(figure.get("series")).hasSize(2);
            if (figure.get("code").asString().equals("onTimeRate")) {
                onTime = figure;
            }
        }
        assertThat(onTime.get("label").asString()).isEqualTo("按时办结率");
        assertThat(onTime.get("kind").asString()).isEqualTo("RATE");
        assertThat(onTime.get("formula").asString()).contains("÷ 时段内办结件数");
        assertThat(onTime.get("total").get("numerator").asLong()).isEqualTo(15);
        assertThat(onTime.get("total").get("denominator").asLong()).isEqualTo(20);
        assertThat(onTime.get("total").get("value").decimalValue()).isEqualByComparingTo("0.75");

        JsonNode reform = ok(as(Role.REFORM_OFFICE, null).get("/api/statistics/cases?" + PERIOD + "&bodyId="
                + dataset.id("B")));
        assertThat(total(reform, "accepted").get("value").asLong()).isEqualTo(12);
        // The statistics never carry the applicant.
        assertThat(reform.toString()).doesNotContain("张三丰").doesNotContain("510106199001011234");
    }

    @Test
    void aWindowOfficerCountsOnlyTheOfficersOwnBody() {
        ApiClient windowOfA = as(Role.WINDOW_OFFICER, dataset.id("A"));
        JsonNode own = ok(windowOfA.get("/api/statistics/cases?" + PERIOD));
        assertThat(total(own, "accepted").get("value").asLong()).isEqualTo(15);
        // Labelled as what it is: the officer's body's figures.
        assertThat(own.get("dimension").asString()).isEqualTo("bodyId");
        assertThat(own.get("dimensionValue").asString()).isEqualTo(dataset.id("A"));
        assertThat(ok(windowOfA.get("/api/statistics/cases?" + PERIOD + "&bodyId=" + dataset.id("A"))))
                .isEqualTo(own);
        // The list figures too: A's two items, not B's three.
        assertThat(total(own, "immediateItemShare").get("denominator").asLong()).isEqualTo(2);
        assertThat(total(ok(windowOfA.get("/api/statistics/cases?" + PERIOD + "&itemId=" + dataset.id("I1"))),
                "accepted").get("value").asLong()).isPositive();
        assertThat(total(ok(windowOfA.get("/api/statistics/cases?" + PERIOD + "&window=" + window("1号窗口"))),
                "accepted").get("value").asLong()).isEqualTo(11);

        // Another body's figures, a jurisdiction's (even one holding the officer's body) or another body's item's
        // are not the officer's to read: never the own body's figures under their name.
        for (String other : List.of("bodyId=" + dataset.id("B"), "jurisdictionCode=" + dataset.id("C"),
                "jurisdictionCode=" + dataset.id("K"), "itemId=" + dataset.id("I3"))) {
            Response refused = windowOfA.get("/api/statistics/cases?" + PERIOD + "&" + other);
            assertThat(refused.status()).as(other + ": " + refused.body()).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        // A window the officer's body never received a case at is unknown to the officer.
        assertThat(as(Role.WINDOW_OFFICER, dataset.id("B")).get("/api/statistics/cases?" + PERIOD + "&window="
                + window("1号窗口")).status()).isEqualTo(404);
    }

    @Test
    void figuresOfAnUnknownBodyJurisdictionItemOrWindowAreNotFoundRatherThanZeros() {
        for (String unknown : List.of("bodyId=11510700008654999X", "jurisdictionCode=510799",
                "itemId=" + java.util.UUID.randomUUID(), "window=" + URLEncoder.encode("99号窗口·无此窗口",
                        StandardCharsets.UTF_8))) {
            for (Response response : List.of(as(Role.AUDITOR, null).get("/api/statistics/cases?" + PERIOD + "&"
                    + unknown), anonymous.get("/api/public/statistics/cases?" + PERIOD + "&" + unknown))) {
                assertThat(response.status()).as(unknown + ": " + response.body()).isEqualTo(404);
                assertThat(response.contentType()).startsWith("application/problem+json");
            }
        }
    }

    @Test
    void onlySupervisorsAndWindowOfficersSignInToTheStatisticsAndNobodyWithout() {
        String path = "/api/statistics/cases?" + PERIOD + "&bodyId=" + dataset.id("A");
        assertThat(anonymous.get(path).status()).isEqualTo(401);
        assertThat(anonymous.get("/api/statistics/definitions").status()).isEqualTo(401);
        for (Role role : List.of(Role.BODY_CLERK, Role.LEGAL_REVIEWER, Role.ADMINISTRATOR)) {
            assertThat(as(role, dataset.id("A")).get(path).status()).as(role.name()).isEqualTo(403);
        }
    }

    @Test
    void thePortalReadsTheSameFiguresWithoutSigningIn() {
        String query = "?" + PERIOD + "&granularity=year&window=" + window("1号窗口");
        JsonNode portal = ok(anonymous.get("/api/public/statistics/cases" + query));
        assertThat(total(portal, "accepted").get("value").asLong()).isEqualTo(11);
        assertThat(total(portal, "satisfactionRate").get("value").decimalValue()).isEqualByComparingTo("1");
        // Item figures do not apply to a window: no value, numerator or denominator.
        assertThat(total(portal, "promisedSpeedUp").get("value").isNull()).isTrue();
        assertThat(total(portal, "promisedSpeedUp").get("denominator").isNull()).isTrue();
        assertThat(portal).isEqualTo(ok(as(Role.AUDITOR, null).get("/api/statistics/cases" + query)));
        assertThat(portal.toString()).doesNotContain("张三丰").doesNotContain("13812345678");
    }

    @Test
    void theDefinitionsAreListedWithTheirVersion() {
        JsonNode definitions = ok(as(Role.BODY_CLERK, dataset.id("A")).get("/api/statistics/definitions"));
        assertThat(definitions.get("version").asString()).isEqualTo("v1");
        assertThat(definitions.get("conventions").asString()).contains("分母为0时比率为 null");
        List<String> codes = new ArrayList<>();
        definitions.get("definitions").forEach(d -> codes.add(d.get("code").asString()));
        assertThat(codes).containsExactly("accepted", "concluded", "notAccepted", "withdrawn", "immediateCases",
                "promisedCases", "sameDayRate", "sameMonthRate", "onTimeRate", "overdue", "overdueConcluded",
                "overdueOpen", "earlyRate", "averageWorkingDays", "promisedSpeedUp", "actualSpeedUp",
                "satisfactionRate", "immediateItemShare");
        assertThat(definitions.get("definitions").get(6).get("label").asString()).isEqualTo("当日办结率");
        assertThat(ok(anonymous.get("/api/public/statistics/definitions"))).isEqualTo(definitions);
    }

    @Test
    void aBadParameterIsA400NamingIt() {
        ApiClient auditor = as(Role.AUDITOR, null);
        String a = "&bodyId=" + dataset.id("A");
        assertNamed(auditor.get("/api/statistics/cases?from=2024-05-01&to=2024-04-01" + a), "from");
        assertNamed(auditor.get("/api/statistics/cases?from=2024-01-01&to=2025-01-01&granularity=day" + a), "to");
        assertNamed(auditor.get("/api/statistics/cases?" + PERIOD + "&granularity=week" + a), "granularity");
        assertNamed(auditor.get("/api/statistics/cases?" + PERIOD + a + "&jurisdictionCode=" + dataset.id("C")),
                "jurisdictionCode");
        assertNamed(auditor.get("/api/statistics/cases?from=2024-13-01&to=2024-05-31" + a), "from");
        assertNamed(auditor.get("/api/statistics/cases?" + PERIOD + "&itemId=not-an-id"), "itemId");
        assertNamed(auditor.get("/api/statistics/cases?" + PERIOD + "&bodyId=123"), "bodyId");
        assertNamed(anonymous.get("/api/public/statistics/cases?from=2024-01-01&to=2025-01-01&granularity=day"),
                "to");
        assertNamed(auditor.get("/api/statistics/cases?from=%2B999999999-12-31&to=%2B999999999-12-31" + a), "from");
        assertNamed(anonymous.get("/api/public/statistics/cases?from=2024-01-01&to=%2B999999999-12-31&granularity=year"),
                "to");
        Response missing = auditor.get("/api/statistics/cases?to=2024-05-31");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("from");
        // A year of days is the most one answer holds.
        assertThat(ok(auditor.get("/api/statistics/cases?from=2024-01-01&to=2024-12-31&granularity=day" + a))
                .get("buckets")).hasSize(366);
    }

    private static void assertNamed(Response response, String parameter) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("errors").get(0).get("field").asString()).as(response.body())
                .isEqualTo(parameter);
    }
}
