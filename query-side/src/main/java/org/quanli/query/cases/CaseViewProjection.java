package org.quanli.query.cases;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.quanli.kernel.cases.Applicant;
import org.quanli.kernel.cases.CaseMessages.BadReviewFollowedUp;
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
import org.quanli.kernel.cases.CaseMessages.CorrectionCompleted;
import org.quanli.kernel.cases.CaseMessages.CorrectionRequested;
import org.quanli.kernel.cases.CaseMessages.DeficiencyPromised;
import org.quanli.kernel.cases.CaseMessages.DeficiencySupplied;
import org.quanli.kernel.cases.CaseMessages.FollowUpRated;
import org.quanli.kernel.cases.CaseMessages.RatingAppealReviewed;
import org.quanli.kernel.cases.CaseMessages.RatingAppealed;
import org.quanli.kernel.cases.CaseMessages.ResultDelivered;
import org.quanli.kernel.cases.CaseMessages.ReviewStepRecorded;
import org.quanli.kernel.cases.CaseMessages.SpecialProcedureEnded;
import org.quanli.kernel.cases.CaseMessages.SpecialProcedureStarted;
import org.quanli.kernel.cases.CaseStatus;
import org.quanli.kernel.cases.SupervisionTrigger;
import org.quanli.kernel.personal.PersonalData;
import org.quanli.kernel.personal.PersonalDataMessages.SubjectErased;
import org.quanli.platform.db.SqlValues;
import org.quanli.platform.personal.PersonalDataCodec;
import org.quanli.platform.messaging.RecordedEvent;
import org.quanli.platform.messaging.StoredEvents;
import org.quanli.platform.projections.AppendRow;
import org.quanli.platform.projections.BatchedWrites;
import org.quanli.platform.projections.IndexedAfterBulkRebuild;
import org.quanli.platform.projections.RowWrite;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * One row per case ({@code case_view}) with its dates, status, time-limit figures, supervision level and rating; the
 * applicant's identity apart and sealed ({@code case_applicant}: ciphertext under the applicant's key, the subject
 * and the blind index of the identity number), the row holding it masked; and the supervision flags
 * ({@code case_flag}). A flag stays open until what it is about is over: a deadline or review-step flag until the
 * case is concluded or ends (a yellow one also when an extension moves the deadline), a bad review's until it is
 * followed up or the rating is excluded; a refusal without reasons stays open for supervision to deal with.
 */
@Component
@ProcessingGroup(CaseViewProjection.GROUP)
class CaseViewProjection implements IndexedAfterBulkRebuild {

    static final String GROUP = "case-view";

    private static final Set<SupervisionTrigger> ABOUT_HANDLING = EnumSet.of(SupervisionTrigger.DEADLINE_NEAR,
            SupervisionTrigger.OVERDUE, SupervisionTrigger.REVIEW_STEP_OVER_LIMIT);
    /** Fills the body's jurisdiction once the places projection knows it (it may lag behind during a rebuild). */
    private static final RowWrite.Lookup JURISDICTION = new RowWrite.Lookup("jurisdiction_code",
            "(select b.jurisdiction_code from body_view b where b.body_id = :body_id)",
            "coalesce(case_view.jurisdiction_code, "
                    + "(select b.jurisdiction_code from body_view b where b.body_id = case_view.body_id))");
    private static final AppendRow.Table APPLICANT = AppendRow.Table.of("case_applicant", "case_id",
            "document_type", "subject_id", "blind_index", "sealed");
    private static final String UNFLAGGED = CaseViewProjection.class.getName() + ".unflagged";
    private static final String APPLICANTS_FOUND = CaseViewProjection.class.getName() + ".applicantsFound";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final StoredEvents storedEvents;
    private final PersonalDataCodec personalData;
    private final BatchedWrites writes;

    CaseViewProjection(JdbcClient jdbc, JsonMapper json, StoredEvents storedEvents, PersonalDataCodec personalData,
                       BatchedWrites writes) {
        this.jdbc = jdbc;
        this.json = json;
        this.storedEvents = storedEvents;
        this.personalData = personalData;
        this.writes = writes;
    }

    // --- receipt and acceptance ----------------------------------------------------------------------------------

    @EventHandler
    void on(CaseSubmitted event, DomainEventMessage<?> message) {
        Applicant masked = event.applicant().masked();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("item_id", event.itemId());
        row.put("item_version", event.itemVersion());
        row.put("body_id", event.bodyId());
        row.put("window_name", event.window());
        row.put("channel", event.channel().name());
        row.put("joint_approval_id", event.jointApprovalId());
        row.put("applicant_name", masked.name());
        row.put("applicant_document_type", masked.documentType().name());
        row.put("applicant_document_number", masked.documentNumber());
        row.put("applicant_phone", masked.phone());
        row.put("materials", SqlValues.json(json.writeValueAsString(event.materials() == null ? List.of()
                : event.materials())));
        row.put("status", CaseStatus.SUBMITTED.name());
        row.put("received_on", event.receivedOn());
        row.put("case_type", event.caseType() == null ? null : event.caseType().name());
        // The case's later events in this batch fold into this one insert (RowWrite).
        writes.write(RowWrite.insert("case_view", "case_id", event.caseId(), message.getSequenceNumber(),
                message.getTimestamp(), row, JURISDICTION));
        unflaggedInThisBatch().add(event.caseId());
        Applicant applicant = event.applicant();
        findApplicantsOfThisBatch();
        String sealed = personalData.seal(applicant);
        // Appended without a key: a statement keyed by the case would keep the case's row writes from folding into
        // one.
        Map<String, Object> sealedApplicant = new HashMap<>();
        sealedApplicant.put("case_id", event.caseId());
        sealedApplicant.put("document_type", applicant.documentType().name());
        sealedApplicant.put("subject_id", personalData.subjectOf(sealed).orElse(null));
        sealedApplicant.put("blind_index", applicant.erased() ? null
                : personalData.blindIndex(applicant.documentNumber()));
        sealedApplicant.put("sealed", sealed);
        writes.append(APPLICANT.row(sealedApplicant));
    }

    /** The person's key is gone: the masked copies go too, the case and its figures stay. */
    @EventHandler
    void on(SubjectErased event) {
        personalData.forget(event.subjectId());
        // About the rows of every case of the person: the batch's rows held back so far must be there first.
        writes.flushPending();
        jdbc.sql("""
                update case_view set applicant_name = :erased, applicant_document_number = :erased,
                    applicant_phone = :erased
                where case_id in (select case_id from case_applicant where subject_id = :subject)""")
                .param("erased", PersonalData.ERASED).param("subject", event.subjectId()).update();
        jdbc.sql("update case_applicant set blind_index = null where subject_id = ?").param(event.subjectId())
                .update();
    }

    @EventHandler
    void on(CorrectionRequested event, DomainEventMessage<?> message) {
        change(message, RowChange.set("status", CaseStatus.CORRECTION_REQUESTED)
                .and("correction_notice_on", event.noticeDate()).and("correction_late", event.late()));
    }

    @EventHandler
    void on(CorrectionCompleted event, DomainEventMessage<?> message) {
        change(message, RowChange.set("status", CaseStatus.CORRECTED).and("corrected_on", event.completedOn()));
    }

    @EventHandler
    void on(CaseAccepted event, DomainEventMessage<?> message) {
        change(message, RowChange.set("status", CaseStatus.ACCEPTED).and("accepted_on", event.acceptedOn())
                .and("deemed_accepted", event.deemed()).and("capacity", event.capacity())
                .and("on_behalf_of_body_id", event.onBehalfOfBodyId()).and("delegation_id", event.delegationId())
                .and("item_version", event.itemVersion()).and("case_type", event.caseType())
                .and("legal_limit_days", event.legalLimitDays()).time(event.time()));
    }

    @EventHandler
    void on(DeficiencyPromised event, DomainEventMessage<?> message) {
        change(message, RowChange.set("deficiency_supply_by", event.supplyBy()).and("deficiency_open", true));
    }

    @EventHandler
    void on(DeficiencySupplied event, DomainEventMessage<?> message) {
        change(message, RowChange.set("deficiency_open", false).time(event.time()));
    }

    @EventHandler
    void on(CaseNotAccepted event, DomainEventMessage<?> message) {
        change(message, RowChange.set("status", CaseStatus.NOT_ACCEPTED).and("ended_on", event.decidedOn()));
        closeFlags(message, ABOUT_HANDLING);
    }

    // --- handling ------------------------------------------------------------------------------------------------

    @EventHandler
    void on(ReviewStepRecorded event, DomainEventMessage<?> message) {
        change(message, RowChange.none().time(event.time()));
    }

    @EventHandler
    void on(SpecialProcedureStarted event, DomainEventMessage<?> message) {
        change(message, RowChange.set("status", CaseStatus.SUSPENDED).time(event.time()));
    }

    @EventHandler
    void on(SpecialProcedureEnded event, DomainEventMessage<?> message) {
        change(message, RowChange.set("status", CaseStatus.ACCEPTED).time(event.time()));
    }

    @EventHandler
    void on(CaseExtended event, DomainEventMessage<?> message) {
        change(message, RowChange.set("extension_requested_days", event.days())
                .and("extension_after_deadline", event.afterDeadline()).time(event.time()));
        if (!event.afterDeadline()) {
            // A new deadline deserves its own warning: the old one no longer applies.
            closeFlags(message, EnumSet.of(SupervisionTrigger.DEADLINE_NEAR));
        }
    }

    // --- outcome -------------------------------------------------------------------------------------------------

    @EventHandler
    void on(CaseDecided event, DomainEventMessage<?> message) {
        change(message, RowChange.set("status", CaseStatus.DECIDED).and("decided_on", event.decidedOn())
                .and("granted", event.granted()).time(event.time()));
    }

    @EventHandler
    void on(CaseConcluded event, DomainEventMessage<?> message) {
        change(message, RowChange.set("status", CaseStatus.CONCLUDED).and("concluded_on", event.concludedOn())
                .and("on_time", event.onTime()).time(event.time()));
        closeFlags(message, ABOUT_HANDLING);
    }

    @EventHandler
    void on(ResultDelivered event, DomainEventMessage<?> message) {
        change(message, RowChange.set("status", CaseStatus.DELIVERED).and("delivered_on", event.deliveredOn()));
    }

    @EventHandler
    void on(CaseWithdrawn event, DomainEventMessage<?> message) {
        change(message, RowChange.set("status", CaseStatus.WITHDRAWN).and("ended_on", event.withdrawnOn()));
        closeFlags(message, ABOUT_HANDLING);
    }

    @EventHandler
    void on(CaseTerminated event, DomainEventMessage<?> message) {
        change(message, RowChange.set("status", CaseStatus.TERMINATED).and("ended_on", event.terminatedOn()));
        closeFlags(message, ABOUT_HANDLING);
    }

    // --- supervision ---------------------------------------------------------------------------------------------

    @EventHandler
    void on(CaseFlagged event, DomainEventMessage<?> message, TrackingToken token) {
        unflaggedInThisBatch().remove(event.caseId());
        RecordedEvent recorded = storedEvents.recorded(message, token);
        writes.write(event.caseId(), """
                insert into case_flag (event_id, case_id, position, level, trigger, about_date, detail, recorded_at,
                    body_id, jurisdiction_code, item_id)
                select :eventId, c.case_id, :position, :level, :trigger, :aboutDate, :detail, :recordedAt, c.body_id,
                    coalesce(c.jurisdiction_code, (select b.jurisdiction_code from body_view b where b.body_id = c.body_id)),
                    c.item_id
                from case_view c where c.case_id = :caseId
                on conflict (event_id) do nothing""", new MapSqlParameterSource("eventId", recorded.eventId())
                .addValue("position", recorded.position()).addValue("level", event.level().name())
                .addValue("trigger", event.trigger().name()).addValue("aboutDate", event.aboutDate())
                .addValue("detail", event.detail()).addValue("recordedAt", SqlValues.timestamp(recorded.recordedAt()))
                .addValue("caseId", event.caseId()));
        RowChange change = RowChange.none().time(event.time());
        if (event.trigger() == SupervisionTrigger.OVERDUE) {
            change.and("overdue", true);
        }
        change(message, change);
        refreshSupervisionLevel(event.caseId());
    }

    // --- evaluation ----------------------------------------------------------------------------------------------

    @EventHandler
    void on(CaseEvaluated event, DomainEventMessage<?> message) {
        change(message, RowChange.set("satisfaction", event.satisfaction()).and("rating_channel", event.channel())
                .and("evaluated_on", event.evaluatedOn()).and("bad_review", event.badReview())
                .and("follow_up_by", event.followUpBy()));
    }

    @EventHandler
    void on(BadReviewFollowedUp event, DomainEventMessage<?> message) {
        change(message, RowChange.set("followed_up_on", event.followedUpOn())
                .and("follow_up_in_time", event.inTime()));
        closeFlags(message, EnumSet.of(SupervisionTrigger.BAD_REVIEW_NOT_FOLLOWED_UP));
    }

    @EventHandler
    void on(FollowUpRated event, DomainEventMessage<?> message) {
        change(message, RowChange.set("follow_up_satisfaction", event.satisfaction()));
    }

    @EventHandler
    void on(RatingAppealed event, DomainEventMessage<?> message) {
        change(message, RowChange.set("rating_appeal_open", true));
    }

    @EventHandler
    void on(RatingAppealReviewed event, DomainEventMessage<?> message) {
        change(message, RowChange.set("rating_appeal_open", false).and("rating_excluded", event.excluded()));
        if (event.excluded()) {
            closeFlags(message, EnumSet.of(SupervisionTrigger.BAD_REVIEW_NOT_FOLLOWED_UP));
        }
    }

    // --- writing -------------------------------------------------------------------------------------------------

    /*
     * Every statement about a case's rows is keyed by the case and goes out with the rest of the batch when it
     * commits (BatchedWrites), in the order of the case's events: the flag reads the case's row, the level reads its
     * flags. A case's consecutive row writes become one statement; in a rebuild, a whole case is one insert.
     */

    private void change(DomainEventMessage<?> message, RowChange change) {
        change.apply(writes, "case_view", "case_id", message, JURISDICTION.assignment());
    }

    /**
     * Closes the case's open flags of these triggers and, when one closed, sets the level from the flags left open.
     * One statement: its main part sees the flags as they were before its {@code with} part closed them, so the
     * level leaves out the closed triggers itself.
     */
    private void closeFlags(DomainEventMessage<?> message, Set<SupervisionTrigger> triggers) {
        String caseId = message.getAggregateIdentifier();
        if (unflaggedInThisBatch().contains(caseId)) {
            return;
        }
        writes.write(caseId, """
                with closed as (
                    update case_flag set closed = true, closed_by_event = :event
                    where case_id = :caseId and not closed and trigger = any(:triggers)
                    returning 1)
                update case_view set supervision_level = (
                    select case when bool_or(f.level = 'RED') then 'RED' when count(*) > 0 then 'YELLOW' end
                    from case_flag f where f.case_id = :caseId and not f.closed and f.trigger <> all(:triggers))
                where case_id = :caseId and exists (select 1 from closed)""",
                new MapSqlParameterSource("event", message.getIdentifier()).addValue("caseId", caseId)
                        .addValue("triggers", triggers.stream().map(Enum::name).toArray(String[]::new)));
    }

    /** The highest level among the case's open flags: red above yellow; none when no flag is open. */
    private void refreshSupervisionLevel(String caseId) {
        writes.write(caseId, """
                update case_view set supervision_level = (
                    select case when bool_or(f.level = 'RED') then 'RED' when count(*) > 0 then 'YELLOW' end
                    from case_flag f where f.case_id = :caseId and not f.closed)
                where case_id = :caseId""", Map.of("caseId", caseId));
    }

    /**
     * Asks the vault once per batch (a processor's batch, a rebuild's chunk) for the persons of every application in
     * it, so that sealing each applicant finds its person without a query of its own.
     */
    private void findApplicantsOfThisBatch() {
        if (!CurrentUnitOfWork.isStarted()
                || !(CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?> batch)
                || batch.resources().putIfAbsent(APPLICANTS_FOUND, Boolean.TRUE) != null) {
            return;
        }
        List<String> numbers = new ArrayList<>();
        for (Message<?> message : batch.getMessages()) {
            if (CaseSubmitted.class.equals(message.getPayloadType())) {
                try {
                    Applicant applicant = ((CaseSubmitted) message.getPayload()).applicant();
                    if (!applicant.erased()) {
                        numbers.add(applicant.documentNumber());
                    }
                } catch (RuntimeException unreadable) {
                    // Left to the event's own handler, which fails on it and has it parked.
                }
            }
        }
        personalData.findSubjects(numbers);
    }

    /**
     * The cases submitted in the current batch (a processor's batch, a rebuild's chunk) and not flagged since: such a
     * case has no flag to close, for a batch holds every event of a case between its first and its last. Leaving
     * the statement out lets the case's row writes around it fold into one. Outside a batch, nothing is known.
     */
    private static Set<String> unflaggedInThisBatch() {
        return CurrentUnitOfWork.isStarted()
                ? CurrentUnitOfWork.get().root().getOrComputeResource(UNFLAGGED, key -> new HashSet<>())
                : new HashSet<>();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("truncate case_view, case_applicant, case_flag").update();
    }

    /**
     * The case rows' eight indexes serve the case searches; the handlers write those rows by their key. The flags'
     * and the applicants' indexes stay: the handlers find the flags to close by case, and an erasure the applicants.
     */
    @Override
    public List<String> indexedAfterBulkRebuild() {
        return List.of("case_view");
    }
}
