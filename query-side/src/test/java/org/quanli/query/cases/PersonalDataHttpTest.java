package org.quanli.query.cases;

import org.springframework.beans.factory.ListableBeanFactory;
import org.quanli.query.testing.Replays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quanli.query.cases.CaseEvents.date;
import static org.quanli.query.cases.CaseEvents.time;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quanli.kernel.cases.Applicant;
import org.quanli.kernel.cases.CaseMessages.CaseAccepted;
import org.quanli.kernel.cases.CaseMessages.CaseSubmitted;
import org.quanli.kernel.cases.CaseMessages.CaseWithdrawn;
import org.quanli.kernel.cases.CaseType;
import org.quanli.kernel.cases.Channel;
import org.quanli.kernel.cases.IdentityDocument;
import org.quanli.kernel.cases.JointApprovalMessages.JointApprovalStarted;
import org.quanli.kernel.cases.JointApprovalMessages.JointPart;
import org.quanli.kernel.delegation.AcceptanceCapacity;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.personal.PersonalData;
import org.quanli.kernel.personal.PersonalDataMessages.ErasureGround;
import org.quanli.kernel.personal.PersonalDataMessages.SubjectErased;
import org.quanli.platform.personal.PersonalDataCodec;
import org.quanli.platform.personal.PersonalDataVault;
import org.quanli.platform.security.demo.DemoTokens;
import org.quanli.query.QuerySideApplication;
import org.quanli.query.cases.CaseEvents.Stream;
import org.quanli.query.powerlist.LedgerEvents;
import org.quanli.testing.ApiClient;
import org.quanli.testing.ClearText;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Applicants are nowhere in clear in the database, are found by identity number through the blind index, every
 * unmasked view is logged for auditors, and an erasure makes them unreadable everywhere, also after a replay, while
 * every figure and trail stays the same.
 */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class PersonalDataHttpTest {

    private static final String ITEM = "6b1a3f0e-0000-4000-8000-000000000012";
    private static final Applicant LI = new Applicant("李秋水", IdentityDocument.RESIDENT_ID_CARD,
            "51010619880808123X", "13611112222");
    private static final Applicant WANG = new Applicant("王语嫣", IdentityDocument.RESIDENT_ID_CARD,
            "510106199512127766", "15887654321");
    private static final List<String> CLEAR = List.of("李秋水", "51010619880808123X", "51010619880808123x",
            "13611112222", "王语嫣", "510106199512127766", "15887654321");

    @Autowired
    ListableBeanFactory beans;
    @Autowired
    EventStore eventStore;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DemoTokens tokens;
    @Autowired
    PersonalDataVault vault;
    @Autowired
    PersonalDataCodec codec;
    @LocalServerPort
    int port;

    ApiClient anonymous;
    CaseEvents events;
    String bureau;
    String otherBureau;
    Stream li;
    Stream liElsewhere;
    Stream wang;
    Stream joint;

    @BeforeEach
    void casesOfTwoApplicantsAtTwoBodies() {
        anonymous = ApiClient.anonymous(port, tokens);
        events = new CaseEvents(eventStore, transactions, jdbc);
        String county = events.cityAndCounty()[1];
        bureau = events.body(county, "测试县行政审批局");
        otherBureau = events.body(county, "测试县市场监督管理局");
        li = events.caseOf(bureau);
        li.then(new CaseSubmitted(li.id, ITEM, bureau, Channel.WINDOW, LI, date("2019-09-26"), List.of("申请书"), 1,
                        CaseType.PROMISED, "1号窗口", null))
                .then(new CaseAccepted(li.id, ITEM, bureau, date("2019-09-30"), AcceptanceCapacity.OWN, null, null,
                        1, CaseType.PROMISED, 20, false, time("2019-09-30", 10, 0, List.of(), "2019-09-30")));
        liElsewhere = events.caseOf(otherBureau);
        liElsewhere.then(new CaseSubmitted(liElsewhere.id, ITEM, otherBureau, Channel.ONLINE, LI,
                date("2019-10-08"), List.of("申请书"), 1, CaseType.PROMISED, null, null));
        wang = events.caseOf(bureau);
        wang.then(new CaseSubmitted(wang.id, ITEM, bureau, Channel.WINDOW, WANG, date("2019-10-09"),
                List.of("申请书"), 1, CaseType.PROMISED, "2号窗口", null));
        joint = events.jointApproval(bureau);
        joint.then(new JointApprovalStarted(joint.id, bureau, "某食品厂新建项目",
                List.of(new JointPart(UUID.randomUUID().toString(), ITEM, bureau)), date("2019-10-10"),
                time("2019-10-10", 45, 0, List.of(), "2019-10-10"), LI, List.of("项目申请书"), "并联审批窗口"));
        events.awaitCases(li, liElsewhere, wang);
        events.awaitJointApproval(joint);
    }

    @Test
    void theRetentionReportListsOnlyPersonsWhoseCasesAllEndedLongerAgoThanTheRetention() {
        Applicant zhao = new Applicant("赵敏", IdentityDocument.RESIDENT_ID_CARD, "510106196003033311", null);
        Stream old = events.caseOf(bureau);
        old.then(new CaseSubmitted(old.id, ITEM, bureau, Channel.WINDOW, zhao, date("1990-01-02"), List.of("申请书"),
                        1, CaseType.PROMISED, null, null))
                .then(new CaseWithdrawn(old.id, date("1990-01-05"), "申请人撤回"));
        events.awaitCases(old);
        String zhaoSubject = codec.subjectNamed(zhao.documentNumber()).orElseThrow();
        String liSubject = codec.subjectNamed(LI.documentNumber()).orElseThrow();

        var response = anonymous.as("privacy", Role.PERSONAL_INFORMATION_OFFICER, null)
                .get("/api/personal-data/retention-report?size=200");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode report = response.json();
        assertThat(report.get("retention").asString()).isEqualTo("P30Y");
        List<String> due = new ArrayList<>();
        report.get("subjects").forEach(subject -> due.add(subject.get("subjectId").asString()));
        assertThat(due).contains(zhaoSubject).doesNotContain(liSubject);
        assertThat(response.body()).doesNotContain("赵敏", "510106196003033311");
        report.get("subjects").forEach(subject -> {
            if (subject.get("subjectId").asString().equals(zhaoSubject)) {
                assertThat(subject.get("lastEndedOn").asString()).isEqualTo("1990-01-05");
                assertThat(subject.get("dueOn").asString()).isEqualTo("2020-01-05");
            }
        });
        assertThat(window(bureau).get("/api/personal-data/retention-report").status()).isEqualTo(403);
    }

    private ApiClient window(String body) {
        return anonymous.as("window", Role.WINDOW_OFFICER, body);
    }

    private Map<String, Long> tablesHolding(String text) {
        return ClearText.tablesHolding(jdbc, text);
    }

    @Test
    void noNameIdentityNumberOrPhoneIsInClearInTheEventTableOrAnyProjection() {
        // The search does find what is there: the case id is in the event table, the case view and the trail.
        assertThat(tablesHolding(li.id)).containsKeys("domain_event_entry", "case_view", "case_trail",
                "case_applicant");
        for (String clear : CLEAR) {
            assertThat(tablesHolding(clear)).as(clear).isEmpty();
        }
        assertThat(jdbc.sql("select applicant_name from joint_approval_view where joint_approval_id = ?")
                .param(joint.id).query(String.class).single()).isEqualTo("李**");
    }

    @Test
    void aWindowOfficerFindsTheApplicantsCasesOfTheOwnBodyByIdentityNumber() {
        JsonNode own = window(bureau).post("/api/cases/applicant-search",
                Map.of("documentNumber", "510106 19880808123x")).json();
        assertThat(own.get("total").asLong()).isEqualTo(1);
        assertThat(own.get("cases").get(0).get("caseId").asString()).isEqualTo(li.id);
        assertThat(own.get("cases").get(0).get("applicant").get("name").asString()).isEqualTo("李秋水");

        JsonNode other = window(otherBureau).post("/api/cases/applicant-search",
                Map.of("documentNumber", "51010619880808123X")).json();
        assertThat(other.get("cases")).extracting(c -> c.get("caseId").asString()).containsExactly(liElsewhere.id);

        assertThat(window(bureau).post("/api/cases/applicant-search",
                Map.of("documentNumber", "510106199001019999")).json().get("total").asLong()).isZero();
        assertThat(anonymous.as("auditor", Role.AUDITOR, null).post("/api/cases/applicant-search",
                Map.of("documentNumber", "51010619880808123X")).status()).isEqualTo(403);
        var bad = window(bureau).post("/api/cases/applicant-search", Map.of("documentNumber", "5101';--"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("documentNumber");
    }

    @Test
    void everyUnmaskedViewIsLoggedAndAuditorsReadTheLog() {
        ApiClient auditor = anonymous.as("auditor", Role.AUDITOR, null);
        String logOfCase = "/api/personal-data/access-log?caseId=" + li.id;
        assertThat(auditor.get(logOfCase).json().get("total").asLong()).isZero();

        auditor.get("/api/cases/" + li.id);
        assertThat(auditor.get(logOfCase).json().get("total").asLong()).as("a masked view is no access").isZero();
        window(bureau).get("/api/cases/" + li.id);

        JsonNode log = auditor.get(logOfCase).json();
        assertThat(log.get("total").asLong()).isEqualTo(1);
        JsonNode entry = log.get("entries").get(0);
        assertThat(entry.get("userId").asString()).isEqualTo("window");
        assertThat(entry.get("role").asString()).isEqualTo("WINDOW_OFFICER");
        assertThat(entry.get("caseBodyId").asString()).isEqualTo(bureau);
        assertThat(entry.get("fields")).extracting(JsonNode::asString)
                .containsExactly("name", "documentNumber", "phone");
        assertThat(entry.get("purpose").asString()).isEqualTo("办件详情");
        assertThat(entry.get("viewedAt").asString()).isNotBlank();
        assertThat(auditor.get("/api/personal-data/access-log?userId=window&caseId=" + wang.id).json()
                .get("total").asLong()).isZero();
        assertThat(window(bureau).get(logOfCase).status()).isEqualTo(403);
        var reversed = auditor.get("/api/personal-data/access-log?from=2026-12-05&to=2026-12-04");
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.body()).contains("from");
        var farOff = auditor.get("/api/personal-data/access-log?to=%2B999999999-12-31");
        assertThat(farOff.status()).as(farOff.body()).isEqualTo(400);
        assertThat(farOff.body()).contains("to");
    }

    @Test
    void anErasedApplicantIsUnreadableEverywhereAlsoAfterAReplayAndEveryFigureStays() {
        String figures = "select * from case_view where case_id in ('" + li.id + "', '" + liElsewhere.id + "', '"
                + wang.id + "') order by case_id";
        String trails = "select * from case_trail where case_id in ('" + li.id + "', '" + liElsewhere.id
                + "') order by case_id, sequence_number";
        String jointFigures = "select * from joint_approval_view where joint_approval_id = '" + joint.id + "'";
        List<List<Map<String, Object>>> before = List.of(withoutApplicant(figures), rows(trails),
                withoutApplicant(jointFigures));

        String subject = codec.subjectNamed(LI.documentNumber()).orElseThrow();
        transactions.executeWithoutResult(status -> vault.erase(subject));
        new LedgerEvents(eventStore, transactions, jdbc).append(UUID.randomUUID().toString(), 0,
                new SubjectErased(subject, ErasureGround.CONSENT_WITHDRAWN, "德政数个保〔2026〕1号", date("2026-12-04")),
                new Actor("privacy", "孙悦", Role.PERSONAL_INFORMATION_OFFICER, bureau));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(jdbc.sql("select applicant_name from case_view where case_id = ?").param(li.id)
                    .query(String.class).single()).isEqualTo(PersonalData.ERASED);
            assertThat(jdbc.sql("select applicant_name from joint_approval_view where joint_approval_id = ?")
                    .param(joint.id).query(String.class).single()).isEqualTo(PersonalData.ERASED);
        });
        assertErased();

        Replays.replay(beans, List.of(CaseViewProjection.GROUP, CaseTrailProjection.GROUP,
                JointApprovalProjection.GROUP));
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() -> assertThat(List.of(
                withoutApplicant(figures), rows(trails), withoutApplicant(jointFigures))).isEqualTo(before));
        assertErased();
    }

    private void assertErased() {
        JsonNode own = window(bureau).get("/api/cases/" + li.id).json().get("summary").get("applicant");
        assertThat(own.get("name").asString()).isEqualTo(PersonalData.ERASED);
        assertThat(own.get("documentNumber").asString()).isEqualTo(PersonalData.ERASED);
        assertThat(window(bureau).post("/api/cases/applicant-search",
                Map.of("documentNumber", LI.documentNumber())).json().get("total").asLong()).isZero();
        assertThat(jdbc.sql("select applicant_name from case_view where case_id = ?").param(liElsewhere.id)
                .query(String.class).single()).isEqualTo(PersonalData.ERASED);
        JsonNode other = window(bureau).get("/api/cases/" + wang.id).json().get("summary").get("applicant");
        assertThat(other.get("name").asString()).isEqualTo("王语嫣");
        for (String clear : CLEAR) {
            assertThat(tablesHolding(clear)).as(clear).isEmpty();
        }
    }

    private List<Map<String, Object>> rows(String sql) {
        return jdbc.sql(sql).query().listOfRows();
    }

    /**
     * The rows without the applicant's masked columns (what erasure changes) and without the body's jurisdiction
     * (filled in once the places projection knows the body, which may be after the row was first written).
     */
    private List<Map<String, Object>> withoutApplicant(String sql) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> row : rows(sql)) {
            Map<String, Object> kept = new HashMap<>(row);
            kept.keySet().removeIf(column -> column.startsWith("applicant_") || column.equals("jurisdiction_code"));
            rows.add(kept);
        }
        return rows;
    }
}
