package org.quanli.query.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quanli.query.cases.CaseEvents.APPLICANT;
import static org.quanli.query.cases.CaseEvents.date;
import static org.quanli.query.cases.CaseEvents.time;

import java.time.Duration;
import java.util.List;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quanli.kernel.cases.CaseMessages.CaseAccepted;
import org.quanli.kernel.cases.CaseMessages.CaseFlagged;
import org.quanli.kernel.cases.CaseMessages.CaseSubmitted;
import org.quanli.kernel.cases.CaseType;
import org.quanli.kernel.cases.Channel;
import org.quanli.kernel.cases.SupervisionLevel;
import org.quanli.kernel.cases.SupervisionTrigger;
import org.quanli.kernel.delegation.AcceptanceCapacity;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.codes.ItemType;
import org.quanli.platform.projections.ProjectionStatuses;
import org.quanli.platform.security.demo.DemoTokens;
import org.quanli.query.QuerySideApplication;
import org.quanli.query.cases.CaseEvents.Stream;
import org.quanli.query.powerlist.LedgerEvents;
import org.quanli.query.powerlist.LedgerEvents.Item;
import org.quanli.query.testing.CaughtUp;
import org.quanli.testing.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Who reads which case, whose identity, and what a bad parameter answers. */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class CasesReadHttpTest {

    private static final String ITEM = "6b1a3f0e-0000-4000-8000-000000000002";

    @Autowired
    ProjectionStatuses statuses;
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

    ApiClient anonymous;
    String county;
    String bureau;
    String otherBureau;
    Stream first;
    Stream second;

    @BeforeEach
    void twoCasesOfOneBody() {
        anonymous = ApiClient.anonymous(port, tokens);
        CaseEvents events = new CaseEvents(eventStore, transactions, jdbc);
        county = events.cityAndCounty()[1];
        bureau = events.body(county, "测试县行政审批局");
        otherBureau = events.body(county, "测试县自然资源局");
        first = events.caseOf(bureau);
        first.then(new CaseSubmitted(first.id, ITEM, bureau, Channel.WINDOW, APPLICANT, date("2019-09-26"),
                List.of("申请书"), 1, CaseType.PROMISED, "1号窗口", null));
        second = events.caseOf(bureau);
        second.then(new CaseSubmitted(second.id, ITEM, bureau, Channel.ONLINE, APPLICANT, date("2019-09-27"),
                        List.of("申请书"), 1, CaseType.PROMISED, null, null))
                .then(new CaseAccepted(second.id, ITEM, bureau, date("2019-09-30"), AcceptanceCapacity.OWN, null,
                        null, 1, CaseType.PROMISED, 20, false, time("2019-09-30", 10, 0, List.of(), "2019-09-30")))
                .then(new CaseFlagged(second.id, SupervisionLevel.YELLOW, SupervisionTrigger.DEADLINE_NEAR,
                        date("2019-10-16"), "剩余 2 个工作日", 1, time("2019-09-30", 10, 0, List.of(), "2019-10-16")));
        events.awaitCases(first, second);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("select count(*) from body_view where body_id = ?")
                .param(otherBureau).query(Long.class).single() == 1);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> CaughtUp.everyStreamingProjection(statuses));
    }

    private ApiClient window(String body) {
        return anonymous.as("window", Role.WINDOW_OFFICER, body);
    }

    @Test
    void theHandlingBodysWindowSeesTheApplicantInFullAndEveryoneElseMasked() {
        JsonNode own = window(bureau).get("/api/cases/" + first.id).json().get("summary");
        assertThat(own.get("applicant").get("name").asString()).isEqualTo("张三丰");
        assertThat(own.get("applicant").get("documentNumber").asString()).isEqualTo("510106199001011234");
        assertThat(own.get("applicantMasked").asBoolean()).isFalse();
        assertThat(own.get("statusLabel").asString()).isEqualTo("已收件");
        assertThat(own.get("bodyName").asString()).isEqualTo("测试县行政审批局");

        for (Role role : List.of(Role.AUDITOR, Role.REFORM_OFFICE)) {
            var response = anonymous.as("supervisor", role, null).get("/api/cases/" + first.id);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).doesNotContain("张三丰").doesNotContain("510106199001011234")
                    .doesNotContain("13812345678").contains("5101**********1234").contains("138****5678");
        }
        var list = anonymous.as("auditor", Role.AUDITOR, null).get("/api/cases?body=" + bureau);
        assertThat(list.body()).doesNotContain("张三丰").contains("张**");
        // The trail never names the applicant, whoever reads it.
        assertThat(window(bureau).get("/api/cases/" + first.id + "/trail").body()).doesNotContain("张三丰")
                .doesNotContain("510106199001011234");
    }

    @Test
    void aCaseUnderAnItemSuspendedAndResumedIsReadOnceWithItsItemsName() {
        LedgerEvents ledger = new LedgerEvents(eventStore, transactions, jdbc);
        Item item = ledger.published(bureau, county, LedgerEvents.content("食品经营许可", ItemType.LICENCE, 20, 10),
                        LedgerEvents.decision("测府发〔2018〕1号", "2018-01-01"))
                .suspended("暂停实施", LedgerEvents.decision("测府发〔2018〕6号", "2018-06-01"))
                .resumed("恢复实施", LedgerEvents.decision("测府发〔2018〕9号", "2018-09-01"));
        ledger.awaitProjected(item);
        assertThat(jdbc.sql("select count(*) from published_item_version where item_id = ? and version = 1")
                .param(item.id).query(Long.class).single()).isEqualTo(2);
        CaseEvents events = new CaseEvents(eventStore, transactions, jdbc);
        Stream third = events.caseOf(bureau);
        third.then(new CaseSubmitted(third.id, item.id, bureau, Channel.WINDOW, APPLICANT, date("2019-10-08"),
                List.of("申请书"), 1, CaseType.PROMISED, "1号窗口", null));
        events.awaitCases(third);

        var one = window(bureau).get("/api/cases/" + third.id);
        assertThat(one.status()).as(one.body()).isEqualTo(200);
        assertThat(one.json().get("summary").get("itemName").asString()).isEqualTo("食品经营许可");
        JsonNode list = window(bureau).get("/api/cases?body=" + bureau + "&size=50").json();
        assertThat(list.get("cases")).extracting(c -> c.get("caseId").asString())
                .containsExactlyInAnyOrder(first.id, second.id, third.id);
        assertThat(list.get("total").asLong()).isEqualTo(3);
    }

    @Test
    void aWindowOfficerOfAnotherBodyFindsNoCaseAndMayNotAskForThatBody() {
        ApiClient stranger = window(otherBureau);
        assertThat(stranger.get("/api/cases/" + first.id).status()).isEqualTo(404);
        assertThat(stranger.get("/api/cases/" + first.id + "/trail").status()).isEqualTo(404);
        assertThat(stranger.get("/api/cases?body=" + bureau).status()).isEqualTo(403);
        assertThat(stranger.get("/api/supervision/flags?body=" + bureau).status()).isEqualTo(403);
        // Without a filter, the officer's own body only: none of the other body's cases.
        JsonNode own = stranger.get("/api/cases?jurisdiction=" + county).json();
        assertThat(own.get("total").asLong()).isZero();
    }

    @Test
    void casesAreNotPublicAndNotForOtherRoles() {
        assertThat(anonymous.get("/api/cases/" + first.id).status()).isEqualTo(401);
        assertThat(anonymous.get("/api/cases").status()).isEqualTo(401);
        assertThat(anonymous.get("/api/supervision/flags").status()).isEqualTo(401);
        assertThat(anonymous.get("/api/public/cases/" + first.id).status()).isIn(401, 404);
        for (Role role : List.of(Role.BODY_CLERK, Role.LEGAL_REVIEWER, Role.ADMINISTRATOR)) {
            assertThat(anonymous.as("other", role, bureau).get("/api/cases/" + first.id).status()).isEqualTo(403);
        }
    }

    @Test
    void badParametersAreRefusedNamingTheParameter() {
        ApiClient auditor = anonymous.as("auditor", Role.AUDITOR, null);
        assertBad(auditor.get("/api/cases?body=not-a-code"), "body");
        assertBad(auditor.get("/api/cases?jurisdiction=12"), "jurisdiction");
        assertBad(auditor.get("/api/cases?size=500"), "size");
        assertBad(auditor.get("/api/cases?page=-1"), "page");
        assertBad(auditor.get("/api/cases?status=LOST"), "status");
        assertBad(auditor.get("/api/cases?receivedFrom=2019-10-01&receivedTo=2019-09-01"), "receivedFrom");
        assertBad(auditor.get("/api/cases?acceptedFrom=yesterday"), "acceptedFrom");
        assertBad(auditor.get("/api/supervision/flags?level=ORANGE"), "level");
        assertBad(auditor.get("/api/supervision/flags?from=2019-10-02&to=2019-10-01"), "from");
        assertBad(auditor.get("/api/cases/not-a-uuid"), "caseId");
        assertBad(auditor.get("/api/cases/" + first.id + "/trail?size=201"), "size");
    }

    private static void assertBad(ApiClient.Response response, String parameter) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo(parameter);
    }

    @Test
    void theListPagesStablyAndTheFlagsFilterByLevelAndJurisdiction() {
        ApiClient auditor = anonymous.as("auditor", Role.AUDITOR, null);
        JsonNode page0 = auditor.get("/api/cases?body=" + bureau + "&size=1").json();
        JsonNode page1 = auditor.get("/api/cases?body=" + bureau + "&size=1&page=1").json();
        assertThat(page0.get("total").asLong()).isEqualTo(2);
        assertThat(page0.get("cases").get(0).get("caseId").asString()).isEqualTo(second.id);
        assertThat(page1.get("cases").get(0).get("caseId").asString()).isEqualTo(first.id);
        assertThat(auditor.get("/api/cases?body=" + bureau + "&supervisionLevel=YELLOW").json().get("cases"))
                .extracting(c -> c.get("caseId").asString()).containsExactly(second.id);

        JsonNode flags = auditor.get("/api/supervision/flags?jurisdiction=" + county + "&level=YELLOW&open=true")
                .json();
        assertThat(flags.get("total").asLong()).isEqualTo(1);
        JsonNode flag = flags.get("flags").get(0);
        assertThat(flag.get("caseId").asString()).isEqualTo(second.id);
        assertThat(flag.get("levelLabel").asString()).isEqualTo("黄牌预警");
        assertThat(flag.get("aboutDate").asString()).isEqualTo("2019-10-16");
        assertThat(flag.get("bodyName").asString()).isEqualTo("测试县行政审批局");
        assertThat(auditor.get("/api/supervision/flags?jurisdiction=" + county + "&from=2019-10-17").json()
                .get("total").asLong()).isZero();
        assertThat(window(bureau).get("/api/supervision/flags").json().get("total").asLong()).isEqualTo(1);
    }

    @Test
    void theTrailStatesTheArithmeticAtEachStepAndItsEvidence() {
        JsonNode trail = anonymous.as("auditor", Role.AUDITOR, null).get("/api/cases/" + second.id + "/trail").json();
        assertThat(trail.get("total").asLong()).isEqualTo(3);
        assertThat(trail.get("definitions").get("time.deadline").asString()).contains("承诺时限");
        JsonNode accepted = trail.get("entries").get(1);
        assertThat(accepted.get("label").asString()).isEqualTo("受理");
        assertThat(accepted.get("aboutDate").asString()).isEqualTo("2019-09-30");
        assertThat(accepted.get("actor").get("roleLabel").asString()).isEqualTo("窗口工作人员");
        assertThat(accepted.get("time").get("deadline").asString()).isEqualTo("2019-10-18");
        assertThat(accepted.get("time").get("remainingDays").asInt()).isEqualTo(10);
        String eventId = accepted.get("evidence").get("eventId").asString();
        assertThat(jdbc.sql("select global_index from domain_event_entry where event_identifier = ?").param(eventId)
                .query(Long.class).single()).isEqualTo(accepted.get("evidence").get("position").asLong());
        JsonNode flagged = trail.get("entries").get(2);
        // Eight working days after 30 September: 8–12 October (with the make-up Saturday), 14, 15, 16.
        assertThat(flagged.get("time").get("workingDays").asInt()).isEqualTo(8);
        assertThat(flagged.get("time").get("remainingDays").asInt()).isEqualTo(2);
    }
}
