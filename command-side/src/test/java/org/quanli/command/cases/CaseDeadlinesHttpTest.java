package org.quanli.command.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.quanli.command.Fixtures.*;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quanli.command.CommandSideApplication;
import org.quanli.kernel.identity.Role;
import org.quanli.platform.messaging.CommandSender;
import org.quanli.platform.security.demo.DemoTokens;
import org.quanli.testing.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A case's deadlines are rows of db-scheduler's {@code scheduled_tasks}, found by the ids in {@code case_deadline}:
 * ending a case deletes its own rows and no other case's, in the command's transaction, and leaves alone a row
 * db-scheduler is executing, even one it picks while the command is cancelling. The cases are of 2019: their
 * deadlines are past when scheduled and wait the back-filling grace (a day), so none fires while the test looks at
 * the rows.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class CaseDeadlinesHttpTest {

    /** What db-scheduler does to the row of the execution it picks. */
    static final String PICK = """
            update scheduled_tasks set picked = true, picked_by = 'another-node', last_heartbeat = now(),
                version = version + 1
            where task_instance = ?""";

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    CommandSender commands;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    CaseDeadlines deadlines;
    @Autowired
    PlatformTransactionManager transactions;

    ApiClient officer;
    String itemId;

    @BeforeEach
    void publishedItem() {
        officer = marketBureauWindow(ApiClient.anonymous(port, tokens));
        itemId = publishedFoodLicence(commands, MARKET_BUREAU, "case-deadlines-test");
    }

    @Test
    void acceptanceStoresTheCasesDeadlinesAndConclusionDeletesThemAndNoOtherCases() {
        String concluded = acceptedCase();
        String other = acceptedCase();
        List<String> othersDeadlines = scheduled(other);
        // Yellow and red, each a row of db-scheduler's table under the id the case keeps.
        assertThat(scheduled(concluded)).hasSize(2).containsExactlyInAnyOrderElementsOf(kept(concluded));
        assertThat(othersDeadlines).hasSize(2).containsExactlyInAnyOrderElementsOf(kept(other));

        decideAndConclude(concluded);

        assertThat(scheduled(concluded)).isEmpty();
        assertThat(kept(concluded)).isEmpty();
        assertThat(scheduled(other)).containsExactlyInAnyOrderElementsOf(othersDeadlines);
        assertThat(kept(other)).containsExactlyInAnyOrderElementsOf(othersDeadlines);
    }

    @Test
    void anExtensionReplacesTheCasesDeadlinesByNewOnesItKeeps() {
        String caseId = acceptedCase();
        List<String> before = scheduled(caseId);

        var extended = officer.post("/api/cases/" + caseId + "/extension", Map.of("days", 10, "reason", "需现场核查",
                "approvedBy", "王局长", "approvedOn", "2019-06-18"));

        assertThat(extended.status()).as(extended.toString()).isEqualTo(204);
        List<String> after = scheduled(caseId);
        assertThat(after).hasSize(2).doesNotContainAnyElementsOf(before)
                .containsExactlyInAnyOrderElementsOf(kept(caseId));
    }

    @Test
    void aDeadlineBeingExecutedIsLeftAloneAndTheConclusionSucceeds() {
        String caseId = acceptedCase();
        String executing = scheduled(caseId).get(0);
        // As db-scheduler marks the execution it has picked.
        jdbc.sql(PICK).param(executing).update();

        decideAndConclude(caseId);

        assertThat(scheduled(caseId)).containsExactly(executing);
        assertThat(kept(caseId)).isEmpty();
    }

    @Test
    void aDeadlinePickedWhileTheConclusionCancelsItIsLeftAloneAndTheConclusionSucceeds() throws Exception {
        String caseId = acceptedCase();
        String executing = scheduled(caseId).get(0);
        assertThat(officer.post("/api/cases/" + caseId + "/decision", Map.of("granted", true,
                "decidedOn", "2019-06-19")).status()).isEqualTo(204);

        try (Connection scheduler = dataSource.getConnection()) {
            // db-scheduler picks the row in its own transaction, not yet committed when the conclusion reaches it.
            scheduler.setAutoCommit(false);
            try (PreparedStatement pick = scheduler.prepareStatement(PICK)) {
                pick.setString(1, executing);
                assertThat(pick.executeUpdate()).isEqualTo(1);
            }
            var conclusion = CompletableFuture.supplyAsync(() -> officer.post("/api/cases/" + caseId + "/conclusion",
                    Map.of("date", "2019-06-19")));
            await().atMost(Duration.ofSeconds(30)).until(this::aStatementOnScheduledTasksWaitsForALock);
            scheduler.commit();

            var concluded = conclusion.get();
            assertThat(concluded.status()).as(concluded.toString()).isEqualTo(204);
        }
        assertThat(scheduled(caseId)).containsExactly(executing);
        assertThat(kept(caseId)).isEmpty();
    }

    @Test
    void aCancellationIsWrittenOnlyWithinATransactionAndRolledBackWithIt() {
        String caseId = acceptedCase();
        List<String> before = scheduled(caseId);

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            deadlines.cancel(caseId, Case.SUPERVISION);
            assertThat(scheduled(caseId)).isEmpty();
            status.setRollbackOnly();
        });

        assertThat(scheduled(caseId)).containsExactlyInAnyOrderElementsOf(before);
        assertThat(kept(caseId)).containsExactlyInAnyOrderElementsOf(before);
        assertThatThrownBy(() -> deadlines.cancel(caseId, Case.SUPERVISION)).isInstanceOf(IllegalStateException.class);
        assertThat(scheduled(caseId)).containsExactlyInAnyOrderElementsOf(before);
    }

    private String acceptedCase() {
        var submitted = officer.post("/api/cases", Map.of("itemId", itemId, "channel", "WINDOW",
                "applicant", Map.of("name", "张三", "documentType", "RESIDENT_ID_CARD",
                        "documentNumber", "510106199001011234"),
                "receivedOn", "2019-06-17", "materials", List.of("申请书")));
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
        String caseId = submitted.json().get("id").asString();
        assertThat(officer.post("/api/cases/" + caseId + "/acceptance", Map.of("date", "2019-06-17")).status())
                .isEqualTo(204);
        return caseId;
    }

    private void decideAndConclude(String caseId) {
        String path = "/api/cases/" + caseId;
        assertThat(officer.post(path + "/decision", Map.of("granted", true, "decidedOn", "2019-06-19")).status())
                .isEqualTo(204);
        var concluded = officer.post(path + "/conclusion", Map.of("date", "2019-06-19"));
        assertThat(concluded.status()).as(concluded.toString()).isEqualTo(204);
    }

    /** The case's rows in db-scheduler's table, found by the case id in the deadline's stored scope. */
    private List<String> scheduled(String caseId) {
        return jdbc.sql("""
                select task_instance from scheduled_tasks
                where task_name = 'AxonDeadline' and position(convert_to(?, 'UTF8') in task_data) > 0""")
                .param(caseId).query(String.class).list();
    }

    /** The schedule ids the case keeps. */
    private List<String> kept(String caseId) {
        return jdbc.sql("select schedule_id from case_deadline where case_id = ?")
                .param(caseId).query(String.class).list();
    }

    private boolean aStatementOnScheduledTasksWaitsForALock() {
        return jdbc.sql("""
                select count(*) from pg_stat_activity
                where wait_event_type = 'Lock' and query ilike '%scheduled_tasks%'""")
                .query(Integer.class).single() > 0;
    }
}
