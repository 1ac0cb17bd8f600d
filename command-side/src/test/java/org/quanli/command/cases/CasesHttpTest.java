package org.quanli.command.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quanli.command.Fixtures.*;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quanli.command.CommandSideApplication;
import org.quanli.kernel.calendar.ChinaTime;
import org.quanli.kernel.cases.CaseMessages.CaseConcluded;
import org.quanli.kernel.cases.CaseMessages.CaseSubmitted;
import org.quanli.kernel.cases.CaseMessages.CaseWithdrawn;
import org.quanli.kernel.cases.JointApprovalMessages.JointApprovalStarted;
import org.quanli.kernel.identity.Role;
import org.quanli.platform.messaging.CommandSender;
import org.quanli.platform.security.demo.DemoTokens;
import org.quanli.testing.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class CasesHttpTest {

    static final String ID_NUMBER = "510106199001011234";
    static final String SERVICE_CENTRE = "11510600008654354P";
    static final String MIANYANG = "510700";
    static final String MIANYANG_MARKET_BUREAU = "11510700008654321G";
    static final String MIANYANG_AUDIT_OFFICE = "11510700008654015T";

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    CommandSender commands;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EventStore eventStore;
    @Autowired
    JointApprovalProcess jointApprovalProcess;
    @Autowired
    JointApprovalParts jointApprovalParts;
    @Autowired
    Configuration axon;

    ApiClient officer;
    String itemId;

    @BeforeEach
    void publishedItem() {
        officer = marketBureauWindow(ApiClient.anonymous(port, tokens));
        itemId = publishedFoodLicence(commands, MARKET_BUREAU, "cases-test");
    }

    private static Map<String, Object> applicant() {
        Map<String, Object> applicant = new HashMap<>();
        applicant.put("name", "张三");
        applicant.put("documentType", "RESIDENT_ID_CARD");
        applicant.put("documentNumber", ID_NUMBER);
        applicant.put("phone", "13812345678");
        return applicant;
    }

    private Map<String, Object> application() {
        return Map.of("itemId", itemId, "channel", "WINDOW", "applicant", applicant(), "receivedOn", "2019-06-17",
                "materials", List.of("申请书"));
    }

    private List<String> eventTypes(String caseId) {
        return jdbc.sql("select payload_type from domain_event_entry where aggregate_identifier = ? order by sequence_number")
                .param(caseId).query(String.class).list();
    }

    @Test
    void aWindowOfficerTakesACaseFromReceiptToDeliveryAndTheApplicantsIdentityIsNeverEchoed() {
        var submitted = officer.post("/api/cases", application());
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
        assertThat(submitted.body()).doesNotContain(ID_NUMBER).doesNotContain("张三").doesNotContain("13812345678");
        String caseId = submitted.json().get("id").asString();
        assertThat(submitted.location()).endsWith("/api/cases/" + caseId);

        String path = "/api/cases/" + caseId;
        assertThat(officer.post(path + "/acceptance", Map.of("date", "2019-06-17")).status()).isEqualTo(204);
        assertThat(officer.post(path + "/review-steps", Map.of("step", "初审", "unit", "行政审批科", "officer", "李四",
                "startedOn", "2019-06-17", "completedOn", "2019-06-18", "limitDays", 2)).status()).isEqualTo(204);
        assertThat(officer.post(path + "/decision", Map.of("granted", true, "decidedOn", "2019-06-19")).status())
                .isEqualTo(204);
        assertThat(officer.post(path + "/conclusion", Map.of("date", "2019-06-19")).status()).isEqualTo(204);
        var delivered = officer.post(path + "/delivery", Map.of("deliveredOn", "2019-06-20", "method", "窗口领取"));
        assertThat(delivered.status()).isEqualTo(204);
        assertThat(delivered.body()).isNullOrEmpty();

        assertThat(eventTypes(caseId)).extracting(t -> t.substring(t.lastIndexOf('$') + 1)).containsExactly(
                "CaseSubmitted", "CaseAccepted", "ReviewStepRecorded", "CaseDecided", "CaseConcluded",
                "ResultDelivered");
        String concluded = payload(caseId, "CaseConcluded");
        assertThat(concluded).contains("\"onTime\":true").contains("\"workingDays\":2");
    }

    private String payload(String aggregateId, String eventType) {
        return jdbc.sql("""
                select convert_from(payload, 'UTF8') from domain_event_entry
                where aggregate_identifier = ? and payload_type like ?""")
                .params(aggregateId, "%$" + eventType).query(String.class).single();
    }

    @Test
    void theWindowThatTookTheApplicationIsRecordedOnSubmission() {
        Map<String, Object> request = new HashMap<>(application());
        request.put("window", " 3号综合窗口 ");

        var submitted = officer.post("/api/cases", request);

        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
        String caseId = submitted.json().get("id").asString();
        assertThat(payload(caseId, "CaseSubmitted")).contains("\"window\":\"3号综合窗口\"")
                .contains("\"jointApprovalId\":null");
        assertThat(jdbc.sql("select payload_revision from domain_event_entry where aggregate_identifier = ?")
                .param(caseId).query(String.class).single()).isEqualTo("2");
    }

    @Test
    void aBadRatingIsAppealedByTheBodyAndExcludedByAnAuditor() {
        String caseId = officer.post("/api/cases", application()).json().get("id").asString();
        String path = "/api/cases/" + caseId;
        officer.post(path + "/non-acceptance", Map.of("date", "2019-06-17", "reasons", List.of("不属于本机关职权范围")));
        assertThat(officer.post(path + "/evaluation", Map.of("satisfaction", "VERY_DISSATISFIED", "channel", "ONLINE",
                "evaluatedOn", "2019-06-18")).status()).isEqualTo(204);
        assertThat(officer.post(path + "/rating-appeal", Map.of("reason", "评价与办件无关",
                "appealedOn", "2019-06-19")).status()).isEqualTo(204);
        Map<String, Object> review = Map.of("excluded", true, "opinion", "恶意评价,予以剔除", "reviewedOn", "2019-06-20");
        assertThat(officer.post(path + "/rating-appeal/review", review).status()).isEqualTo(403);
        // An auditor of another city has no say over a Deyang case.
        registerMianyang(ApiClient.anonymous(port, tokens).as("admin", Role.ADMINISTRATOR, null));
        ApiClient mianyangAuditor = ApiClient.anonymous(port, tokens).as("mianyang-auditor", Role.AUDITOR,
                MIANYANG_AUDIT_OFFICE);
        assertThat(mianyangAuditor.post(path + "/rating-appeal/review", review).status()).isEqualTo(403);
        ApiClient auditor = ApiClient.anonymous(port, tokens).as("auditor", Role.AUDITOR, REFORM_OFFICE);
        assertThat(auditor.post(path + "/rating-appeal/review", review).status()).isEqualTo(204);
        assertThat(eventTypes(caseId)).extracting(t -> t.substring(t.lastIndexOf('$') + 1)).containsExactly(
                "CaseSubmitted", "CaseNotAccepted", "CaseEvaluated", "RatingAppealed", "RatingAppealReviewed");
    }

    private Map<String, Object> jointApplication(String receivedOn, List<Map<String, Object>> parts) {
        return Map.of("projectName", "某投资项目", "receivedOn", receivedOn, "applicant", applicant(), "parts", parts);
    }

    private long storedEvents(String type) {
        return jdbc.sql("select count(*) from domain_event_entry where payload_type like ?").param("%$" + type)
                .query(Long.class).single();
    }

    @Test
    void aJointApprovalTakesNoCaseIdFromTheClientSoItCannotTakeOverAnExistingCase() {
        String existing = officer.post("/api/cases", application()).json().get("id").asString();
        assertThat(officer.post("/api/cases/" + existing + "/acceptance", Map.of("date", "2019-06-17")).status())
                .isEqualTo(204);

        var started = officer.post("/api/joint-approvals", jointApplication("2019-06-17", List.of(
                Map.of("caseId", existing, "itemId", itemId, "bodyId", MARKET_BUREAU),
                Map.of("itemId", itemId, "bodyId", MARKET_BUREAU))));

        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        List<String> caseIds = List.of(started.json().get("caseIds").get(0).asString(),
                started.json().get("caseIds").get(1).asString());
        assertThat(caseIds).doesNotContain(existing).doesNotHaveDuplicates();
        // The process submits both parts as new cases and the existing case is untouched.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(caseIds).allSatisfy(caseId ->
                assertThat(eventTypes(caseId)).containsExactly(CaseSubmitted.class.getName())));
        assertThat(eventTypes(existing)).extracting(t -> t.substring(t.lastIndexOf('$') + 1))
                .containsExactly("CaseSubmitted", "CaseAccepted");

        // Naming that case as a part to conclude is refused: it is no part of this joint approval.
        String path = "/api/joint-approvals/" + started.json().get("id").asString();
        var foreign = officer.post(path + "/part-conclusions", Map.of("caseId", existing, "concludedOn", "2019-07-01"));
        assertThat(foreign.status()).isEqualTo(422);
        assertThat(foreign.json().get("rule").asString()).isEqualTo("joint-part-of-approval");
    }

    @Test
    void aPartWhoseCaseIsInTheLedgerIsConcludedOnlyByItsCaseAndThenOnlyOnce() {
        var started = officer.post("/api/joint-approvals", jointApplication("2019-06-17", List.of(
                Map.of("itemId", itemId, "bodyId", MARKET_BUREAU), Map.of("itemId", itemId, "bodyId", MARKET_BUREAU))));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        String jointId = started.json().get("id").asString();
        String path = "/api/joint-approvals/" + jointId;
        String caseA = started.json().get("caseIds").get(0).asString();
        String caseB = started.json().get("caseIds").get(1).asString();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(List.of(caseA, caseB)).allSatisfy(
                caseId -> assertThat(eventTypes(caseId)).containsExactly(CaseSubmitted.class.getName())));

        // Only accepted: the case is not concluded, so neither is the part.
        assertThat(officer.post("/api/cases/" + caseA + "/acceptance", Map.of("date", "2019-06-18")).status())
                .isEqualTo(204);
        var early = officer.post(path + "/part-conclusions", Map.of("caseId", caseA, "concludedOn", "2019-07-01"));
        assertThat(early.status()).isEqualTo(422);
        assertThat(early.json().get("rule").asString()).isEqualTo("joint-part-done-as-its-case");
        assertThat(eventTypes(jointId)).extracting(t -> t.substring(t.lastIndexOf('$') + 1))
                .containsExactly("JointApprovalStarted");

        // Concluded by its body's window: the process reports the part; a hand-made report after it is refused.
        assertThat(officer.post("/api/cases/" + caseA + "/decision", Map.of("granted", true,
                "decidedOn", "2019-07-01")).status()).isEqualTo(204);
        assertThat(officer.post("/api/cases/" + caseA + "/conclusion", Map.of("date", "2019-07-01")).status())
                .isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(eventTypes(jointId))
                .extracting(t -> t.substring(t.lastIndexOf('$') + 1))
                .containsExactly("JointApprovalStarted", "JointPartConcluded"));
        var again = officer.post(path + "/part-conclusions", Map.of("caseId", caseA, "concludedOn", "2019-07-01"));
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.json().get("rule").asString()).isEqualTo("joint-part-already-done");
    }

    @Test
    void aWindowOfAnotherCityLeadsNoJointApprovalWithDeyangParts() {
        ApiClient anonymous = ApiClient.anonymous(port, tokens);
        ApiClient admin = anonymous.as("admin", Role.ADMINISTRATOR, null);
        registerMianyang(admin);
        ApiClient mianyangWindow = anonymous.as("mianyang-window", Role.WINDOW_OFFICER, MIANYANG_MARKET_BUREAU);
        long before = storedEvents("JointApprovalStarted");

        var refused = mianyangWindow.post("/api/joint-approvals", jointApplication("2019-06-17", List.of(
                Map.of("itemId", itemId, "bodyId", MARKET_BUREAU), Map.of("itemId", itemId, "bodyId", MARKET_BUREAU))));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.json().get("rule").asString()).isEqualTo("joint-parts-within-lead-jurisdiction");
        assertThat(storedEvents("JointApprovalStarted")).isEqualTo(before);
    }

    @Test
    void aReceiptDateBeyondTheCalendarOrLaterThanTodayIsRefusedNotFailedOn() {
        List<Map<String, Object>> parts = List.of(Map.of("itemId", itemId, "bodyId", MARKET_BUREAU),
                Map.of("itemId", itemId, "bodyId", MARKET_BUREAU));
        long before = storedEvents("JointApprovalStarted");
        // Beyond every date a request may carry: refused at the edge, naming the field.
        var beyond = officer.post("/api/joint-approvals", jointApplication("+999999999-12-31", parts));
        assertThat(beyond.status()).as(beyond.toString()).isEqualTo(400);
        assertThat(beyond.json().get("errors").get(0).get("field").asString()).isEqualTo("receivedOn");
        assertThat(beyond.json().get("errors").get(0).get("rule").asString()).isEqualTo("date-range");
        String tomorrow = ChinaTime.today(java.time.Clock.systemUTC()).plusDays(1).toString();
        var joint = officer.post("/api/joint-approvals", jointApplication(tomorrow, parts));
        assertThat(joint.status()).as(joint.toString()).isEqualTo(422);
        assertThat(joint.json().get("rule").asString()).isEqualTo("received-not-in-future");
        Map<String, Object> application = new HashMap<>(application());
        application.put("receivedOn", tomorrow);
        var single = officer.post("/api/cases", application);
        assertThat(single.status()).as(single.toString()).isEqualTo(422);
        assertThat(single.json().get("rule").asString()).isEqualTo("received-not-in-future");
        // A date the working-day calendar has no year for is a refused rule too, wherever it is counted from.
        var old = officer.post("/api/joint-approvals", jointApplication("2012-06-01", parts));
        assertThat(old.status()).as(old.toString()).isEqualTo(422);
        assertThat(old.json().get("rule").asString()).isEqualTo("working-day-calendar-available");
        assertThat(storedEvents("JointApprovalStarted")).isEqualTo(before);
    }

    @Test
    void anAcceptanceRefusedByRuleAnswersTheOutcomeNotASuccess() {
        // The item takes effect on 2013-07-01: on 2013-06-03 the body may not accept cases of it.
        Map<String, Object> application = new HashMap<>(application());
        application.put("receivedOn", "2013-06-03");
        String caseId = officer.post("/api/cases", application).json().get("id").asString();

        var refused = officer.post("/api/cases/" + caseId + "/acceptance", Map.of("date", "2013-06-03"));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(200);
        assertThat(refused.json().get("outcome").asString()).isEqualTo("NOT_ACCEPTED");
        assertThat(refused.json().get("reasons").get(0).asString()).contains("不能受理事项 " + itemId);
        assertThat(refused.json().get("rightsOfReview").asString()).contains("行政复议");
        assertThat(eventTypes(caseId)).extracting(t -> t.substring(t.lastIndexOf('$') + 1))
                .containsExactly("CaseSubmitted", "CaseNotAccepted");
        // A second acceptance is refused for what it is.
        var again = officer.post("/api/cases/" + caseId + "/acceptance", Map.of("date", "2013-07-01"));
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.json().get("rule").asString()).isEqualTo("already-not-accepted");
    }

    private static void registerMianyang(ApiClient admin) {
        var jurisdiction = admin.post("/api/jurisdictions", Map.of("code", MIANYANG, "name", "绵阳市", "level", "CITY",
                "parentCode", SICHUAN));
        assertThat(jurisdiction.status()).as(jurisdiction.body()).isIn(201, 409);
        registerBodyOverHttp(admin, MIANYANG_MARKET_BUREAU, "绵阳市市场监督管理局", MIANYANG);
        registerBodyOverHttp(admin, MIANYANG_AUDIT_OFFICE, "绵阳市审计局", MIANYANG);
    }

    @Test
    void aJointApprovalFansOutToItsBodiesCasesAndConcludesWhenTheirOwnWindowsHaveConcludedThem() {
        ApiClient anonymous = ApiClient.anonymous(port, tokens);
        registerOverHttp(anonymous.as("admin", Role.ADMINISTRATOR, null),
                Map.of(JUSTICE_BUREAU, "德阳市司法局", SERVICE_CENTRE, "德阳市政务服务和大数据局"));
        String justiceItem = publishedFoodLicence(commands, JUSTICE_BUREAU, "cases-test");
        ApiClient lead = anonymous.as("window", Role.WINDOW_OFFICER, SERVICE_CENTRE);
        ApiClient justice = anonymous.as("justice-window", Role.WINDOW_OFFICER, JUSTICE_BUREAU);

        var started = lead.post("/api/joint-approvals", Map.of("projectName", "某投资项目", "receivedOn", "2019-06-17",
                "applicant", applicant(), "materials", List.of("项目申请书", "营业执照"), "window", "综合受理窗口",
                "parts", List.of(Map.of("itemId", itemId, "bodyId", MARKET_BUREAU),
                        Map.of("itemId", justiceItem, "bodyId", JUSTICE_BUREAU))));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        assertThat(started.body()).doesNotContain(ID_NUMBER);
        String jointId = started.json().get("id").asString();
        List<String> caseIds = List.of(started.json().get("caseIds").get(0).asString(),
                started.json().get("caseIds").get(1).asString());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(caseIds).allSatisfy(caseId ->
                assertThat(eventTypes(caseId)).containsExactly(CaseSubmitted.class.getName())));
        for (String caseId : caseIds) {
            assertThat(payload(caseId, "CaseSubmitted")).contains("\"window\":\"综合受理窗口\"",
                    "\"jointApprovalId\":\"" + jointId + "\"", "\"receivedOn\":\"2019-06-17\"",
                    "\"materials\":[\"项目申请书\",\"营业执照\"]").doesNotContain(ID_NUMBER);
            // The applicant is stored sealed; read through the event store, it is the one the lead window took.
            CaseSubmitted submitted = (CaseSubmitted) eventStore.readEvents(caseId).next().getPayload();
            assertThat(submitted.applicant().documentNumber()).isEqualTo(ID_NUMBER);
            assertThat(submitted.applicant().name()).isEqualTo("张三");
        }
        assertThat(payload(caseIds.get(0), "CaseSubmitted")).contains("\"bodyId\":\"" + MARKET_BUREAU + "\"");
        assertThat(payload(caseIds.get(1), "CaseSubmitted")).contains("\"bodyId\":\"" + JUSTICE_BUREAU + "\"");

        // The process is handed a case's end only while the case is an open part: any other case's end, and a
        // part's once its joint approval has been told, the processor passes by without a batch.
        var process = new AnnotationEventHandlerAdapter(jointApprovalProcess, axon.parameterResolverFactory());
        String ownCase = officer.post("/api/cases", application()).json().get("id").asString();
        assertThat(process.canHandle(withdrawal(caseIds.get(1)))).isTrue();
        assertThat(process.canHandle(withdrawal(ownCase))).isFalse();

        // The lead window does not handle the parts: each body's own window does.
        assertThat(lead.post("/api/cases/" + caseIds.get(0) + "/acceptance", Map.of("date", "2019-06-18")).status())
                .isEqualTo(403);
        handToConclusion(officer, caseIds.get(0), "2019-07-01");
        handToConclusion(justice, caseIds.get(1), "2019-07-10");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(eventTypes(jointId))
                .extracting(t -> t.substring(t.lastIndexOf('$') + 1))
                .containsExactly("JointApprovalStarted", "JointPartConcluded", "JointPartConcluded",
                        "JointApprovalConcluded"));
        assertThat(payload(jointId, "JointApprovalConcluded")).contains("\"concludedOn\":\"2019-07-10\"",
                "\"onTime\":true");
        // Each part's conclusion was reported as the officer of the body that concluded it.
        assertThat(jdbc.sql("""
                select convert_from(meta_data, 'UTF8') from domain_event_entry
                where aggregate_identifier = ? and payload_type like '%JointPartConcluded' order by sequence_number""")
                .param(jointId).query(String.class).list())
                // in either order: the two bodies' conclusions are reported independently
                .hasSize(2).anySatisfy(m -> assertThat(m).contains(MARKET_BUREAU))
                .anySatisfy(m -> assertThat(m).contains(JUSTICE_BUREAU));

        assertThat(process.canHandle(withdrawal(caseIds.get(1)))).isFalse();

        // Delivered again (a replay, a redelivery): nothing is sent twice and nothing fails.
        redeliver(jointId);
        caseIds.forEach(this::redeliver);
        assertThat(caseIds).allSatisfy(caseId -> assertThat(eventTypes(caseId)).hasSize(4));
        assertThat(eventTypes(jointId)).hasSize(4);
    }

    private void handToConclusion(ApiClient window, String caseId, String date) {
        String path = "/api/cases/" + caseId;
        assertThat(window.post(path + "/acceptance", Map.of("date", "2019-06-18")).status()).isEqualTo(204);
        assertThat(window.post(path + "/decision", Map.of("granted", true, "decidedOn", date)).status())
                .isEqualTo(204);
        assertThat(window.post(path + "/conclusion", Map.of("date", date)).status()).isEqualTo(204);
    }

    private void redeliver(String aggregateId) {
        eventStore.readEvents(aggregateId).asStream().forEach(event -> {
            if (event.getPayload() instanceof JointApprovalStarted e) {
                jointApprovalProcess.on(e, event.getMetaData());
            } else if (event.getPayload() instanceof CaseConcluded e) {
                jointApprovalProcess.on(e, jointApprovalParts.part(e.caseId()).orElseThrow(), event.getMetaData());
            }
        });
    }

    private static GenericEventMessage<CaseWithdrawn> withdrawal(String caseId) {
        return new GenericEventMessage<>(new CaseWithdrawn(caseId, LocalDate.of(2019, 7, 1), "申请人撤回"));
    }

    @Test
    void onlyAWindowOfficerRegistersCases() {
        ApiClient clerk = ApiClient.anonymous(port, tokens).as("clerk", Role.BODY_CLERK, MARKET_BUREAU);
        assertThat(clerk.post("/api/cases", application()).status()).isEqualTo(403);
    }

    @Test
    void aDenialWithoutReasonsIsRecordedAndFlaggedRed() {
        String caseId = officer.post("/api/cases", application()).json().get("id").asString();
        officer.post("/api/cases/" + caseId + "/acceptance", Map.of("date", "2019-06-17"));

        var denied = officer.post("/api/cases/" + caseId + "/decision", Map.of("granted", false,
                "decidedOn", "2019-06-18"));

        assertThat(denied.status()).isEqualTo(204);
        assertThat(eventTypes(caseId)).extracting(t -> t.substring(t.lastIndexOf('$') + 1))
                .containsExactly("CaseSubmitted", "CaseAccepted", "CaseDecided", "CaseFlagged");
        assertThat(payload(caseId, "CaseFlagged")).contains("\"level\":\"RED\"",
                "\"trigger\":\"REFUSAL_WITHOUT_REASONS\"", "\"aboutDate\":\"2019-06-18\"");
    }

    @Test
    void theApplicantsRatingOfTheFixIsRecordedOnceAfterTheFollowUp() {
        String caseId = officer.post("/api/cases", application()).json().get("id").asString();
        String path = "/api/cases/" + caseId;
        Map<String, Object> rating = Map.of("satisfaction", "BASICALLY_SATISFIED", "channel", "WINDOW",
                "ratedOn", "2019-06-21");
        officer.post(path + "/non-acceptance", Map.of("date", "2019-06-17", "reasons", List.of("不属于本机关职权范围")));
        officer.post(path + "/evaluation", Map.of("satisfaction", "DISSATISFIED", "channel", "ONLINE",
                "evaluatedOn", "2019-06-18"));
        var early = officer.post(path + "/bad-review-follow-up/rating", rating);
        assertThat(early.status()).isEqualTo(422);
        assertThat(early.json().get("rule").asString()).isEqualTo("bad-review-not-followed-up");
        assertThat(officer.post(path + "/bad-review-follow-up", Map.of("rectification", "已当面解释并致歉",
                "followedUpOn", "2019-06-20")).status()).isEqualTo(204);

        var withoutChannel = officer.post(path + "/bad-review-follow-up/rating",
                Map.of("satisfaction", "SATISFIED", "ratedOn", "2019-06-21"));
        assertThat(withoutChannel.status()).isEqualTo(400);
        assertThat(withoutChannel.body()).contains("channel");
        assertThat(officer.post(path + "/bad-review-follow-up/rating", rating).status()).isEqualTo(204);
        var again = officer.post(path + "/bad-review-follow-up/rating", rating);
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.json().get("rule").asString()).isEqualTo("one-follow-up-rating");

        assertThat(payload(caseId, "FollowUpRated")).contains("\"satisfaction\":\"BASICALLY_SATISFIED\"",
                "\"channel\":\"WINDOW\"", "\"ratedOn\":\"2019-06-21\"");
    }

    @Test
    void anApplicationWithoutTheApplicantsDocumentNumberIsRefusedNamingTheField() {
        Map<String, Object> request = new HashMap<>(application());
        request.put("applicant", Map.of("name", "张三", "documentType", "RESIDENT_ID_CARD"));

        var refused = officer.post("/api/cases", request);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("applicant.documentNumber");
    }

    @Test
    void anUnknownCaseIsNotFound() {
        assertThat(officer.post("/api/cases/" + UUID.randomUUID() + "/acceptance", Map.of("date", "2019-06-17"))
                .status()).isEqualTo(404);
    }
}
