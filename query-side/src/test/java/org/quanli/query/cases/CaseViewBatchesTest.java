package org.quanli.query.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quanli.query.cases.CaseEvents.APPLICANT;
import static org.quanli.query.cases.CaseEvents.date;
import static org.quanli.query.cases.CaseEvents.time;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quanli.kernel.cases.CaseMessages.BadReviewFollowedUp;
import org.quanli.kernel.cases.CaseMessages.CaseAccepted;
import org.quanli.kernel.cases.CaseMessages.CaseConcluded;
import org.quanli.kernel.cases.CaseMessages.CaseDecided;
import org.quanli.kernel.cases.CaseMessages.CaseEvaluated;
import org.quanli.kernel.cases.CaseMessages.CaseFlagged;
import org.quanli.kernel.cases.CaseMessages.CaseSubmitted;
import org.quanli.kernel.cases.CaseMessages.ResultDelivered;
import org.quanli.kernel.cases.CaseType;
import org.quanli.kernel.cases.Channel;
import org.quanli.kernel.cases.Satisfaction;
import org.quanli.kernel.cases.SupervisionLevel;
import org.quanli.kernel.cases.SupervisionTrigger;
import org.quanli.kernel.delegation.AcceptanceCapacity;
import org.quanli.query.QuerySideApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A case's events handled in one batch (as a rebuild's chunk holds them) give its row and flags exactly what they
 * give handled one batch each: the row's writes folded into one, the jurisdiction looked up by the folded insert,
 * a flag closing left out only where the case has no flag to close, and the applicant's person found for the whole
 * batch at once.
 */
@SpringBootTest(classes = QuerySideApplication.class)
@ActiveProfiles({"test", "demo"})
class CaseViewBatchesTest {

    private static final String ITEM = "6b1a3f0e-0000-4000-8000-000000000002";

    @Autowired
    CaseViewProjection projection;
    @Autowired
    TransactionManager axonTransactions;
    @Autowired
    EventStore eventStore;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;

    String county;
    String bureau;

    @BeforeEach
    void places() {
        CaseEvents events = new CaseEvents(eventStore, transactions, jdbc);
        county = events.cityAndCounty()[1];
        bureau = events.body(county, "测试县行政审批局");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("select count(*) from body_view where body_id = ?")
                .param(bureau).query(Long.class).single() == 1);
    }

    /** Handled, concluded, rated badly and followed up: never flagged. */
    private List<Object> unflagged(String id) {
        return List.of(
                new CaseSubmitted(id, ITEM, bureau, Channel.WINDOW, APPLICANT, date("2019-09-26"), List.of("申请书"), 1,
                        CaseType.PROMISED, "1号窗口", null),
                new CaseAccepted(id, ITEM, bureau, date("2019-09-30"), AcceptanceCapacity.OWN, null, null, 1,
                        CaseType.PROMISED, 20, false, time("2019-09-30", 10, 0, List.of(), "2019-09-30")),
                new CaseDecided(id, true, List.of(), date("2019-10-10"), 1,
                        time("2019-09-30", 10, 0, List.of(), "2019-10-10")),
                new CaseConcluded(id, ITEM, bureau, date("2019-09-30"), date("2019-10-10"), true, 1,
                        time("2019-09-30", 10, 0, List.of(), "2019-10-10")),
                new ResultDelivered(id, date("2019-10-11"), "窗口领取"),
                new CaseEvaluated(id, Satisfaction.VERY_DISSATISFIED, Channel.WINDOW, null, date("2019-10-12"), true,
                        date("2019-10-19")),
                new BadReviewFollowedUp(id, "已回访", date("2019-10-15"), 2, true));
    }

    /** Flagged red for being overdue and yellow for a bad review, then concluded: the red flag closes. */
    private List<Object> flagged(String id) {
        return List.of(
                new CaseSubmitted(id, ITEM, bureau, Channel.ONLINE, APPLICANT, date("2019-09-26"), List.of(), 1,
                        CaseType.PROMISED, null, null),
                new CaseAccepted(id, ITEM, bureau, date("2019-09-30"), AcceptanceCapacity.OWN, null, null, 1,
                        CaseType.PROMISED, 20, false, time("2019-09-30", 10, 0, List.of(), "2019-09-30")),
                new CaseFlagged(id, SupervisionLevel.YELLOW, SupervisionTrigger.BAD_REVIEW_NOT_FOLLOWED_UP,
                        date("2019-10-08"), "差评未回访", 1, time("2019-09-30", 10, 0, List.of(), "2019-10-08")),
                new CaseFlagged(id, SupervisionLevel.RED, SupervisionTrigger.OVERDUE, date("2019-10-15"), "已超期", 1,
                        time("2019-09-30", 10, 0, List.of(), "2019-10-15")),
                new CaseConcluded(id, ITEM, bureau, date("2019-09-30"), date("2019-10-16"), false, 1,
                        time("2019-09-30", 10, 0, List.of(), "2019-10-16")));
    }

    @Test
    void aCaseInOneBatchGivesTheRowAndFlagsItsEventsGiveOneBatchEach() {
        Map<Function<String, List<Object>>, String> lastStatus = Map.of(this::unflagged, "DELIVERED",
                this::flagged, "CONCLUDED");
        lastStatus.forEach((lifecycle, status) -> {
            String together = UUID.randomUUID().toString();
            String apart = UUID.randomUUID().toString();
            handle(messages(together, lifecycle.apply(together)));
            for (DomainEventMessage<?> message : messages(apart, lifecycle.apply(apart))) {
                handle(List.of(message));
            }

            assertThat(row(together)).isEqualTo(row(apart)).containsEntry("jurisdiction_code", county)
                    .containsEntry("status", status);
            assertThat(flags(together)).isEqualTo(flags(apart));
            assertThat(applicant(together)).isEqualTo(applicant(apart)).doesNotContainValue(null);
        });
    }

    @Test
    void onlyTheFlagsOfAFlaggedCaseAreClosedByItsConclusion() {
        String id = UUID.randomUUID().toString();
        handle(messages(id, flagged(id)));

        assertThat(flags(id)).containsExactly("BAD_REVIEW_NOT_FOLLOWED_UP YELLOW open", "OVERDUE RED closed");
        assertThat(row(id)).containsEntry("supervision_level", "YELLOW").containsEntry("status", "CONCLUDED");
    }

    private List<DomainEventMessage<?>> messages(String caseId, List<Object> payloads) {
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        for (int sequence = 0; sequence < payloads.size(); sequence++) {
            messages.add(new GenericDomainEventMessage<>("Case", caseId, sequence, payloads.get(sequence)));
        }
        return messages;
    }

    /** The events handed to the case view in one batch, as its processor or a rebuild hands them. */
    private void handle(List<DomainEventMessage<?>> messages) {
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(new ArrayList<>(messages));
        batch.attachTransaction(axonTransactions);
        ResultMessage<?> result = batch.executeWithResult(() -> {
            DomainEventMessage<?> message = (DomainEventMessage<?>) batch.getMessage();
            Object event = message.getPayload();
            if (event instanceof CaseSubmitted e) {
                projection.on(e, message);
            } else if (event instanceof CaseAccepted e) {
                projection.on(e, message);
            } else if (event instanceof CaseDecided e) {
                projection.on(e, message);
            } else if (event instanceof CaseConcluded e) {
                projection.on(e, message);
            } else if (event instanceof ResultDelivered e) {
                projection.on(e, message);
            } else if (event instanceof CaseEvaluated e) {
                projection.on(e, message);
            } else if (event instanceof BadReviewFollowedUp e) {
                projection.on(e, message);
            } else if (event instanceof CaseFlagged e) {
                projection.on(e, message, new GlobalSequenceTrackingToken(message.getSequenceNumber()));
            } else {
                throw new IllegalArgumentException(message.getPayloadType().getName());
            }
            return null;
        });
        assertThat(result.isExceptional()).as("%s", result.optionalExceptionResult()).isFalse();
    }

    /** The case's row without its id and the time its last event was recorded. */
    private Map<String, Object> row(String caseId) {
        Map<String, Object> row = new LinkedHashMap<>(jdbc.sql("select * from case_view where case_id = ?")
                .param(caseId).query().singleRow());
        row.remove("case_id");
        row.remove("last_recorded_at");
        return row;
    }

    /** The sealed applicant's person and blind index (the ciphertext differs by its nonce). */
    private Map<String, Object> applicant(String caseId) {
        return jdbc.sql("select subject_id, blind_index from case_applicant where case_id = ?").param(caseId).query()
                .singleRow();
    }

    private List<String> flags(String caseId) {
        return jdbc.sql("select trigger, level, closed from case_flag where case_id = ? order by trigger")
                .param(caseId).query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " "
                        + (rs.getBoolean(3) ? "closed" : "open")).list();
    }
}
