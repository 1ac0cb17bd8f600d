package org.quanli.command.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quanli.command.Fixtures.MARKET_BUREAU;
import static org.quanli.command.Fixtures.marketBureauWindow;
import static org.quanli.command.Fixtures.publishedFoodLicence;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quanli.command.CommandSideApplication;
import org.quanli.kernel.identity.Role;
import org.quanli.platform.messaging.CommandSender;
import org.quanli.platform.personal.PersonalDataVault;
import org.quanli.platform.security.demo.DemoTokens;
import org.quanli.testing.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The personal-information officer erases an applicant by deleting the key, never while a case of theirs is open nor
 * before the retention ends when that is the ground; the case goes on, nothing else changes.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class PersonalDataErasureHttpTest {

    private static final String NUMBER = "510106197306062816";
    private static final String OTHER = "510106198202024415";

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    CommandSender commands;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PersonalDataVault vault;

    ApiClient window;
    ApiClient officer;
    String itemId;

    @BeforeEach
    void publishedItem() {
        ApiClient anonymous = ApiClient.anonymous(port, tokens);
        window = marketBureauWindow(anonymous);
        officer = anonymous.as("privacy", Role.PERSONAL_INFORMATION_OFFICER, null);
        itemId = publishedFoodLicence(commands, MARKET_BUREAU, "erasure-test");
    }

    private String submitted() {
        return submitted(NUMBER);
    }

    private String submitted(String number) {
        var submitted = window.post("/api/cases", Map.of("itemId", itemId, "channel", "WINDOW",
                "applicant", Map.of("name", "何晓东", "documentType", "RESIDENT_ID_CARD", "documentNumber", number,
                        "phone", "13366668888"),
                "receivedOn", "2019-06-17", "materials", List.of("申请书")));
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
        return submitted.json().get("id").asString();
    }

    private String stored(String sql, String caseId) {
        return String.join("\n", jdbc.sql(sql).param(caseId).query(String.class).list());
    }

    private static Map<String, Object> erasure(String number, String ground) {
        return Map.of("documentNumber", number, "ground", ground,
                "decisionDocument", "德政数个保〔2026〕7号", "decidedOn", "2026-12-04");
    }

    @Test
    void theOfficerErasesAConcludedCasesApplicantByDeletingTheKeyAndTheCaseGoesOn() {
        String caseId = submitted();
        String path = "/api/cases/" + caseId;
        assertThat(window.post(path + "/acceptance", Map.of("date", "2019-06-17")).status()).isEqualTo(204);
        assertThat(stored("select convert_from(payload, 'UTF8') from domain_event_entry where aggregate_identifier = ?",
                caseId)).doesNotContain("何晓东", NUMBER, "13366668888").contains("\"sealed\"");
        var open = officer.post("/api/personal-data/erasures", erasure(NUMBER, "CONSENT_WITHDRAWN"));
        assertThat(open.status()).as(open.toString()).isEqualTo(422);
        assertThat(open.body()).contains("subject-has-open-cases");
        assertThat(window.post(path + "/decision", Map.of("granted", true, "decidedOn", "2019-06-19")).status())
                .isEqualTo(204);
        assertThat(window.post(path + "/conclusion", Map.of("date", "2019-06-19")).status()).isEqualTo(204);
        var tooEarly = officer.post("/api/personal-data/erasures", erasure(NUMBER, "RETENTION_EXPIRED"));
        assertThat(tooEarly.status()).as(tooEarly.toString()).isEqualTo(422);
        assertThat(tooEarly.body()).contains("retention-not-expired").contains("2049-06-19");

        var erased = officer.post("/api/personal-data/erasures", erasure(NUMBER, "CONSENT_WITHDRAWN"));

        assertThat(erased.status()).as(erased.toString()).isEqualTo(201);
        String subject = erased.json().get("subjectId").asString();
        assertThat(jdbc.sql("select data_key is null and blind_index is null and erased_at is not null "
                + "from personal_data_key where subject_id = ?").param(subject).query(Boolean.class).single()).isTrue();
        var event = jdbc.sql("""
                select convert_from(payload, 'UTF8') as payload, convert_from(meta_data, 'UTF8') as meta
                from domain_event_entry where payload_type like '%SubjectErased'
                  and convert_from(payload, 'UTF8') like ?""")
                .param("%" + subject + "%").query().singleRow();
        assertThat((String) event.get("payload")).contains("CONSENT_WITHDRAWN", "德政数个保〔2026〕7号", "2026-12-04")
                .doesNotContain("何晓东", NUMBER, "13366668888");
        assertThat((String) event.get("meta")).contains("PERSONAL_INFORMATION_OFFICER", "privacy");
        // The case, loaded from its events with the applicant erased, still takes the next step.
        assertThat(window.post(path + "/delivery", Map.of("deliveredOn", "2019-06-20", "method", "窗口领取"))
                .status()).isEqualTo(204);
        assertThat(officer.post("/api/personal-data/erasures", erasure(NUMBER, "CONSENT_WITHDRAWN")).status())
                .isEqualTo(404);
    }

    @Test
    void onlyTheOfficerErasesAndABadRequestNamesTheField() {
        submitted(OTHER);
        assertThat(vault.subjectOf(OTHER)).isPresent();
        assertThat(window.post("/api/personal-data/erasures", erasure(OTHER, "CONSENT_WITHDRAWN")).status())
                .isEqualTo(403);
        var bad = officer.post("/api/personal-data/erasures", Map.of("documentNumber", OTHER,
                "decisionDocument", "德政数个保〔2026〕8号", "decidedOn", "2026-12-04"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("ground");
        assertThat(vault.subjectOf(OTHER).flatMap(vault::keyOf)).as("the key is still there").isPresent();
    }
}
