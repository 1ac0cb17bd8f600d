package org.quanli.query.timeliness;

import java.util.LinkedHashMap;
import java.util.Map;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.quanli.kernel.cases.CaseMessages.CaseAccepted;
import org.quanli.kernel.cases.CaseMessages.CaseConcluded;
import org.quanli.kernel.cases.CaseMessages.CaseDecided;
import org.quanli.kernel.cases.CaseMessages.CaseEvaluated;
import org.quanli.kernel.cases.CaseMessages.CaseExtended;
import org.quanli.kernel.cases.CaseMessages.CaseFlagged;
import org.quanli.kernel.cases.CaseMessages.CaseNotAccepted;
import org.quanli.kernel.cases.CaseMessages.CaseSubmitted;
import org.quanli.kernel.cases.CaseMessages.CaseTerminated;
import org.quanli.kernel.cases.CaseMessages.CaseWithdrawn;
import org.quanli.kernel.cases.CaseMessages.DeficiencySupplied;
import org.quanli.kernel.cases.CaseMessages.RatingAppealReviewed;
import org.quanli.kernel.cases.CaseMessages.ReviewStepRecorded;
import org.quanli.kernel.cases.CaseMessages.SpecialProcedureEnded;
import org.quanli.kernel.cases.CaseMessages.SpecialProcedureStarted;
import org.quanli.kernel.cases.CaseTime;
import org.quanli.platform.projections.BatchedWrites;
import org.quanli.platform.projections.DeferredByBulkRebuild;
import org.quanli.platform.projections.RowWrite;
import org.quanli.query.cases.RowChange;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The facts the case statistics are computed from ({@code case_timeliness}): one row per case with its dimensions
 * (body, item, window; a jurisdiction's bodies are looked up in body_view when asked, so that a fact never depends
 * on how far the places projection had got when it was written), its limits, the date of each fact that a figure
 * counts, the working days and on-time flag at conclusion, the current deadline and whether a special procedure
 * stops the clock, and the rating. Every write is keyed by the case's event sequence number, so a batch handed over twice
 * or a replay gives the same rows; a case's events in one batch write its row once.
 *
 * <p>Triggers keep the case statistics' sums per body and day from these rows ({@code case_figures_daily}); a bulk
 * rebuild's chunks leave them behind, and they are filled from the facts once it has ended ({@link #catchUp}).
 */
@Component
@ProcessingGroup(CaseTimelinessProjection.GROUP)
class CaseTimelinessProjection implements DeferredByBulkRebuild {

    static final String GROUP = "case-timeliness";

    private static final String TABLE = "case_timeliness";

    private final JdbcClient jdbc;
    private final BatchedWrites writes;

    CaseTimelinessProjection(JdbcClient jdbc, BatchedWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @EventHandler
    void on(CaseSubmitted event, DomainEventMessage<?> message) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("body_id", event.bodyId());
        row.put("item_id", event.itemId());
        row.put("item_version", event.itemVersion());
        row.put("window_name", event.window());
        row.put("channel", event.channel().name());
        row.put("case_type", event.caseType() == null ? null : event.caseType().name());
        row.put("received_on", event.receivedOn());
        writes.write(RowWrite.insert(TABLE, "case_id", event.caseId(), message.getSequenceNumber(),
                message.getTimestamp(), row));
    }

    @EventHandler
    void on(CaseAccepted event, DomainEventMessage<?> message) {
        change(message, deadline(RowChange.set("accepted_on", event.acceptedOn())
                .and("case_type", event.caseType()).and("legal_limit_days", event.legalLimitDays())
                .and("promised_days", event.time() == null ? null : event.time().promisedDays())
                .and("item_version", event.itemVersion()), event.time()));
    }

    @EventHandler
    void on(CaseNotAccepted event, DomainEventMessage<?> message) {
        change(message, RowChange.set("not_accepted_on", event.decidedOn()).and("closed_on", event.decidedOn()));
    }

    // --- what moves the deadline or stops the clock ----------------------------------------------------------------

    @EventHandler
    void on(DeficiencySupplied event, DomainEventMessage<?> message) {
        change(message, deadline(RowChange.none(), event.time()));
    }

    @EventHandler
    void on(ReviewStepRecorded event, DomainEventMessage<?> message) {
        change(message, deadline(RowChange.none(), event.time()));
    }

    @EventHandler
    void on(SpecialProcedureStarted event, DomainEventMessage<?> message) {
        change(message, deadline(RowChange.set("clock_stopped_since", event.startedOn()), event.time()));
    }

    @EventHandler
    void on(SpecialProcedureEnded event, DomainEventMessage<?> message) {
        change(message, deadline(RowChange.set("clock_stopped_since", null), event.time()));
    }

    @EventHandler
    void on(CaseExtended event, DomainEventMessage<?> message) {
        change(message, deadline(RowChange.none(), event.time()));
    }

    @EventHandler
    void on(CaseDecided event, DomainEventMessage<?> message) {
        change(message, deadline(RowChange.none(), event.time()));
    }

    @EventHandler
    void on(CaseFlagged event, DomainEventMessage<?> message) {
        change(message, deadline(RowChange.none(), event.time()));
    }

    // --- endings -------------------------------------------------------------------------------------------------

    @EventHandler
    void on(CaseConcluded event, DomainEventMessage<?> message) {
        change(message, deadline(RowChange.set("concluded_on", event.concludedOn())
                .and("closed_on", event.concludedOn()).and("on_time", event.onTime())
                .and("working_days", event.time() == null ? null : event.time().workingDays()), event.time()));
    }

    @EventHandler
    void on(CaseWithdrawn event, DomainEventMessage<?> message) {
        change(message, RowChange.set("withdrawn_on", event.withdrawnOn()).and("closed_on", event.withdrawnOn()));
    }

    @EventHandler
    void on(CaseTerminated event, DomainEventMessage<?> message) {
        change(message, RowChange.set("terminated_on", event.terminatedOn()).and("closed_on", event.terminatedOn()));
    }

    // --- rating --------------------------------------------------------------------------------------------------

    @EventHandler
    void on(CaseEvaluated event, DomainEventMessage<?> message) {
        change(message, RowChange.set("satisfaction", event.satisfaction())
                .and("satisfied", !event.satisfaction().badReview()).and("evaluated_on", event.evaluatedOn()));
    }

    @EventHandler
    void on(RatingAppealReviewed event, DomainEventMessage<?> message) {
        change(message, RowChange.set("rating_excluded", event.excluded()));
    }

    // --- writing -------------------------------------------------------------------------------------------------

    /** Only the deadline of the time figures matters here; an event without figures leaves it as it was. */
    private static RowChange deadline(RowChange change, CaseTime time) {
        return time == null ? change : change.and("deadline", time.deadline());
    }

    private void change(DomainEventMessage<?> message, RowChange change) {
        change.apply(writes, TABLE, "case_id", message, null);
    }

    @ResetHandler
    void reset() {
        jdbc.sql("truncate case_timeliness").update();
    }

    @Override
    public void catchUp() {
        jdbc.sql("select case_figures_catch_up()").query().listOfRows();
    }
}
