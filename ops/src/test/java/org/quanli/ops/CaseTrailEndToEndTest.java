package org.quanli.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quanli.ops.Walkthrough.expect;

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
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * One case through the REST API of the all-in-one, from receipt to the applicant's rating, read back as the auditor's
 * trail with the time arithmetic on the real 2019 calendar: accepted on Monday 30 September, the last working day
 * before the National Day holiday (1–7 October), with Saturday 12 October a make-up working day.
 *
 * <p>The supervision deadlines of these 2019 dates are already past when the steps are entered, so each waits the
 * back-filling grace, set to thirty days here, after it is scheduled: the trail holds exactly the steps this test
 * takes (deadlines firing are proved by the command side's restart tests).
 */
@SpringBootTest(classes = QuanliLedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "quanli.supervision.back-fill-grace=P30D")
@ActiveProfiles({"test", "demo"})
class CaseTrailEndToEndTest {

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;

    @Test
    void aCaseAcceptedBeforeNationalDayIsTracedStepByStepWithItsDeadlineArithmetic() {
        ApiClient anonymous = ApiClient.anonymous(port, tokens);
        Walkthrough walkthrough = new Walkthrough(anonymous);
        walkthrough.registerPlaces();
        // Promised 10 working days, legal 20.
        String itemId = walkthrough.publishItem("食品经营许可(办件轨迹)", "德府发〔2013〕24号", "2013-07-01");
        ApiClient window = anonymous.as("window", Role.WINDOW_OFFICER, Walkthrough.MARKET_BUREAU);
        ApiClient auditor = anonymous.as("auditor", Role.AUDITOR, null);

        var submitted = window.post("/api/cases", Map.of("itemId", itemId, "channel", "WINDOW",
                "applicant", Map.of("name", "张三丰", "documentType", "RESIDENT_ID_CARD",
                        "documentNumber", "510106199001011234", "phone", "13812345678"),
                "receivedOn", "2019-09-26", "materials", List.of("申请书", "身份证明"), "window", "3号综合窗口"));
        expect(201, submitted);
        String path = "/api/cases/" + submitted.json().get("id").asString();
        expect(204, window.post(path + "/correction-notice", Map.of("missing", List.of("营业执照复印件"),
                "noticeDate", "2019-09-26")));
        expect(204, window.post(path + "/correction-completed", Map.of("date", "2019-09-27")));
        expect(204, window.post(path + "/acceptance", Map.of("date", "2019-09-30")));
        // Three working days allowed, four taken (9, 10, 11 and the make-up Saturday 12 October): a red flag.
        expect(204, window.post(path + "/review-steps", Map.of("step", "初审", "unit", "行政审批科", "officer", "李审查",
                "opinion", "材料齐全", "startedOn", "2019-10-08", "completedOn", "2019-10-12", "limitDays", 3)));
        expect(204, window.post(path + "/special-procedures", Map.of("kind", "HEARING", "reason", "申请人要求听证",
                "startedOn", "2019-10-14")));
        expect(204, window.post(path + "/special-procedures/end", Map.of("date", "2019-10-16")));
        expect(204, window.post(path + "/extension", Map.of("days", 10, "reason", "需现场核查", "approvedBy", "赵局长",
                "approvedOn", "2019-10-18")));
        expect(204, window.post(path + "/decision", Map.of("granted", true, "decidedOn", "2019-10-25")));
        expect(204, window.post(path + "/conclusion", Map.of("date", "2019-10-25")));
        expect(204, window.post(path + "/delivery", Map.of("deliveredOn", "2019-10-28", "method", "邮寄送达")));
        expect(204, window.post(path + "/evaluation", Map.of("satisfaction", "SATISFIED", "channel", "WINDOW",
                "evaluatedOn", "2019-10-29")));

        JsonNode trail = await().atMost(Duration.ofSeconds(60)).until(
                () -> auditor.get(path + "/trail").json(), t -> t.has("total") && t.get("total").asLong() == 13);
        List<JsonNode> steps = trail.get("entries").valueStream().toList();
        assertThat(steps).extracting(s -> s.get("event").asString()).containsExactly("CaseSubmitted",
                "CorrectionRequested", "CorrectionCompleted", "CaseAccepted", "ReviewStepRecorded", "CaseFlagged",
                "SpecialProcedureStarted", "SpecialProcedureEnded", "CaseExtended", "CaseDecided", "CaseConcluded",
                "ResultDelivered", "CaseEvaluated");
        assertThat(steps).allSatisfy(s -> {
            assertThat(s.get("actor").get("userId").asString()).isEqualTo("window");
            assertThat(s.get("actor").get("bodyId").asString()).isEqualTo(Walkthrough.MARKET_BUREAU);
            assertThat(s.get("evidence").get("position").asLong()).isPositive();
            assertThat(s.get("evidence").get("inclusionProof").asString()).isEqualTo(
                    "/api/public/ledger/events/" + s.get("evidence").get("eventId").asString() + "/inclusion-proof");
        });

        // Accepted 30 September: the ten promised working days are 8–12 and 14–18 October.
        assertTime(steps.get(3), "2019-09-30", 0, 0, 0, "2019-10-18", 10, false);
        assertThat(steps.get(3).get("itemVersion").asInt()).isEqualTo(1);
        assertTime(steps.get(4), "2019-10-12", 0, 0, 5, "2019-10-18", 5, false);
        assertThat(steps.get(4).get("facts").get("workingDays").asInt()).isEqualTo(4);
        assertThat(steps.get(5).get("label").asString()).isEqualTo("红牌警告:审查环节超时");
        // The hearing's first day (Monday 14 October) is suspended from the start: 6 working days elapsed since
        // acceptance (8–12 and 14 October), 1 of them suspended, so 5 used and 5 left, and the deadline moves one
        // working day, from Friday 18 to Monday 21 October …
        assertTime(steps.get(6), "2019-10-14", 0, 1, 5, "2019-10-21", 5, false);
        // … and once it has ended, three working days (14–16 October) move the deadline to 23 October.
        assertTime(steps.get(7), "2019-10-16", 0, 3, 5, "2019-10-23", 5, false);
        // Ten more working days from 23 October: 6 November; 7 of 20 used by 18 October.
        assertTime(steps.get(8), "2019-10-18", 10, 3, 7, "2019-11-06", 13, false);
        assertTime(steps.get(10), "2019-10-25", 10, 3, 12, "2019-11-06", 8, false);
        assertThat(steps.get(10).get("label").asString()).isEqualTo("办结(按时)");
        assertThat(steps.get(11).get("time").isNull()).isTrue();
        assertThat(steps.get(11).get("facts").get("method").asString()).isEqualTo("邮寄送达");
        // The date each step is about and the time it was recorded are two things.
        assertThat(steps.get(3).get("aboutDate").asString()).isEqualTo("2019-09-30");
        assertThat(steps.get(3).get("recordedAt").asString()).doesNotStartWith("2019");
        assertThat(trail.toString()).doesNotContain("张三丰").doesNotContain("510106199001011234");

        // The view names the item and the place as the other projections have them.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                CaughtUp.everyStreamingProjection(anonymous.as("admin", Role.ADMINISTRATOR, null)));
        JsonNode view = await().atMost(Duration.ofSeconds(30)).until(() -> auditor.get(path).json().get("summary"),
                v -> v != null && v.get("rating") != null && !v.get("rating").isNull());
        assertThat(view.get("status").asString()).isEqualTo("DELIVERED");
        assertThat(view.get("itemName").asString()).isEqualTo("食品经营许可(办件轨迹)");
        assertThat(view.get("jurisdictionCode").asString()).isEqualTo(Walkthrough.DEYANG);
        assertThat(view.get("deadline").asString()).isEqualTo("2019-11-06");
        assertThat(view.get("onTime").asBoolean()).isTrue();
        assertThat(view.get("overdue").asBoolean()).isFalse();
        assertThat(view.get("supervisionLevel").isNull()).isTrue();
        assertThat(view.get("applicant").get("name").asString()).isEqualTo("张**");
        assertThat(window.get(path).json().get("summary").get("applicant").get("name").asString()).isEqualTo("张三丰");
        JsonNode flags = auditor.get("/api/supervision/flags?body=" + Walkthrough.MARKET_BUREAU
                + "&trigger=REVIEW_STEP_OVER_LIMIT&from=2019-10-12&to=2019-10-12").json();
        assertThat(flags.get("flags")).extracting(f -> f.get("detail").asString())
                .contains("初审用时 4 个工作日,超过环节时限 3 个工作日");
    }

    private static void assertTime(JsonNode step, String asOf, int extension, int suspended, int working,
                                   String deadline, int remaining, boolean overdue) {
        JsonNode time = step.get("time");
        assertThat(time.get("asOf").asString()).as(step.toString()).isEqualTo(asOf);
        assertThat(time.get("promisedDays").asInt()).isEqualTo(10);
        assertThat(time.get("extensionDays").asInt()).as(step.toString()).isEqualTo(extension);
        assertThat(time.get("suspendedDays").asInt()).as(step.toString()).isEqualTo(suspended);
        assertThat(time.get("workingDays").asInt()).as(step.toString()).isEqualTo(working);
        assertThat(time.get("deadline").asString()).as(step.toString()).isEqualTo(deadline);
        assertThat(time.get("remainingDays").asInt()).as(step.toString()).isEqualTo(remaining);
        assertThat(time.get("overdue").asBoolean()).isEqualTo(overdue);
    }
}
