package org.quanli.command.complaints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quanli.command.Fixtures.*;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quanli.command.CommandSideApplication;
import org.quanli.kernel.identity.Role;
import org.quanli.platform.messaging.CommandSender;
import org.quanli.platform.security.demo.DemoTokens;
import org.quanli.testing.ApiClient;
import org.quanli.testing.ClearText;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Complaints over HTTP on the command side: Guanghan's service centre registers them (12345), its supervision office
 * escalates them to Deyang, the Guanghan market bureau's complaint handler answers them.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class ComplaintsHttpTest {

    static final String GUANGHAN_SUPERVISION = "11510681008712360U";
    static final String NAME = "欧阳明辉";
    static final String PHONE = "13698765432";
    static final String ID_NUMBER = "51068119850707123X";

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CommandSender commands;

    ApiClient reception;
    ApiClient handler;
    ApiClient supervision;

    @BeforeEach
    void guanghan() {
        ApiClient anonymous = ApiClient.anonymous(port, tokens);
        ApiClient admin = anonymous.as("admin", Role.ADMINISTRATOR, null);
        registerOverHttp(admin, Map.of(MARKET_BUREAU, "德阳市市场监督管理局"));
        registerBodyOverHttp(admin, GUANGHAN_MARKET_BUREAU, "广汉市市场监督管理局", GUANGHAN);
        registerBodyOverHttp(admin, GUANGHAN_REFORM_OFFICE, "中共广汉市委机构编制委员会办公室", GUANGHAN);
        registerBodyOverHttp(admin, GUANGHAN_SERVICE_CENTRE, "广汉市政务服务中心", GUANGHAN);
        registerBodyOverHttp(admin, GUANGHAN_SUPERVISION, "广汉市纪委监委效能督查室", GUANGHAN);
        reception = anonymous.as("reception", Role.COMPLAINT_RECEPTION, GUANGHAN_SERVICE_CENTRE);
        handler = anonymous.as("handler", Role.COMPLAINT_HANDLER, GUANGHAN_MARKET_BUREAU);
        supervision = anonymous.as("supervision", Role.SUPERVISION_OFFICE, GUANGHAN_SUPERVISION);
    }

    static Map<String, Object> complaint(boolean named) {
        Map<String, Object> complaint = new HashMap<>(Map.of("channel", "HOTLINE_12345",
                "receivedAt", "2019-06-17T09:30:00", "text", "食品经营许可超过承诺时限仍未办结",
                "bodyId", GUANGHAN_MARKET_BUREAU, "category", "EFFICIENCY"));
        if (named) {
            complaint.put("complainant", Map.of("name", NAME, "phone", PHONE, "documentType", "RESIDENT_ID_CARD",
                    "documentNumber", ID_NUMBER));
        }
        return complaint;
    }

    String registered(boolean named) {
        var response = reception.post("/api/complaints", complaint(named));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.body()).doesNotContain(NAME).doesNotContain(PHONE).doesNotContain(ID_NUMBER);
        return response.json().get("id").asString();
    }

    static Map<String, Object> transfer(String toBodyId, String date) {
        return Map.of("toBodyId", toBodyId, "reasons", List.of("属该单位职责"), "date", date);
    }

    private List<String> eventTypes(String id) {
        return jdbc.sql("""
                select payload_type from domain_event_entry where aggregate_identifier = ? order by sequence_number""")
                .param(id).query(String.class).list().stream().map(t -> t.substring(t.lastIndexOf('$') + 1)).toList();
    }

    private String payload(String id, String eventType) {
        return jdbc.sql("""
                select convert_from(payload, 'UTF8') from domain_event_entry
                where aggregate_identifier = ? and payload_type like ? order by sequence_number desc limit 1""")
                .params(id, "%$" + eventType).query(String.class).single();
    }

    private static void assertProblem(ApiClient.Response response, int status, String rule) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body()).contains(rule);
    }

    /** Accepts, concludes and answers the complaint as the given body's handler; returns nothing, asserts 204s. */
    private static void answer(ApiClient handler, String path, String concludedOn) {
        assertThat(handler.post(path + "/acceptance", Map.of("date", concludedOn)).status()).isEqualTo(204);
        assertThat(handler.post(path + "/conclusion", Map.of("outcome", "SUBSTANTIATED", "findings", "确有超期",
                "measures", List.of("责令限期办结"), "concludedOn", concludedOn)).status()).isEqualTo(204);
        assertThat(handler.post(path + "/reply", Map.of("feedback", "已责令限期办结", "repliedOn", concludedOn))
                .status()).isEqualTo(204);
    }

    @Test
    void theReceptionTransfersAComplaintAndABodyThatIsNotResponsiblePassesItOn() {
        String id = registered(true);
        String path = "/api/complaints/" + id;

        assertThat(reception.post(path + "/transfer", transfer(GUANGHAN_MARKET_BUREAU, "2019-06-17")).status())
                .isEqualTo(204);
        assertThat(payload(id, "ComplaintTransferred")).contains("\"limitDays\":5").contains("\"dueOn\":\"2019-06-24\"");
        // Another body's handler may not pass it on; the responsible one may, with its reasons.
        assertThat(handler.as("other", Role.COMPLAINT_HANDLER, GUANGHAN_REFORM_OFFICE)
                .post(path + "/transfer-on", transfer(GUANGHAN_SERVICE_CENTRE, "2019-06-18")).status()).isEqualTo(403);
        var passedOn = handler.post(path + "/transfer-on", Map.of("toBodyId", GUANGHAN_REFORM_OFFICE,
                "reasons", List.of("不属本单位职责:机构编制事项"), "date", "2019-06-18"));
        assertThat(passedOn.status()).as(passedOn.toString()).isEqualTo(204);

        assertThat(eventTypes(id)).containsExactly("ComplaintRegistered", "ComplaintTransferred",
                "ComplaintTransferredOn");
        assertThat(payload(id, "ComplaintTransferredOn")).contains("\"fromBodyId\":\"" + GUANGHAN_MARKET_BUREAU)
                .contains("\"toBodyId\":\"" + GUANGHAN_REFORM_OFFICE).contains("不属本单位职责:机构编制事项")
                .contains("\"dueOn\":\"2019-06-24\"");
        // The market bureau is no longer responsible: its handler cannot accept it any more.
        assertThat(handler.post(path + "/acceptance", Map.of("date", "2019-06-18")).status()).isEqualTo(403);
        ApiClient reformHandler = handler.as("reform-handler", Role.COMPLAINT_HANDLER, GUANGHAN_REFORM_OFFICE);
        assertThat(reformHandler.post(path + "/acceptance", Map.of("date", "2019-06-18")).status()).isEqualTo(204);
    }

    @Test
    void aTransferIsRefusedWithAProblemNamingTheFieldOrTheRuleAndNothingIsWritten() {
        String id = registered(false);
        String path = "/api/complaints/" + id;

        assertProblem(reception.post(path + "/transfer", Map.of("toBodyId", GUANGHAN_MARKET_BUREAU,
                "reasons", List.of(), "date", "2019-06-17")), 400, "reasons");
        assertProblem(reception.post(path + "/transfer", transfer("91510681MA00000000", "2019-06-17")), 422,
                "body-known");
        assertProblem(reception.post(path + "/transfer", transfer(MARKET_BUREAU, "2019-06-17")), 422,
                "transfer-within-jurisdiction");
        assertProblem(reception.post(path + "/transfer", transfer(GUANGHAN_MARKET_BUREAU, "2019-06-14")), 422,
                "transferred-in-order");
        assertProblem(reception.post(path + "/transfer", transfer(GUANGHAN_MARKET_BUREAU, "+999999999-12-31")), 400,
                "date");
        assertThat(handler.post(path + "/transfer", transfer(GUANGHAN_MARKET_BUREAU, "2019-06-17")).status())
                .isEqualTo(403);
        assertThat(eventTypes(id)).containsExactly("ComplaintRegistered");
    }

    @Test
    void aComplaintAboutACaseNamesACaseTheBodyComplainedAboutHandles() {
        // A case of the city's market bureau, taken in at its window.
        ApiClient window = marketBureauWindow(ApiClient.anonymous(port, tokens));
        String itemId = publishedFoodLicence(commands, MARKET_BUREAU, "complaints-test");
        var submitted = window.post("/api/cases", Map.of("itemId", itemId, "channel", "WINDOW", "receivedOn",
                "2019-06-17", "applicant", Map.of("name", "张三", "documentType", "RESIDENT_ID_CARD",
                        "documentNumber", "510106199001011234")));
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
        String caseId = submitted.json().get("id").asString();
        ApiClient cityReception = reception.as("city-reception", Role.COMPLAINT_RECEPTION, "11510600008654354P");
        registerBodyOverHttp(reception.as("admin", Role.ADMINISTRATOR, null), "11510600008654354P",
                "德阳市政务服务和大数据局", DEYANG);

        Map<String, Object> aboutTheCase = complaint(false);
        aboutTheCase.put("bodyId", MARKET_BUREAU);
        aboutTheCase.put("caseId", caseId);
        aboutTheCase.put("itemId", itemId);
        var registered = cityReception.post("/api/complaints", aboutTheCase);
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(payload(registered.json().get("id").asString(), "ComplaintRegistered"))
                .contains("\"caseId\":\"" + caseId).contains("\"itemId\":\"" + itemId)
                .contains("\"complainant\":null");

        // The same case named in a complaint about another body, and an item that is not that body's.
        Map<String, Object> otherBody = complaint(false);
        otherBody.put("caseId", caseId);
        assertProblem(cityReception.post("/api/complaints", otherBody), 422, "case-of-body");
        Map<String, Object> otherItem = complaint(false);
        otherItem.put("itemId", itemId);
        assertProblem(cityReception.post("/api/complaints", otherItem), 422, "item-of-body");
    }

    @Test
    void aComplaintWithBadInputIsNotRegistered() {
        Map<String, Object> noChannel = complaint(false);
        noChannel.remove("channel");
        assertProblem(reception.post("/api/complaints", noChannel), 400, "channel");
        Map<String, Object> controlCharacter = complaint(false);
        controlCharacter.put("text", "投诉\u0000内容");
        assertProblem(reception.post("/api/complaints", controlCharacter), 400, "text");
        Map<String, Object> farFuture = complaint(false);
        farFuture.put("receivedAt", "+999999999-12-31T23:59:59");
        assertThat(reception.post("/api/complaints", farFuture).status()).isEqualTo(400);
        Map<String, Object> unknownBody = complaint(false);
        unknownBody.put("bodyId", "91510681MA00000000");
        assertProblem(reception.post("/api/complaints", unknownBody), 422, "body-known");
        assertThat(handler.post("/api/complaints", complaint(false)).status()).isEqualTo(403);
    }

    @Test
    void aDissatisfiedComplainantsComplaintIsReopenedOnceUnderANewLimit() {
        String id = registered(true);
        String path = "/api/complaints/" + id;
        reception.post(path + "/transfer", transfer(GUANGHAN_MARKET_BUREAU, "2019-06-17"));
        answer(handler, path, "2019-06-18");
        Map<String, Object> reopening = Map.of("reasons", List.of("整改未落实"), "reopenedOn", "2019-06-20");
        assertProblem(reception.post(path + "/reopening", reopening), 422, "not-yet-rated");
        assertThat(reception.post(path + "/rating", Map.of("rating", "DISSATISFIED", "ratedOn", "2019-06-19"))
                .status()).isEqualTo(204);

        assertThat(reception.post(path + "/reopening", reopening).status()).isEqualTo(204);
        assertThat(payload(id, "ComplaintReopened")).contains("\"round\":2").contains("\"dueOn\":\"2019-06-27\"");

        // Handled again by the same body, without a new acceptance; rated dissatisfied again: no second reopening.
        assertThat(handler.post(path + "/conclusion", Map.of("outcome", "SUBSTANTIATED", "findings", "已办结许可",
                "measures", List.of("已为申请人办结许可"), "concludedOn", "2019-06-21")).status()).isEqualTo(204);
        assertThat(handler.post(path + "/reply", Map.of("feedback", "已办结", "repliedOn", "2019-06-21")).status())
                .isEqualTo(204);
        reception.post(path + "/rating", Map.of("rating", "DISSATISFIED", "ratedOn", "2019-06-24"));
        assertProblem(reception.post(path + "/reopening", Map.of("reasons", List.of("仍不满意"),
                "reopenedOn", "2019-06-24")), 422, "reopen-once");
        assertThat(eventTypes(id)).containsExactly("ComplaintRegistered", "ComplaintTransferred", "ComplaintAccepted",
                "ComplaintConcluded", "ComplaintReplied", "ComplaintRated", "ComplaintReopened", "ComplaintConcluded",
                "ComplaintReplied", "ComplaintRated");
    }

    @Test
    void theSupervisionOfficeEscalatesADissatisfiedComplaintToTheCityAbove() {
        String id = registered(false);
        String path = "/api/complaints/" + id;
        reception.post(path + "/transfer", transfer(GUANGHAN_MARKET_BUREAU, "2019-06-17"));
        answer(handler, path, "2019-06-18");
        reception.post(path + "/rating", Map.of("rating", "DISSATISFIED", "ratedOn", "2019-06-19"));

        assertThat(reception.post(path + "/escalation", transfer(MARKET_BUREAU, "2019-06-20")).status())
                .isEqualTo(403);
        assertProblem(supervision.post(path + "/escalation", transfer(GUANGHAN_REFORM_OFFICE, "2019-06-20")), 422,
                "escalate-to-level-above");
        assertThat(supervision.post(path + "/escalation", transfer(MARKET_BUREAU, "2019-06-20")).status())
                .isEqualTo(204);
        assertThat(payload(id, "ComplaintEscalated")).contains("\"toBodyId\":\"" + MARKET_BUREAU)
                .contains("\"toJurisdictionCode\":\"510600\"").contains("\"round\":2");

        // The city bureau's handler takes it from there.
        ApiClient cityHandler = handler.as("city-handler", Role.COMPLAINT_HANDLER, MARKET_BUREAU);
        assertThat(handler.post(path + "/acceptance", Map.of("date", "2019-06-21")).status()).isEqualTo(403);
        answer(cityHandler, path, "2019-06-21");
        assertThat(payload(id, "ComplaintReplied")).contains("\"bodyId\":\"" + MARKET_BUREAU)
                .contains("\"withinLimit\":true");
    }

    @Test
    void aPublicReplyWithPersonalDataIsRefused() {
        String id = registered(true);
        String path = "/api/complaints/" + id;
        reception.post(path + "/transfer", transfer(GUANGHAN_MARKET_BUREAU, "2019-06-17"));
        handler.post(path + "/acceptance", Map.of("date", "2019-06-17"));
        handler.post(path + "/conclusion", Map.of("outcome", "NOT_SUBSTANTIATED", "findings", "未超期",
                "concludedOn", "2019-06-18"));

        assertProblem(handler.post(path + "/reply", Map.of("feedback", "经核查未超期", "publicReply",
                "欧阳明辉同志:经核查未超期", "repliedOn", "2019-06-18")), 422, "public-reply-without-personal-data");
        assertThat(handler.post(path + "/reply", Map.of("feedback", "经核查未超期", "publicReply",
                "经核查,该件在承诺时限内办结。", "repliedOn", "2019-06-18")).status()).isEqualTo(204);
    }

    @Test
    void theComplainantsNamePhoneAndIdentityNumberAreNeverStoredInClear() {
        String id = registered(true);
        String path = "/api/complaints/" + id;
        reception.post(path + "/transfer", transfer(GUANGHAN_MARKET_BUREAU, "2019-06-17"));

        // The search does find what is there: the complaint id is in the event table.
        assertThat(ClearText.tablesHolding(jdbc, id)).containsKey("domain_event_entry");
        for (String clear : List.of(NAME, PHONE, ID_NUMBER)) {
            assertThat(ClearText.tablesHolding(jdbc, clear)).as(clear).isEmpty();
        }
        assertThat(payload(id, "ComplaintRegistered")).contains("\"personalData\":{\"subject\":");
    }

    @Test
    void aComplainantIsErasedByPhoneOnlyWhileNoComplaintOfTheirsIsInHand() {
        String phone = "13512340066";
        Map<String, Object> named = complaint(false);
        named.put("complainant", Map.of("name", "廖文静", "phone", phone));
        var registered = reception.post("/api/complaints", named);
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String path = "/api/complaints/" + registered.json().get("id").asString();
        ApiClient officer = reception.as("privacy", Role.PERSONAL_INFORMATION_OFFICER, null);
        Map<String, Object> erasure = new HashMap<>(Map.of("phone", phone, "ground", "CONSENT_WITHDRAWN",
                "decisionDocument", "广数个保〔2026〕3号", "decidedOn", "2026-12-04"));

        assertProblem(officer.post("/api/personal-data/erasures", erasure), 422, "subject-has-open-complaints");
        reception.post(path + "/transfer", transfer(GUANGHAN_MARKET_BUREAU, "2019-06-17"));
        answer(handler, path, "2019-06-18");
        reception.post(path + "/rating", Map.of("rating", "DISSATISFIED", "ratedOn", "2019-06-19"));
        assertThat(reception.post(path + "/reopening", Map.of("reasons", List.of("整改未落实"),
                "reopenedOn", "2019-06-20")).status()).isEqualTo(204);
        // Reopened: in hand again.
        assertProblem(officer.post("/api/personal-data/erasures", erasure), 422, "subject-has-open-complaints");
        assertThat(handler.post(path + "/conclusion", Map.of("outcome", "SUBSTANTIATED", "findings", "已办结许可",
                "measures", List.of("已为申请人办结许可"), "concludedOn", "2019-06-21")).status()).isEqualTo(204);
        assertThat(handler.post(path + "/reply", Map.of("feedback", "已办结", "repliedOn", "2019-06-21")).status())
                .isEqualTo(204);
        Map<String, Object> retention = new HashMap<>(erasure);
        retention.put("ground", "RETENTION_EXPIRED");
        var tooEarly = officer.post("/api/personal-data/erasures", retention);
        assertProblem(tooEarly, 422, "retention-not-expired");
        assertThat(tooEarly.body()).contains("2049-06-21");
        Map<String, Object> both = new HashMap<>(erasure);
        both.put("documentNumber", ID_NUMBER);
        assertProblem(officer.post("/api/personal-data/erasures", both), 400, "documentNumber");

        var erased = officer.post("/api/personal-data/erasures", erasure);

        assertThat(erased.status()).as(erased.toString()).isEqualTo(201);
        assertThat(jdbc.sql("select data_key is null and blind_index is null from personal_data_key "
                + "where subject_id = ?").param(erased.json().get("subjectId").asString()).query(Boolean.class)
                .single()).isTrue();
        // The complaint, loaded with its complainant erased, takes its next step; the number is no longer known.
        assertThat(reception.post(path + "/rating", Map.of("rating", "SATISFIED", "ratedOn", "2019-06-24")).status())
                .isEqualTo(204);
        assertThat(officer.post("/api/personal-data/erasures", erasure).status()).isEqualTo(404);
    }

    @Test
    void theErasureLookupOfComplaintsRecordedBeforeItsMigrationIsReadBackFromTheirEvents() throws Exception {
        String answered = registered(true);
        reception.post("/api/complaints/" + answered + "/transfer", transfer(GUANGHAN_MARKET_BUREAU, "2019-06-17"));
        answer(handler, "/api/complaints/" + answered, "2019-06-18");
        reception.post("/api/complaints/" + answered + "/rating", Map.of("rating", "SATISFIED", "ratedOn", "2019-06-19"));
        String inHand = registered(true);
        String anonymous = registered(false);
        List<String> ids = List.of(answered, inHand, anonymous);
        String rows = "select complaint_id, subject_id, ended_on from personal_data_complaint "
                + "where complaint_id in (?, ?, ?) order by complaint_id";
        List<Map<String, Object>> kept = jdbc.sql(rows).params(ids).query().listOfRows();
        assertThat(kept).hasSize(2);
        assertThat(kept).anySatisfy(row -> {
            assertThat(row.get("complaint_id")).isEqualTo(answered);
            assertThat(row.get("ended_on")).hasToString("2019-06-19");
        });
        String migration = new String(getClass().getResourceAsStream(
                "/db/command/V210__personal_data_complaints.sql").readAllBytes(), StandardCharsets.UTF_8);

        jdbc.sql("delete from personal_data_complaint where complaint_id in (?, ?, ?)").params(ids).update();
        jdbc.sql(migration.substring(migration.indexOf("do $$"))).update();

        assertThat(jdbc.sql(rows).params(ids).query().listOfRows()).isEqualTo(kept);
    }
}
