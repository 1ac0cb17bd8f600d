package org.quanli.command.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quanli.command.Fixtures.startCommandSide;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quanli.kernel.calendar.ChinaTime;
import org.quanli.kernel.cases.Applicant;
import org.quanli.kernel.cases.CaseMessages.AcceptCase;
import org.quanli.kernel.cases.CaseMessages.SubmitCase;
import org.quanli.kernel.cases.Channel;
import org.quanli.kernel.cases.IdentityDocument;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Role;
import org.quanli.platform.messaging.CommandSender;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Supervision deadlines with two command nodes on one PostgreSQL: every deadline runs on one node only, whichever
 * polls first, and one left picked by a node killed while running it (its row marked, its heartbeat stale) is run by
 * a surviving node once the mark has missed its heartbeats. Each case ends with exactly one yellow and one red flag.
 * The cases are accepted through a node whose clock stands on the day of acceptance; the two nodes that run the
 * deadlines stand years later, when all of them are due.
 */
class DeadlinesOnSeveralNodesTest {

    static final String BODY = "11510600008654321B";
    static final String ITEM = "nodes-licence";
    static final int CASES = 12;
    /** A working day: 2019-03-01 10:00 in Beijing. */
    static final Instant ACCEPTED_AT = Instant.parse("2019-03-01T02:00:00Z");
    /**
     * The clock of the nodes that run the deadlines: past every deadline of the cases, and past the system time too,
     * because db-scheduler revives a dead execution to run at the system time, not the ledger's clock's.
     */
    static final Instant DUE_AT = Instant.now().plus(Duration.ofDays(1));
    static final Actor OFFICER = new Actor("u-window", "窗口人员", Role.WINDOW_OFFICER, BODY);

    @TempDir
    Path dir;

    @Test
    void eachDeadlineRunsOnceOnOneOfTwoNodesAndOneLeftByAKilledNodeIsRunByTheOther() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            JdbcClient jdbc;
            try (ConfigurableApplicationContext accepting = startCommandSide(ACCEPTED_AT, settings(url))) {
                jdbc = JdbcClient.create(postgres.getPostgresDatabase());
                // The lookups the acceptance check reads, as the item's publication would have left them.
                jdbc.sql("insert into item_directory (item_id, body_id, jurisdiction_code, list_status, type_code) "
                        + "values (?, ?, '510600', 'IN_FORCE', '01')").params(ITEM, BODY).update();
                jdbc.sql("insert into item_holding (item_id, body_id, jurisdiction_code, effective_from) "
                        + "values (?, ?, '510600', ?)").params(ITEM, BODY, LocalDate.of(2013, 7, 1)).update();
                jdbc.sql("insert into item_version_terms (item_id, version, effective_from, type_code, "
                        + "legal_limit_days, promised_limit_days) values (?, 1, ?, '01', 20, 10)")
                        .params(ITEM, LocalDate.of(2013, 7, 1)).update();
                LocalDate today = LocalDate.ofInstant(ACCEPTED_AT, ChinaTime.ZONE);
                CommandSender commands = accepting.getBean(CommandSender.class);
                for (int i = 0; i < CASES; i++) {
                    commands.send(new SubmitCase(caseId(i), ITEM, BODY, Channel.WINDOW, new Applicant("申请人" + i,
                            IdentityDocument.RESIDENT_ID_CARD, "51010619900101123" + (i % 10), null), today,
                            List.of("申请书"), null, null), OFFICER);
                    commands.send(new AcceptCase(caseId(i), today), OFFICER);
                }
            }
            // A yellow and a red deadline per case.
            assertThat(jdbc.sql("select count(*) from scheduled_tasks where task_name = 'AxonDeadline'")
                    .query(Integer.class).single()).isEqualTo(2 * CASES);
            // What a node killed while running a deadline leaves behind: the row picked by it, its last heartbeat
            // an hour before the surviving nodes' now.
            String leftBehind = jdbc.sql("select task_instance from scheduled_tasks order by task_instance limit 1")
                    .query(String.class).single();
            jdbc.sql("update scheduled_tasks set picked = true, picked_by = 'killed-node', "
                            + "last_heartbeat = ?, version = version + 1 where task_instance = ?")
                    .params(Timestamp.from(DUE_AT.minus(Duration.ofHours(1))), leftBehind).update();

            try (ConfigurableApplicationContext nodeA = startCommandSide(DUE_AT, settings(url));
                 ConfigurableApplicationContext nodeB = startCommandSide(DUE_AT, settings(url))) {
                await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(jdbc
                        .sql("select count(*) from scheduled_tasks").query(Integer.class).single()).isZero());
                for (int i = 0; i < CASES; i++) {
                    assertThat(flags(jdbc, caseId(i))).as(caseId(i)).containsExactlyInAnyOrder("YELLOW", "RED");
                }
                assertThat(nodeA.isActive() && nodeB.isActive()).isTrue();
            }
        }
    }

    private String[] settings(String url) {
        return new String[] {
                "spring.datasource.url=" + url,
                "spring.datasource.username=postgres",
                "spring.datasource.password=postgres",
                "quanli.personal-data.key-file=" + dir.resolve("personal-data-kek.json"),
                "quanli.supervision.polling-interval=PT1S",
                "quanli.supervision.heartbeat-interval=PT1S",
                "quanli.supervision.missed-heartbeats=4",
                "server.port=0"};
    }

    private static List<String> flags(JdbcClient jdbc, String caseId) {
        return jdbc.sql("select convert_from(payload, 'UTF8')::jsonb ->> 'level' from domain_event_entry "
                        + "where aggregate_identifier = ? and payload_type like '%$CaseFlagged'")
                .param(caseId).query(String.class).list();
    }

    private static String caseId(int i) {
        return "nodes-case-" + i;
    }
}
