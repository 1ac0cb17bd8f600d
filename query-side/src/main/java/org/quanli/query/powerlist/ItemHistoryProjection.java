package org.quanli.query.powerlist;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.quanli.kernel.decision.Decision;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemDelegated;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemDelegationRefused;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemReceived;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemRecalled;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemRestored;
import org.quanli.kernel.delegation.DelegationMessages.Receiver;
import org.quanli.kernel.delegation.DelegationMode;
import org.quanli.kernel.powerlist.ChangeKind;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemAdjustmentProposed;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemAmended;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemAmendmentDrafted;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemApproved;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemCancelled;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemChangeWithdrawn;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemDraftRevised;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemDrafted;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemKept;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemMergedInto;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemPassedToSuccessor;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemPublished;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemResumed;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemReturned;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemSubmitted;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemSuspended;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemTransferredOut;
import org.quanli.platform.db.SqlValues;
import org.quanli.platform.messaging.RecordedEvent;
import org.quanli.platform.messaging.StoredEvents;
import org.quanli.platform.projections.AppendRow;
import org.quanli.platform.projections.BatchedWrites;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every event of every item, described in Chinese, with who did it, the document and effective date of decisions,
 * the recorded time and the event's position in the store: the history reform offices reconstruct and auditors
 * cite. The event's payload is kept as it was in {@code details}.
 */
@Component
@ProcessingGroup("item-history")
class ItemHistoryProjection {

    /** A row per event, only ever added: the rows need no order among themselves. */
    private static final AppendRow.Table HISTORY = AppendRow.Table.of("item_history", "event_id",
            "item_id", "sequence_number", "position", "event_type", "description", "actor_user_id", "actor_name",
            "actor_role", "actor_body", "document_number", "effective_date", "recorded_at", "details");

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final StoredEvents storedEvents;
    private final BatchedWrites writes;

    ItemHistoryProjection(JdbcClient jdbc, JsonMapper json, StoredEvents storedEvents, BatchedWrites writes) {
        this.jdbc = jdbc;
        this.json = json;
        this.storedEvents = storedEvents;
        this.writes = writes;
    }

    // --- drafting and review -------------------------------------------------------------------------------------

    @EventHandler
    void on(PowerItemDrafted event, DomainEventMessage<?> message, TrackingToken token) {
        record(message, token, "起草事项「" + event.content().name() + "」", null);
    }

    @EventHandler
    void on(PowerItemDraftRevised event, DomainEventMessage<?> message, TrackingToken token) {
        record(message, token, "修改草稿「" + event.content().name() + "」", null);
    }

    @EventHandler
    void on(PowerItemAmendmentDrafted event, DomainEventMessage<?> message, TrackingToken token) {
        record(message, token, "起草变更「" + event.content().name() + "」", null);
    }

    @EventHandler
    void on(PowerItemAdjustmentProposed event, DomainEventMessage<?> message, TrackingToken token) {
        String what = switch (event.kind()) {
            case TRANSFER_OUT -> "提出转移,交由" + event.transferee() + "承接";
            case MERGE -> "提出整合,并入事项 " + event.mergeTargetItemId();
            default -> "提出" + event.kind().label();
        };
        record(message, token, withReason(what, event.reason()), null);
    }

    @EventHandler
    void on(PowerItemSubmitted event, DomainEventMessage<?> message, TrackingToken token) {
        record(message, token, "报送法制审核", null);
    }

    @EventHandler
    void on(PowerItemReturned event, DomainEventMessage<?> message, TrackingToken token) {
        record(message, token, "退回修改:" + String.join(";", event.reasons()), null);
    }

    @EventHandler
    void on(PowerItemApproved event, DomainEventMessage<?> message, TrackingToken token) {
        record(message, token, withReason("审核通过", event.opinion()), null);
    }

    @EventHandler
    void on(PowerItemChangeWithdrawn event, DomainEventMessage<?> message, TrackingToken token) {
        ChangeKind kind = event.kind();
        record(message, token, withReason("撤回待审的" + (kind == null ? "变更" : kind.label()), event.reason()), null);
    }

    // --- decisions -----------------------------------------------------------------------------------------------

    @EventHandler
    void on(PowerItemPublished event, DomainEventMessage<?> message, TrackingToken token) {
        String what = event.importBatch() == null ? "发布第" + event.version() + "版"
                : "补录已发布的第" + event.version() + "版(导入批次 " + event.importBatch() + ")";
        record(message, token, what + "," + from(event.decision()), event.decision());
    }

    @EventHandler
    void on(PowerItemAmended event, DomainEventMessage<?> message, TrackingToken token) {
        record(message, token, "发布第" + event.version() + "版(变更:" + ContentFields.labels(event.changedFields())
                + ")," + from(event.decision()), event.decision());
    }

    @EventHandler
    void on(PowerItemCancelled event, DomainEventMessage<?> message, TrackingToken token) {
        record(message, token, withReason("取消," + from(event.decision()) + "不再列入清单", event.reason()),
                event.decision());
    }

    @EventHandler
    void on(PowerItemTransferredOut event, DomainEventMessage<?> message, TrackingToken token) {
        record(message, token, withReason("转移,交由" + event.transferee() + "承接," + from(event.decision()),
                event.reason()), event.decision());
    }

    @EventHandler
    void on(PowerItemMergedInto event, DomainEventMessage<?> message, TrackingToken token) {
        record(message, token, withReason("整合并入事项 " + event.targetItemId() + "," + from(event.decision()),
                event.reason()), event.decision());
    }

    @EventHandler
    void on(PowerItemSuspended event, DomainEventMessage<?> message, TrackingToken token) {
        record(message, token, withReason("暂停执行," + from(event.decision()), event.reason()), event.decision());
    }

    @EventHandler
    void on(PowerItemResumed event, DomainEventMessage<?> message, TrackingToken token) {
        record(message, token, withReason("恢复执行," + from(event.decision()), event.reason()), event.decision());
    }

    @EventHandler
    void on(PowerItemKept event, DomainEventMessage<?> message, TrackingToken token) {
        record(message, token, withReason("清理后保留", event.reason()), event.decision());
    }

    @EventHandler
    void on(PowerItemPassedToSuccessor event, DomainEventMessage<?> message, TrackingToken token) {
        record(message, token, "因机构改革由" + body(event.fromBodyId()) + "划转至" + body(event.toBodyId()) + ","
                + from(event.decision()), event.decision());
    }

    // --- delegation --------------------------------------------------------------------------------------------

    @EventHandler
    void on(PowerItemDelegated event, DomainEventMessage<?> message, TrackingToken token) {
        String receivers = receivers(event.receivers());
        String what = switch (event.mode()) {
            case DEVOLVE -> "下放至" + receivers + "," + from(event.decision()) + "不再列入本单位清单"
                    + (event.transitionEnd() == null ? "" : ",过渡期至 " + event.transitionEnd());
            case GRANT -> "赋权" + receivers + "行使," + from(event.decision()) + "本单位继续行使";
            case ENTRUST -> "委托" + receivers + "以本单位名义行使," + from(event.decision());
        };
        record(message, token, what, event.decision());
    }

    @EventHandler
    void on(PowerItemDelegationRefused event, DomainEventMessage<?> message, TrackingToken token) {
        record(message, token, event.mode().label() + "决定未能执行到本事项:" + event.reason(), event.decision());
    }

    @EventHandler
    void on(PowerItemReceived event, DomainEventMessage<?> message, TrackingToken token) {
        String what = "承接" + body(event.sourceBodyId()) + "的事项 " + event.sourceItemId() + "("
                + event.mode().label() + ")," + from(event.decision())
                + (event.mode() == DelegationMode.ENTRUST ? "以委托单位名义行使" : "列入本单位清单");
        record(message, token, what, event.decision());
    }

    @EventHandler
    void on(PowerItemRecalled event, DomainEventMessage<?> message, TrackingToken token) {
        record(message, token, "收回," + from(event.decision()) + "不再由本单位行使", event.decision());
    }

    @EventHandler
    void on(PowerItemRestored event, DomainEventMessage<?> message, TrackingToken token) {
        record(message, token, "下放收回," + from(event.decision()) + "恢复列入本单位清单", event.decision());
    }

    private String receivers(List<Receiver> receivers) {
        return receivers.stream().map(r -> body(r.bodyId())).collect(Collectors.joining("、"));
    }

    // --- writing -------------------------------------------------------------------------------------------------

    private void record(DomainEventMessage<?> message, TrackingToken token, String description, Decision decision) {
        RecordedEvent recorded = storedEvents.recorded(message, token);
        Map<String, Object> row = new HashMap<>();
        row.put("event_id", recorded.eventId());
        row.put("item_id", recorded.aggregateId());
        row.put("sequence_number", recorded.sequence());
        row.put("position", recorded.position());
        row.put("event_type", message.getPayloadType().getSimpleName());
        row.put("description", description);
        row.put("actor_user_id", recorded.actorUserId());
        row.put("actor_name", recorded.actorName());
        row.put("actor_role", recorded.actorRole());
        row.put("actor_body", recorded.actorBody());
        row.put("document_number", decision == null ? null : decision.documentNumber());
        row.put("effective_date", decision == null ? null : decision.effectiveDate());
        row.put("recorded_at", SqlValues.timestamp(recorded.recordedAt()));
        row.put("details", SqlValues.json(json.writeValueAsString(message.getPayload())));
        writes.append(HISTORY.row(row));
    }

    private static String from(Decision decision) {
        return "自" + decision.effectiveDate() + "起";
    }

    private static String withReason(String text, String reason) {
        return reason == null || reason.isBlank() ? text : text + ":" + reason.strip();
    }

    /**
     * A body, as a placeholder the history's reader fills with the body's name and code ({@link BodyNames}). The row
     * must not depend on how far the places projection has got when this one runs: then a replay, a rebuild or a
     * second node writes exactly the same rows.
     */
    private static String body(String bodyId) {
        return BodyNames.placeholder(bodyId);
    }

    @ResetHandler
    void reset() {
        jdbc.sql("truncate item_history").update();
    }
}
