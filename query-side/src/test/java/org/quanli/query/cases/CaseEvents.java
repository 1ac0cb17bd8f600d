package org.quanli.query.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.quanli.kernel.calendar.WorkingDayCalendar;
import org.quanli.kernel.cases.Applicant;
import org.quanli.kernel.cases.CaseClock;
import org.quanli.kernel.cases.CaseTime;
import org.quanli.kernel.cases.IdentityDocument;
import org.quanli.kernel.cases.Suspension;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.places.JurisdictionLevel;
import org.quanli.kernel.places.PlacesMessages.JurisdictionRegistered;
import org.quanli.query.powerlist.LedgerEvents;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes case events into the event store as the command side would (the window officer of the body as actor, at a
 * chosen recorded time), with time figures from the real working-day calendar, and waits for the case projections.
 * Every test gets places of its own.
 */
public final class CaseEvents {

    static final Actor ADMIN = new Actor("admin", "系统管理员", Role.ADMINISTRATOR, null);
    public static final CaseClock CLOCK = new CaseClock(WorkingDayCalendar.load(null));
    public static final Applicant APPLICANT = new Applicant("张三丰", IdentityDocument.RESIDENT_ID_CARD,
            "510106199001011234", "13812345678");

    private final LedgerEvents ledger;
    private final JdbcClient jdbc;

    public CaseEvents(EventStore eventStore, TransactionTemplate transactions, JdbcClient jdbc) {
        this.ledger = new LedgerEvents(eventStore, transactions, jdbc);
        this.jdbc = jdbc;
    }

    public CaseEvents recordingAt(Instant recordedAt) {
        ledger.recordingAt(recordedAt);
        return this;
    }

    public static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }

    /** The figures of a case accepted on {@code accepted}, on {@code asOf}, by the real calendar. */
    public static CaseTime time(String accepted, int promised, int extension, List<Suspension> suspensions, String asOf) {
        return CLOCK.on(date(accepted), promised, extension, suspensions, date(asOf));
    }

    static Actor window(String bodyId) {
        return new Actor("window-" + bodyId, "王窗口", Role.WINDOW_OFFICER, bodyId);
    }

    /** A county of its own, under a city of its own. */
    public String[] cityAndCounty() {
        String city = LedgerEvents.newCode(500_000, 700_000);
        String county = LedgerEvents.newCode(700_000, 900_000);
        append(city, 0, new JurisdictionRegistered(city, "测试市", JurisdictionLevel.CITY, "510000", false), ADMIN);
        append(county, 0, new JurisdictionRegistered(county, "测试县", JurisdictionLevel.COUNTY, city, false), ADMIN);
        return new String[] {city, county};
    }

    public String body(String jurisdictionCode, String name) {
        return ledger.body(jurisdictionCode, name);
    }

    public Stream caseOf(String bodyId) {
        return new Stream(UUID.randomUUID().toString(), window(bodyId));
    }

    Stream jointApproval(String leadBodyId) {
        return new Stream(UUID.randomUUID().toString(), window(leadBodyId));
    }

    private void append(String aggregateId, long sequence, Object payload, Actor actor) {
        ledger.append(aggregateId, sequence, payload, actor);
    }

    /** Waits until the case view and the trail have taken in every event of these streams. */
    void awaitCases(Stream... cases) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (Stream stream : cases) {
                assertThat(jdbc.sql("select sequence_number from case_view where case_id = ?").param(stream.id)
                        .query(Long.class).optional()).as("case_view of %s", stream.id).contains(stream.sequence - 1);
                assertThat(jdbc.sql("select count(*) from case_trail where case_id = ?").param(stream.id)
                        .query(Long.class).single()).as("trail of %s", stream.id).isEqualTo(stream.sequence);
            }
        });
    }

    void awaitJointApproval(Stream approval) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select sequence_number from joint_approval_view where joint_approval_id = ?").param(approval.id)
                .query(Long.class).optional().orElse(-1L) == approval.sequence - 1);
    }

    /** One aggregate's stream, written event by event. */
    public final class Stream {

        public final String id;
        final Actor actor;
        public long sequence;
        final List<Object> events = new ArrayList<>();

        private Stream(String id, Actor actor) {
            this.id = id;
            this.actor = actor;
        }

        public Stream then(Object event) {
            return then(event, actor);
        }

        Stream then(Object event, Actor by) {
            append(id, sequence++, event, by);
            events.add(event);
            return this;
        }
    }
}
