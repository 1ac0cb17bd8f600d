package org.quanli.query.complaints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.quanli.kernel.cases.SupervisionLevel;
import org.quanli.kernel.complaints.Complainant;
import org.quanli.kernel.complaints.ComplaintCategory;
import org.quanli.kernel.complaints.ComplaintChannel;
import org.quanli.kernel.complaints.ComplaintMessages.*;
import org.quanli.kernel.complaints.ComplaintOutcome;
import org.quanli.kernel.complaints.ComplaintRating;
import org.quanli.kernel.complaints.ComplaintSupervisionTrigger;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Role;
import org.quanli.query.powerlist.LedgerEvents;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes complaint events into the event store as the command side would: the reception registers and transfers
 * and records ratings, the responsible body's handler accepts, concludes and answers, the supervision deadline flags.
 * Due dates are given as the command side would have computed them.
 */
final class ComplaintEvents {

    static final Complainant COMPLAINANT = new Complainant("王小明", "13900001111", null, null, "昭阳区龙泉路88号");

    private final LedgerEvents ledger;
    private final JdbcClient jdbc;

    ComplaintEvents(EventStore eventStore, TransactionTemplate transactions, JdbcClient jdbc) {
        this.ledger = new LedgerEvents(eventStore, transactions, jdbc);
        this.jdbc = jdbc;
    }

    LedgerEvents ledger() {
        return ledger;
    }

    static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }

    static Actor reception(String bodyId) {
        return new Actor("reception-" + bodyId, "李受理", Role.COMPLAINT_RECEPTION, bodyId);
    }

    static Actor handler(String bodyId) {
        return new Actor("handler-" + bodyId, "赵承办", Role.COMPLAINT_HANDLER, bodyId);
    }

    static final Actor E_SUPERVISION = new Actor("e-supervision", "电子监察", Role.SUPERVISION_OFFICE, null);

    /** A complaint the reception of {@code receptionBodyId} registers. */
    Complaint complaint(String receptionBodyId) {
        return new Complaint(UUID.randomUUID().toString(), receptionBodyId);
    }

    /** Waits until the complaint projections have taken in every event of these complaints. */
    void awaitProjected(List<Complaint> complaints) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<String> ids = complaints.stream().map(c -> c.id).toList();
            long expectedEvents = complaints.stream().mapToLong(c -> c.sequence).sum();
            long rows = 0;
            long trail = 0;
            for (int i = 0; i < ids.size(); i += 1000) {
                List<String> part = ids.subList(i, Math.min(ids.size(), i + 1000));
                rows += jdbc.sql("select coalesce(sum(sequence_number + 1), 0) from complaint_view "
                        + "where complaint_id in (:ids)").param("ids", part).query(Long.class).single();
                trail += jdbc.sql("select count(*) from complaint_trail where complaint_id in (:ids)")
                        .param("ids", part).query(Long.class).single();
            }
            assertThat(rows).as("complaint_view").isEqualTo(expectedEvents);
            assertThat(trail).as("complaint_trail").isEqualTo(expectedEvents);
        });
    }

    /** One complaint's stream, written event by event. */
    final class Complaint {

        final String id;
        final String receptionBodyId;
        long sequence;
        String bodyId;
        LocalDate dueOn;
        int round;

        private Complaint(String id, String receptionBodyId) {
            this.id = id;
            this.receptionBodyId = receptionBodyId;
        }

        Complaint then(Object event, Actor actor) {
            ledger.append(id, sequence++, event, actor);
            return this;
        }

        Complaint registered(ComplaintChannel channel, String receivedAt, Complainant complainant, String bodyId,
                             String jurisdictionCode, String itemId, String caseId, ComplaintCategory category) {
            return then(new ComplaintRegistered(id, channel, LocalDateTime.parse(receivedAt),
                    "办理营业执照多次往返仍未办结,窗口人员态度生硬", complainant, bodyId, jurisdictionCode, itemId, caseId,
                    category, receptionBodyId), reception(receptionBodyId));
        }

        Complaint transferred(String toBodyId, String toJurisdiction, String on, String due) {
            bodyId = toBodyId;
            dueOn = date(due);
            round = 1;
            return then(new ComplaintTransferred(id, receptionBodyId, toBodyId, toJurisdiction, List.of("按职责转办"),
                    date(on), ComplaintCategory.EFFICIENCY, 10, dueOn, round), reception(receptionBodyId));
        }

        Complaint transferredOn(String toBodyId, String toJurisdiction, String on) {
            String from = bodyId;
            bodyId = toBodyId;
            return then(new ComplaintTransferredOn(id, from, toBodyId, toJurisdiction, List.of("不属本单位职责"),
                    date(on), 10, dueOn, round), handler(from));
        }

        Complaint accepted(String on) {
            return then(new ComplaintAccepted(id, bodyId, date(on), dueOn, round), handler(bodyId));
        }

        Complaint investigated(String on) {
            return then(new ComplaintInvestigationRecorded(id, bodyId, "调阅办件记录,询问窗口人员", "赵承办", date(on),
                    round), handler(bodyId));
        }

        Complaint concluded(String on, boolean withinLimit) {
            return then(new ComplaintConcluded(id, bodyId, ComplaintOutcome.SUBSTANTIATED, "情况属实",
                    List.of("批评教育窗口人员"), date(on), dueOn, 3, withinLimit, round), handler(bodyId));
        }

        Complaint replied(String on, boolean withinLimit, String publicReply) {
            return then(new ComplaintReplied(id, bodyId, "已电话告知处理结果", publicReply, date(on), dueOn, 3,
                    withinLimit, round), handler(bodyId));
        }

        Complaint rated(ComplaintRating rating, String on) {
            return then(new ComplaintRated(id, bodyId, rating, "回访意见", date(on), round),
                    reception(receptionBodyId));
        }

        Complaint reopened(String on, String due) {
            round++;
            dueOn = date(due);
            return then(new ComplaintReopened(id, bodyId, List.of("投诉人不满意"), date(on), 10, dueOn, round),
                    reception(receptionBodyId));
        }

        Complaint flagged(SupervisionLevel level, String about) {
            return then(new ComplaintFlagged(id, bodyId, level, level == SupervisionLevel.RED
                    ? ComplaintSupervisionTrigger.NOT_ANSWERED_IN_TIME : ComplaintSupervisionTrigger.DEADLINE_NEAR,
                    date(about), dueOn, level == SupervisionLevel.RED ? -1 : 2, round), E_SUPERVISION);
        }
    }

    static List<Complaint> list(Complaint... complaints) {
        return new ArrayList<>(List.of(complaints));
    }
}
