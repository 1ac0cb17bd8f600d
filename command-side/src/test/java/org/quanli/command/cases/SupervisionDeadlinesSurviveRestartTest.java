package org.quanli.command.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quanli.command.Fixtures.startCommandSide;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quanli.kernel.calendar.ChinaTime;
import org.quanli.kernel.calendar.WorkingDayCalendar;
import org.quanli.kernel.cases.Applicant;
import org.quanli.kernel.cases.CaseMessages.AcceptCase;
import org.quanli.kernel.cases.CaseMessages.AcceptCaseWithDeficiency;
import org.quanli.kernel.cases.CaseMessages.CaseFlagged;
import org.quanli.kernel.cases.CaseMessages.CaseTerminated;
import org.quanli.kernel.cases.CaseMessages.SubmitCase;
import org.quanli.kernel.cases.Channel;
import org.quanli.kernel.cases.IdentityDocument;
import org.quanli.kernel.cases.SupervisionLevel;
import org.quanli.kernel.cases.SupervisionTrigger;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Role;
import org.quanli.platform.messaging.CommandSender;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A supervision deadline is a row in PostgreSQL, not a timer in memory: one scheduled by a running application fires
 * after that application has been closed and a new one started on the same database: an overdue case's red flag,
 * and the lapse of a deficiency acceptance (容缺) that terminates its case. The first application's clock stands on
 * the day the cases are accepted, the second's two months later; scheduling, storing and firing go through the
 * production code.
 */
class SupervisionDeadlinesSurviveRestartTest {

    static final String BODY = "11510600008654321B";
    static final String ITEM = "restart-licence";
    static final String CASE = "restart-case-1";
    static final String DEFICIENT_CASE = "restart-case-2";
    /** A working day: 2019-03-01 10:00 in Beijing. */
    static final Instant ACCEPTED_AT = Instant.parse("2019-03-01T02:00:00Z");
    static final Actor OFFICER = new Actor("u-window", "窗口人员", Role.WINDOW_OFFICER, BODY);

    @TempDir
    Path dataDir;

    @Test
    void aRedFlagDueWhileTheApplicationIsDownIsRaisedAfterItStartsAgain() {
        String[] properties = {
                "quanli.embedded-db.data-dir=" + dataDir.resolve("pg"),
                "quanli.personal-data.key-file=" + dataDir.resolve("personal-data-kek.json"),
                "quanli.embedded-db.durable=true",
                "quanli.supervision.polling-interval=PT1S",
                "server.port=0"};

        Instant closed;
        LocalDate supplyBy;
        try (ConfigurableApplicationContext first = startCommandSide(ACCEPTED_AT, properties)) {
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            // The lookups the acceptance check reads, as the item's publication would have left them.
            jdbc.sql("insert into item_directory (item_id, body_id, jurisdiction_code, list_status, type_code) "
                    + "values (?, ?, '510600', 'IN_FORCE', '01')").params(ITEM, BODY).update();
            jdbc.sql("insert into item_holding (item_id, body_id, jurisdiction_code, effective_from) "
                    + "values (?, ?, '510600', ?)").params(ITEM, BODY, LocalDate.of(2013, 7, 1)).update();
            jdbc.sql("insert into item_version_terms (item_id, version, effective_from, type_code, legal_limit_days, "
                    + "promised_limit_days) values (?, 1, ?, '01', 20, 10)").params(ITEM, LocalDate.of(2013, 7, 1))
                    .update();

            // Today on the first application's clock: the red flag falls some 14 days after it, when this
            // application is gone.
            WorkingDayCalendar calendar = first.getBean(WorkingDayCalendar.class);
            LocalDate today = LocalDate.ofInstant(ACCEPTED_AT, ChinaTime.ZONE);
            CommandSender commands = first.getBean(CommandSender.class);
            commands.send(new SubmitCase(CASE, ITEM, BODY, Channel.WINDOW, new Applicant("张三",
                    IdentityDocument.RESIDENT_ID_CARD, "510106199001011234", null), today, List.of("申请书"), null, null), OFFICER);
            commands.send(new AcceptCase(CASE, today), OFFICER);
            // A second case accepted with a deficiency whose material is promised 9 working days on (the last day
            // before its promised completion): it lapses a day or more before the first case's red flag falls.
            supplyBy = calendar.addWorkingDays(today, 9);
            commands.send(new SubmitCase(DEFICIENT_CASE, ITEM, BODY, Channel.WINDOW, new Applicant("李四",
                    IdentityDocument.RESIDENT_ID_CARD, "510106199202021234", null), today, List.of("申请书"), null,
                    null), OFFICER);
            commands.send(new AcceptCaseWithDeficiency(DEFICIENT_CASE, today, List.of("验资报告"), supplyBy), OFFICER);

            // Yellow and red of each case and the deficiency's lapse, stored as rows of db-scheduler's table.
            assertThat(jdbc.sql("select count(*) from scheduled_tasks where task_name = 'AxonDeadline'")
                    .query(Integer.class).single()).isEqualTo(5);
            assertThat(flags(first, SupervisionLevel.RED)).isEmpty();
            assertThat(terminations(first)).isEmpty();
        }
        closed = Instant.now();

        try (ConfigurableApplicationContext second = startCommandSide(ACCEPTED_AT.plus(Duration.ofDays(60)),
                properties)) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(flags(second, SupervisionLevel.RED)).hasSize(1);
                assertThat(terminations(second)).hasSize(1);
                assertThat(second.getBean(JdbcClient.class).sql("select count(*) from scheduled_tasks")
                        .query(Integer.class).single()).isZero();
            });
            DomainEventMessage<?> terminated = terminations(second).get(0);
            assertThat(terminated.getPayload()).isEqualTo(new CaseTerminated(DEFICIENT_CASE, supplyBy.plusDays(1),
                    "容缺材料逾期未补齐,终止办理"));
            assertThat(terminated.getTimestamp()).isAfter(closed);
            // Attributed to the officer whose deficiency acceptance set the term.
            assertThat(terminated.getMetaData()).containsEntry(Actor.USER_ID, OFFICER.userId());
            DomainEventMessage<?> red = flags(second, SupervisionLevel.RED).get(0);
            CaseFlagged flag = (CaseFlagged) red.getPayload();
            assertThat(flag.trigger()).isEqualTo(SupervisionTrigger.OVERDUE);
            assertThat(flag.time().overdue()).isTrue();
            assertThat(flag.aboutDate()).isEqualTo(flag.time().deadline().plusDays(1));
            // No officer raised it: the ledger's electronic supervision did, and says so.
            assertThat(red.getMetaData()).containsEntry(Actor.USER_ID, "e-supervision")
                    .containsEntry(Actor.NAME, "电子监察").doesNotContainKeys(Actor.ROLE, Actor.BODY);
            // Raised by the second application, from the row the first one left.
            assertThat(red.getTimestamp()).isAfter(closed);
            assertThat(flags(second, SupervisionLevel.YELLOW)).hasSize(1);
        }
    }

    private static List<DomainEventMessage<?>> terminations(ConfigurableApplicationContext context) {
        return context.getBean(EventStore.class).readEvents(DEFICIENT_CASE).asStream()
                .filter(e -> e.getPayload() instanceof CaseTerminated)
                .<DomainEventMessage<?>>map(e -> e)
                .toList();
    }

    private static List<DomainEventMessage<?>> flags(ConfigurableApplicationContext context, SupervisionLevel level) {
        return context.getBean(EventStore.class).readEvents(CASE).asStream()
                .filter(e -> e.getPayload() instanceof CaseFlagged f && f.level() == level)
                .<DomainEventMessage<?>>map(e -> e)
                .toList();
    }
}
