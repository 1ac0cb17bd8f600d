package org.quanli.command.complaints;

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
import org.quanli.kernel.cases.SupervisionLevel;
import org.quanli.kernel.codes.BodyNature;
import org.quanli.kernel.complaints.ComplaintCategory;
import org.quanli.kernel.complaints.ComplaintChannel;
import org.quanli.kernel.complaints.ComplaintMessages.ComplaintFlagged;
import org.quanli.kernel.complaints.ComplaintMessages.ComplaintTransferred;
import org.quanli.kernel.complaints.ComplaintMessages.RegisterComplaint;
import org.quanli.kernel.complaints.ComplaintMessages.TransferComplaint;
import org.quanli.kernel.complaints.ComplaintSupervisionTrigger;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.places.JurisdictionLevel;
import org.quanli.kernel.places.PlacesMessages.RegisterImplementingBody;
import org.quanli.kernel.places.PlacesMessages.RegisterJurisdiction;
import org.quanli.platform.messaging.CommandSender;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A complaint's reply limit is watched by rows in PostgreSQL, as a case's is: a complaint transferred while one
 * application runs, and not answered, is flagged red by the next application on the same database after its due
 * date passed while nothing ran: the first application's clock stands on the day of the transfer, the second's two
 * months later. The limit of the category comes from {@code quanli.complaints.limit-days}.
 */
class ComplaintDeadlinesSurviveRestartTest {

    static final String CITY = "510600";
    static final String SERVICE_CENTRE = "11510600008654354P";
    static final String BUREAU = "11510600008654321B";
    static final String COMPLAINT = "restart-complaint-1";
    /** Monday 2019-03-04 10:00 in Beijing: ten working days on, the first day overdue is a working day too. */
    static final Instant TRANSFERRED_AT = Instant.parse("2019-03-04T02:00:00Z");
    static final Actor ADMIN = new Actor("u-admin", "管理员", Role.ADMINISTRATOR, null);
    static final Actor RECEPTION = new Actor("u-reception", "12345受理", Role.COMPLAINT_RECEPTION, SERVICE_CENTRE);

    @TempDir
    Path dataDir;

    @Test
    void aRedFlagDueWhileTheApplicationIsDownIsRaisedAfterItStartsAgain() {
        String[] properties = {
                "quanli.embedded-db.data-dir=" + dataDir.resolve("pg"),
                "quanli.personal-data.key-file=" + dataDir.resolve("personal-data-kek.json"),
                "quanli.embedded-db.durable=true",
                "quanli.supervision.polling-interval=PT1S",
                "quanli.complaints.limit-days.EFFICIENCY=10",
                "server.port=0"};

        Instant closed;
        try (ConfigurableApplicationContext first = startCommandSide(TRANSFERRED_AT, properties)) {
            CommandSender commands = first.getBean(CommandSender.class);
            commands.send(new RegisterJurisdiction("510000", "四川省", JurisdictionLevel.PROVINCE, null, false), ADMIN);
            commands.send(new RegisterJurisdiction(CITY, "德阳市", JurisdictionLevel.CITY, "510000", false), ADMIN);
            commands.send(new RegisterImplementingBody(SERVICE_CENTRE, "德阳市政务服务和大数据局", CITY,
                    BodyNature.STATUTORY_ORGAN, true), ADMIN);
            commands.send(new RegisterImplementingBody(BUREAU, "德阳市市场监督管理局", CITY,
                    BodyNature.STATUTORY_ORGAN, true), ADMIN);

            // Today on the first application's clock: the red flag falls some 14 days after it, when this
            // application is gone.
            WorkingDayCalendar calendar = first.getBean(WorkingDayCalendar.class);
            LocalDate today = LocalDate.ofInstant(TRANSFERRED_AT, ChinaTime.ZONE);
            commands.send(new RegisterComplaint(COMPLAINT, ComplaintChannel.HOTLINE_12345, today.atTime(9, 30),
                    "办理许可超过承诺时限", null, BUREAU, null, null, ComplaintCategory.EFFICIENCY), RECEPTION);
            commands.send(new TransferComplaint(COMPLAINT, BUREAU, List.of("属该局职责"), today), RECEPTION);

            // The limit is the configured one, and yellow and red are rows of db-scheduler's table.
            ComplaintTransferred transferred = (ComplaintTransferred) events(first).stream()
                    .map(DomainEventMessage::getPayload).filter(ComplaintTransferred.class::isInstance)
                    .findFirst().orElseThrow();
            assertThat(transferred.limitDays()).isEqualTo(10);
            assertThat(transferred.dueOn()).isEqualTo(calendar.addWorkingDays(today, 10));
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            assertThat(jdbc.sql("select count(*) from scheduled_tasks where task_name = 'AxonDeadline'")
                    .query(Integer.class).single()).isEqualTo(2);
            assertThat(jdbc.sql("select count(*) from case_deadline where case_id = ?").param(COMPLAINT)
                    .query(Integer.class).single()).isEqualTo(2);
            assertThat(flags(first, SupervisionLevel.RED)).isEmpty();
        }
        closed = Instant.now();

        try (ConfigurableApplicationContext second = startCommandSide(TRANSFERRED_AT.plus(Duration.ofDays(60)),
                properties)) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(flags(second, SupervisionLevel.RED)).hasSize(1);
                assertThat(second.getBean(JdbcClient.class).sql("select count(*) from scheduled_tasks")
                        .query(Integer.class).single()).isZero();
            });
            DomainEventMessage<?> red = flags(second, SupervisionLevel.RED).get(0);
            ComplaintFlagged flag = (ComplaintFlagged) red.getPayload();
            assertThat(flag.trigger()).isEqualTo(ComplaintSupervisionTrigger.NOT_ANSWERED_IN_TIME);
            assertThat(flag.aboutDate()).isEqualTo(flag.dueOn().plusDays(1));
            assertThat(flag.bodyId()).isEqualTo(BUREAU);
            assertThat(flag.remainingDays()).isNegative();
            // No officer raised it: the ledger's electronic supervision did, and says so.
            assertThat(red.getMetaData()).containsEntry(Actor.USER_ID, "e-supervision")
                    .containsEntry(Actor.NAME, "电子监察").doesNotContainKeys(Actor.ROLE, Actor.BODY);
            assertThat(red.getTimestamp()).isAfter(closed);
            assertThat(flags(second, SupervisionLevel.YELLOW)).hasSize(1);
        }
    }

    private static List<DomainEventMessage<?>> events(ConfigurableApplicationContext context) {
        return context.getBean(EventStore.class).readEvents(COMPLAINT).asStream()
                .<DomainEventMessage<?>>map(e -> e).toList();
    }

    private static List<DomainEventMessage<?>> flags(ConfigurableApplicationContext context, SupervisionLevel level) {
        return events(context).stream()
                .filter(e -> e.getPayload() instanceof ComplaintFlagged f && f.level() == level)
                .toList();
    }
}
