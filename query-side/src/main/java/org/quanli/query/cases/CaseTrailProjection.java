package org.quanli.query.cases;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
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
import org.quanli.kernel.cases.CaseTime;
import org.quanli.kernel.cases.Satisfaction;
import org.quanli.platform.db.SqlValues;
import org.quanli.platform.messaging.RecordedEvent;
import org.quanli.platform.messaging.StoredEvents;
import org.quanli.platform.projections.AppendRow;
import org.quanli.platform.projections.BatchedWrites;
import org.quanli.platform.projections.IndexedAfterBulkRebuild;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import static org.quanli.query.cases.RowChange.facts;

/**
 * The case trail auditors read (办件轨迹): every event of every case, described in Chinese, with the date it is about
 * and the time it was recorded kept apart, who did it (from the event's metadata), the item version the case was
 * handled under, the time-limit arithmetic at that step where the event carries it, and the event's own id and store
 * position as evidence. The facts of each step are kept without personal data: the applicant's name, document and
 * phone never enter this table, nor the applicant's free-text comment on a rating.
 */
@Component
@ProcessingGroup(CaseTrailProjection.GROUP)
class CaseTrailProjection implements IndexedAfterBulkRebuild {

    static final String GROUP = "case-trail";

    private static final String VERSIONS = CaseTrailProjection.class.getName() + ".versions";
    private static final String EARLIER_LOOKED_UP = CaseTrailProjection.class.getName() + ".earlierLookedUp";
    private static final AppendRow.Table TRAIL = AppendRow.Table.of("case_trail", "event_id", "case_id",
            "sequence_number", "position", "event_type", "label", "about_date", "recorded_at", "actor_user_id",
            "actor_name", "actor_role", "actor_body", "item_version", "time_as_of", "promised_days",
            "extension_days", "suspended_days", "working_days", "deadline", "remaining_days", "overdue", "facts");

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final StoredEvents storedEvents;
    private final BatchedWrites writes;

    CaseTrailProjection(JdbcClient jdbc, JsonMapper json, StoredEvents storedEvents, BatchedWrites writes) {
        this.jdbc = jdbc;
        this.json = json;
        this.storedEvents = storedEvents;
        this.writes = writes;
    }

    // --- receipt and acceptance ----------------------------------------------------------------------------------

    @EventHandler
    void on(CaseSubmitted e, DomainEventMessage<?> m, TrackingToken t) {
        // That an application was received, how and with what: never who applied.
        record(m, t, "收件(" + e.channel().label() + ")", e.receivedOn(), e.itemVersion(), null,
                facts("channel", e.channel(), "window", e.window(), "materials", e.materials(),
                        "caseType", e.caseType(), "jointApprovalId", e.jointApprovalId()));
    }

    @EventHandler
    void on(CorrectionRequested e, DomainEventMessage<?> m, TrackingToken t) {
        record(m, t, e.late() ? "一次性告知补正(逾期告知,视为收件之日受理)" : "一次性告知补正", e.noticeDate(), null, null,
                facts("missing", e.missing(), "workingDaysAfterReceipt", e.workingDaysAfterReceipt(),
                        "late", e.late()));
    }

    @EventHandler
    void on(CorrectionCompleted e, DomainEventMessage<?> m, TrackingToken t) {
        record(m, t, "补正完成", e.completedOn(), null, null, facts());
    }

    @EventHandler
    void on(CaseAccepted e, DomainEventMessage<?> m, TrackingToken t) {
        record(m, t, e.deemed() ? "视为受理(行政许可法第三十二条)" : "受理", e.acceptedOn(), e.itemVersion(), e.time(),
                facts("capacity", e.capacity(), "onBehalfOfBodyId", e.onBehalfOfBodyId(),
                        "delegationId", e.delegationId(), "caseType", e.caseType(),
                        "legalLimitDays", e.legalLimitDays(), "deemed", e.deemed()));
    }

    @EventHandler
    void on(DeficiencyPromised e, DomainEventMessage<?> m, TrackingToken t) {
        // Recorded with the acceptance; the date it is about is the acceptance's, which the trail row above shows.
        record(m, t, "容缺受理:承诺补齐材料", null, null, null,
                facts("missing", e.missing(), "supplyBy", e.supplyBy()));
    }

    @EventHandler
    void on(DeficiencySupplied e, DomainEventMessage<?> m, TrackingToken t) {
        record(m, t, "容缺材料补齐", e.suppliedOn(), null, e.time(), facts());
    }

    @EventHandler
    void on(CaseNotAccepted e, DomainEventMessage<?> m, TrackingToken t) {
        boolean withoutReasons = e.reasons() == null || e.reasons().isEmpty();
        String label = e.byRule() ? "不予受理(本单位当日不能受理该事项)" : withoutReasons ? "不予受理(未说明理由)" : "不予受理";
        record(m, t, label, e.decidedOn(), null, null,
                facts("reasons", e.reasons(), "rightsOfReview", e.rightsOfReview(), "byRule", e.byRule()));
    }

    // --- handling ------------------------------------------------------------------------------------------------

    @EventHandler
    void on(ReviewStepRecorded e, DomainEventMessage<?> m, TrackingToken t) {
        record(m, t, "审查环节:" + e.step() + (e.overItsLimit() ? "(超过环节时限)" : ""), e.completedOn(),
                e.itemVersion(), e.time(),
                facts("step", e.step(), "unit", e.unit(), "officer", e.officer(), "opinion", e.opinion(),
                        "startedOn", e.startedOn(), "completedOn", e.completedOn(), "limitDays", e.limitDays(),
                        "workingDays", e.workingDays(), "overItsLimit", e.overItsLimit()));
    }

    @EventHandler
    void on(SpecialProcedureStarted e, DomainEventMessage<?> m, TrackingToken t) {
        record(m, t, "特别程序开始:" + e.kind().label() + "(中止计时)", e.startedOn(), e.itemVersion(), e.time(),
                facts("kind", e.kind(), "kindCode", e.kind().code(), "kindLabel", e.kind().label(),
                        "reason", e.reason()));
    }

    @EventHandler
    void on(SpecialProcedureEnded e, DomainEventMessage<?> m, TrackingToken t) {
        record(m, t, "特别程序结束:" + e.kind().label() + "(恢复计时)", e.endedOn(), e.itemVersion(), e.time(),
                facts("kind", e.kind(), "kindLabel", e.kind().label(), "startedOn", e.startedOn(),
                        "endedOn", e.endedOn(), "suspendedDays", e.suspendedDays()));
    }

    @EventHandler
    void on(CaseExtended e, DomainEventMessage<?> m, TrackingToken t) {
        record(m, t, "延期" + e.days() + "个工作日" + (e.afterDeadline() ? "(办理时限届满后批准,不改变超期)" : ""),
                e.approvedOn(), e.itemVersion(), e.time(),
                facts("days", e.days(), "reason", e.reason(), "approvedBy", e.approvedBy(),
                        "afterDeadline", e.afterDeadline()));
    }

    // --- outcome -------------------------------------------------------------------------------------------------

    @EventHandler
    void on(CaseDecided e, DomainEventMessage<?> m, TrackingToken t) {
        record(m, t, e.granted() ? "决定:准予" : "决定:不予", e.decidedOn(), e.itemVersion(), e.time(),
                facts("granted", e.granted(), "reasons", e.reasons()));
    }

    @EventHandler
    void on(CaseConcluded e, DomainEventMessage<?> m, TrackingToken t) {
        record(m, t, e.onTime() ? "办结(按时)" : "办结(超期)", e.concludedOn(), e.itemVersion(), e.time(),
                facts("acceptedOn", e.acceptedOn(), "onTime", e.onTime()));
    }

    @EventHandler
    void on(ResultDelivered e, DomainEventMessage<?> m, TrackingToken t) {
        record(m, t, "结果送达", e.deliveredOn(), null, null, facts("method", e.method()));
    }

    @EventHandler
    void on(CaseWithdrawn e, DomainEventMessage<?> m, TrackingToken t) {
        record(m, t, "申请人撤回", e.withdrawnOn(), null, null, facts("reason", e.reason()));
    }

    @EventHandler
    void on(CaseTerminated e, DomainEventMessage<?> m, TrackingToken t) {
        record(m, t, "终止办理", e.terminatedOn(), null, null, facts("reason", e.reason()));
    }

    // --- supervision and evaluation ------------------------------------------------------------------------------

    @EventHandler
    void on(CaseFlagged e, DomainEventMessage<?> m, TrackingToken t) {
        record(m, t, e.level().label() + ":" + e.trigger().label(), e.aboutDate(), e.itemVersion(), e.time(),
                facts("level", e.level(), "trigger", e.trigger(), "detail", e.detail()));
    }

    @EventHandler
    void on(CaseEvaluated e, DomainEventMessage<?> m, TrackingToken t) {
        record(m, t, "评价:" + e.satisfaction().label() + (e.badReview() ? "(差评)" : ""), e.evaluatedOn(), null, null,
                rating(e.satisfaction(), facts("channel", e.channel(), "badReview", e.badReview(),
                        "followUpBy", e.followUpBy())));
    }

    @EventHandler
    void on(BadReviewFollowedUp e, DomainEventMessage<?> m, TrackingToken t) {
        record(m, t, "差评整改" + (e.inTime() ? "" : "(逾期)"), e.followedUpOn(), null, null,
                facts("rectification", e.rectification(), "workingDays", e.workingDays(), "inTime", e.inTime()));
    }

    @EventHandler
    void on(FollowUpRated e, DomainEventMessage<?> m, TrackingToken t) {
        record(m, t, "整改评价:" + e.satisfaction().label(), e.ratedOn(), null, null,
                rating(e.satisfaction(), facts("channel", e.channel())));
    }

    @EventHandler
    void on(RatingAppealed e, DomainEventMessage<?> m, TrackingToken t) {
        record(m, t, "评价申诉", e.appealedOn(), null, null, facts("reason", e.reason()));
    }

    @EventHandler
    void on(RatingAppealReviewed e, DomainEventMessage<?> m, TrackingToken t) {
        record(m, t, e.excluded() ? "申诉复核:剔除该评价" : "申诉复核:维持该评价", e.reviewedOn(), null, null,
                facts("excluded", e.excluded(), "opinion", e.opinion()));
    }

    // --- writing -------------------------------------------------------------------------------------------------

    private static Map<String, Object> rating(Satisfaction satisfaction, Map<String, Object> facts) {
        Map<String, Object> all = facts("satisfaction", satisfaction, "level", satisfaction.level(),
                "label", satisfaction.label());
        all.putAll(facts);
        return all;
    }

    /**
     * @param itemVersion the version the event names; when it names none, the one the case's previous steps were
     *                    handled under
     */
    private void record(DomainEventMessage<?> message, TrackingToken token, String label, LocalDate aboutDate,
                        Integer itemVersion, CaseTime time, Map<String, Object> facts) {
        RecordedEvent recorded = storedEvents.recorded(message, token);
        Map<String, Object> row = new HashMap<>();
        row.put("event_id", recorded.eventId());
        row.put("case_id", recorded.aggregateId());
        row.put("sequence_number", recorded.sequence());
        row.put("position", recorded.position());
        row.put("event_type", message.getPayloadType().getSimpleName());
        row.put("label", label);
        row.put("about_date", aboutDate);
        row.put("recorded_at", SqlValues.timestamp(recorded.recordedAt()));
        row.put("actor_user_id", recorded.actorUserId());
        row.put("actor_name", recorded.actorName());
        row.put("actor_role", recorded.actorRole());
        row.put("actor_body", recorded.actorBody());
        row.put("item_version", itemVersion(recorded.aggregateId(), itemVersion));
        row.put("time_as_of", time == null ? null : time.asOf());
        row.put("promised_days", time == null ? null : time.promisedDays());
        row.put("extension_days", time == null ? null : time.extensionDays());
        row.put("suspended_days", time == null ? null : time.suspendedDays());
        row.put("working_days", time == null ? null : time.workingDays());
        row.put("deadline", time == null ? null : time.deadline());
        row.put("remaining_days", time == null ? null : time.remainingDays());
        row.put("overdue", time == null ? null : time.overdue());
        row.put("facts", SqlValues.json(json.writeValueAsString(facts)));
        writes.append(TRAIL.row(row));
    }

    /**
     * The item version the case's step was handled under: the one it names, or else that of the case's latest step
     * before it that names one. A case's steps earlier in the batch are remembered; for those in the table, the
     * batch's first step that needs one looks up every case of the batch in one query.
     */
    private Integer itemVersion(String caseId, Integer named) {
        if (!CurrentUnitOfWork.isStarted()
                || !(CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?> batch)) {
            return named != null ? named : latestVersions(List.of(caseId)).get(caseId);
        }
        Map<String, Integer> versions = batch.getOrComputeResource(VERSIONS, key -> new HashMap<>());
        if (named != null) {
            versions.put(caseId, named);
            return named;
        }
        if (!versions.containsKey(caseId) && batch.resources().putIfAbsent(EARLIER_LOOKED_UP, Boolean.TRUE) == null) {
            Set<String> cases = new HashSet<>();
            for (Message<?> message : batch.getMessages()) {
                if (message instanceof DomainEventMessage<?> event && !versions.containsKey(
                        event.getAggregateIdentifier())) {
                    cases.add(event.getAggregateIdentifier());
                }
            }
            latestVersions(cases).forEach(versions::putIfAbsent);
        }
        return versions.get(caseId);
    }

    /** The item version of each case's latest step in the table that names one; cases without one are left out. */
    private Map<String, Integer> latestVersions(Collection<String> caseIds) {
        Map<String, Integer> versions = new HashMap<>();
        if (caseIds.isEmpty()) {
            return versions;
        }
        jdbc.sql("""
                        select distinct on (case_id) case_id, item_version from case_trail
                        where case_id = any(?) and item_version is not null
                        order by case_id, sequence_number desc""")
                .param(caseIds.toArray(String[]::new))
                .query((RowCallbackHandler) rs -> versions.put(rs.getString(1), rs.getInt(2)));
        return versions;
    }

    @ResetHandler
    void reset() {
        jdbc.sql("truncate case_trail").update();
    }

    /** The trail's indexes are both unique, and its handlers look earlier steps up by case and sequence. */
    @Override
    public List<String> indexedAfterBulkRebuild() {
        return List.of();
    }

    /**
     * Its key, the event's id, is never looked up by the handlers, and the unique case and sequence number stand for
     * the same event: in a rebuild its rows go in without maintaining an index of random ids row by row.
     */
    @Override
    public List<String> keysAfterBulkRebuild() {
        return List.of("case_trail_pkey");
    }
}
