package org.quanli.query.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quanli.query.cases.CaseEvents.APPLICANT;
import static org.quanli.query.cases.CaseEvents.date;
import static org.quanli.query.cases.CaseEvents.time;

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
import org.quanli.platform.security.demo.DemoTokens;
import org.quanli.query.QuerySideApplication;
import org.quanli.query.cases.CaseEvents.Stream;
import org.quanli.testing.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * An identity-card or mobile number typed into free text (a material's name, a flag's detail) reaches no one but the
 * handling body's window officer unmasked: the case, its trail and the flags mask it for supervisors.
 */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class FreeTextMaskingHttpTest {

    private static final String ITEM = "6b1a3f0e-0000-4000-8000-000000000003";
    private static final String IDENTITY = "11010519491231002X";
    private static final String MOBILE = "13912345678";

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
    String bureau;
    Stream caseWithNumbers;

    @BeforeEach
    void aCaseWhoseFreeTextCarriesAnIdentityAndAMobileNumber() {
        anonymous = ApiClient.anonymous(port, tokens);
        CaseEvents events = new CaseEvents(eventStore, transactions, jdbc);
        bureau = events.body(events.cityAndCounty()[1], "测试县行政审批局");
        caseWithNumbers = events.caseOf(bureau);
        caseWithNumbers.then(new CaseSubmitted(caseWithNumbers.id, ITEM, bureau, Channel.WINDOW, APPLICANT,
                        date("2019-09-26"), List.of("申请书", "身份证复印件(" + IDENTITY + ")", "联系电话" + MOBILE), 1,
                        CaseType.PROMISED, "1号窗口", null))
                .then(new CaseAccepted(caseWithNumbers.id, ITEM, bureau, date("2019-09-30"), AcceptanceCapacity.OWN,
                        null, null, 1, CaseType.PROMISED, 20, false,
                        time("2019-09-30", 10, 0, List.of(), "2019-09-30")))
                .then(new CaseFlagged(caseWithNumbers.id, SupervisionLevel.YELLOW, SupervisionTrigger.DEADLINE_NEAR,
                        date("2019-10-16"), "剩余 2 个工作日,申请人电话 139-1234-5678 未接通", 1,
                        time("2019-09-30", 10, 0, List.of(), "2019-10-16")));
        events.awaitCases(caseWithNumbers);
    }

    @Test
    void supervisorsReadTheNumbersMaskedInTheCaseItsTrailAndTheFlags() {
        for (Role role : List.of(Role.AUDITOR, Role.REFORM_OFFICE)) {
            ApiClient supervisor = anonymous.as("supervisor", role, null);
            var detail = supervisor.get("/api/cases/" + caseWithNumbers.id);
            var trail = supervisor.get("/api/cases/" + caseWithNumbers.id + "/trail");
            var flags = supervisor.get("/api/supervision/flags?body=" + bureau);
            for (var response : List.of(detail, trail, flags)) {
                assertThat(response.status()).as(response.body()).isEqualTo(200);
                assertThat(response.body()).doesNotContain(IDENTITY, MOBILE, "139-1234-5678");
            }
            assertThat(detail.body()).contains("身份证复印件(1101**********002X)", "联系电话139****5678");
            assertThat(trail.body()).contains("1101**********002X", "139****5678");
            assertThat(flags.body()).contains("申请人电话 139******5678 未接通");
            // Identifiers are not free text: the body's credit code and the case id come through as they are.
            JsonNode summary = detail.json().get("summary");
            assertThat(summary.get("caseId").asString()).isEqualTo(caseWithNumbers.id);
            assertThat(detail.body()).contains(bureau);
        }
    }

    @Test
    void theHandlingBodysWindowOfficerReadsThemAsWritten() {
        ApiClient window = anonymous.as("window", Role.WINDOW_OFFICER, bureau);
        assertThat(window.get("/api/cases/" + caseWithNumbers.id).body())
                .contains("身份证复印件(" + IDENTITY + ")", "联系电话" + MOBILE);
        assertThat(window.get("/api/supervision/flags?body=" + bureau).body()).contains("139-1234-5678");
    }

    @Test
    void aWindowOfficerWhoIsAlsoAnAuditorReadsAsASupervisor() {
        String both = tokens.issue("both", "两职", List.of(Role.AUDITOR.name(), Role.WINDOW_OFFICER.name()), bureau);
        String body = anonymous.withToken(both).get("/api/cases/" + caseWithNumbers.id).body();
        assertThat(body).doesNotContain(IDENTITY).contains("1101**********002X");
    }
}
