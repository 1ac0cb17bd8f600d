package org.quanli.query.powerlist;

import java.time.Instant;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.quanli.kernel.decision.Decision;
import org.quanli.kernel.powerlist.ItemContent;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemAmended;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemCancelled;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemKept;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemMergedInto;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemPassedToSuccessor;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemPublished;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemResumed;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemSuspended;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemTransferredOut;
import org.quanli.platform.db.SqlValues;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The published lists over time ({@code published_item_version}): periods during which one version of an item stood
 * on one body's list, each opened and closed by a decision with its document, effective date and recorded time.
 * Publication opens version 1; an amendment closes the open period and opens the next version; cancelling,
 * transferring, merging and suspending close it; a resumption opens the same version again; passing to a successor
 * body closes it and opens the same version under the successor. The clean-up outcomes are kept per item
 * ({@code cleanup_outcome}) for the statistics.
 *
 * <p>Per item, periods follow one another and never overlap: a decision dated before the start of the period it
 * closes (only passing to a successor is not held to the item's order of effective dates) ends that period on the
 * day it started, and a new period never starts before the previous one ended.
 */
@Component
@ProcessingGroup(PowerListProjection.GROUP)
class PublishedListProjection {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    PublishedListProjection(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(PowerItemPublished event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        open(event.itemId(), sequence, "PUBLISH", event.version(), event.content(), event.bodyId(),
                event.jurisdictionCode(), event.decision(), recordedAt);
    }

    @EventHandler
    void on(PowerItemAmended event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        close(event.itemId(), PeriodEnd.AMEND, event.decision(), recordedAt);
        open(event.itemId(), sequence, "AMEND", event.version(), event.content(), event.bodyId(),
                event.jurisdictionCode(), event.decision(), recordedAt);
    }

    @EventHandler
    void on(PowerItemCancelled event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        takenOff(event.itemId(), sequence, event.bodyId(), event.jurisdictionCode(), PeriodEnd.CANCEL,
                CleanupOutcome.CANCEL, event.decision(), recordedAt);
    }

    @EventHandler
    void on(PowerItemTransferredOut event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        takenOff(event.itemId(), sequence, event.bodyId(), event.jurisdictionCode(), PeriodEnd.TRANSFER_OUT,
                CleanupOutcome.TRANSFER_OUT, event.decision(), recordedAt);
    }

    @EventHandler
    void on(PowerItemMergedInto event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        takenOff(event.itemId(), sequence, event.bodyId(), event.jurisdictionCode(), PeriodEnd.MERGE,
                CleanupOutcome.MERGE, event.decision(), recordedAt);
    }

    @EventHandler
    void on(PowerItemSuspended event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        takenOff(event.itemId(), sequence, event.bodyId(), event.jurisdictionCode(), PeriodEnd.SUSPEND,
                CleanupOutcome.SUSPEND, event.decision(), recordedAt);
    }

    @EventHandler
    void on(PowerItemResumed event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        reopen(event.itemId(), sequence, "RESUME", event.bodyId(), event.jurisdictionCode(), event.decision(),
                recordedAt);
        outcome(event.itemId(), sequence, event.bodyId(), event.jurisdictionCode(), CleanupOutcome.RESUME,
                event.decision(), recordedAt);
    }

    @EventHandler
    void on(PowerItemKept event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        outcome(event.itemId(), sequence, event.bodyId(), event.jurisdictionCode(), CleanupOutcome.KEEP,
                event.decision(), recordedAt);
    }

    @EventHandler
    void on(PowerItemPassedToSuccessor event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        // A suspended or unpublished item has no open period: it comes back (resumed, published) under the successor.
        if (close(event.itemId(), PeriodEnd.PASSED, event.decision(), recordedAt)) {
            reopen(event.itemId(), sequence, "PASSED", event.toBodyId(), event.jurisdictionCode(), event.decision(),
                    recordedAt);
        }
    }

    // --- periods and outcomes ------------------------------------------------------------------------------------

    private void open(String itemId, long sequence, String openedBy, int version, ItemContent content, String bodyId,
                      String jurisdictionCode, Decision decision, Instant recordedAt) {
        jdbc.sql("""
                insert into published_item_version (item_id, opened_sequence, opened_by, version, effective_from,
                    body_id, jurisdiction_code, name, type_code, exercise_level_code, catalogue_code,
                    implementation_code, legal_limit_days, promised_limit_days, is_public, content, document_number,
                    recorded_at)
                values (:item, :sequence, :openedBy, :version,
                    greatest(:from, (select max(coalesce(p.effective_to, p.effective_from))
                                     from published_item_version p where p.item_id = :item)),
                    :body, :jurisdiction, :name, :type, :level, :catalogue, :implementation, :legal, :promised,
                    :public, :content::jsonb, :document, :recordedAt)
                on conflict (item_id, opened_sequence) do nothing""")
                .param("item", itemId)
                .param("sequence", sequence)
                .param("openedBy", openedBy)
                .param("version", version)
                .param("from", decision.effectiveDate())
                .param("body", bodyId)
                .param("jurisdiction", jurisdictionCode)
                .param("name", content.name())
                .param("type", content.type().code())
                .param("level", content.exerciseLevel() == null ? null : content.exerciseLevel().code())
                .param("catalogue", content.catalogueCode())
                .param("implementation", content.implementationCode())
                .param("legal", content.legalLimitDays())
                .param("promised", content.promisedLimitDays())
                .param("public", content.publicity().isPublic())
                .param("content", json.writeValueAsString(content))
                .param("document", decision.documentNumber())
                .param("recordedAt", SqlValues.timestamp(recordedAt))
                .update();
    }

    /** Opens a new period of the item's latest version, possibly under another body. */
    private void reopen(String itemId, long sequence, String openedBy, String bodyId, String jurisdictionCode,
                        Decision decision, Instant recordedAt) {
        jdbc.sql("""
                insert into published_item_version (item_id, opened_sequence, opened_by, version, effective_from,
                    body_id, jurisdiction_code, name, type_code, exercise_level_code, catalogue_code,
                    implementation_code, legal_limit_days, promised_limit_days, is_public, content, document_number,
                    recorded_at)
                select item_id, :sequence, :openedBy, version, greatest(:from, coalesce(effective_to, effective_from)),
                    :body, :jurisdiction, name, type_code, exercise_level_code, catalogue_code, implementation_code,
                    legal_limit_days, promised_limit_days, is_public, content, :document, :recordedAt
                from published_item_version where item_id = :item
                order by opened_sequence desc limit 1
                on conflict (item_id, opened_sequence) do nothing""")
                .param("item", itemId)
                .param("sequence", sequence)
                .param("openedBy", openedBy)
                .param("from", decision.effectiveDate())
                .param("body", bodyId)
                .param("jurisdiction", jurisdictionCode)
                .param("document", decision.documentNumber())
                .param("recordedAt", SqlValues.timestamp(recordedAt))
                .update();
    }

    /**
     * A clean-up outcome that takes the item off the list: ends its period and counts the outcome. A devolution
     * (issue 4) is one: {@code takenOff(…, PeriodEnd.DEVOLVE, CleanupOutcome.DEVOLVE, …)}.
     */
    void takenOff(String itemId, long sequence, String bodyId, String jurisdictionCode, PeriodEnd end,
                  CleanupOutcome outcome, Decision decision, Instant recordedAt) {
        close(itemId, end, decision, recordedAt);
        outcome(itemId, sequence, bodyId, jurisdictionCode, outcome, decision, recordedAt);
    }

    /**
     * Ends the item's open period on the decision's effective date. Package-visible so that the delegation
     * events (issue 4) end periods here too, with {@link PeriodEnd#DEVOLVE}.
     *
     * @return whether there was an open period
     */
    boolean close(String itemId, PeriodEnd end, Decision decision, Instant recordedAt) {
        return jdbc.sql("""
                update published_item_version set effective_to = greatest(effective_from, ?), ended_by = ?,
                    end_document_number = ?, end_recorded_at = ?
                where item_id = ? and ended_by is null""")
                .params(decision.effectiveDate(), end.name(), decision.documentNumber(),
                        SqlValues.timestamp(recordedAt), itemId)
                .update() > 0;
    }

    /** Records a clean-up outcome. Package-visible for the delegation events ({@link CleanupOutcome#DEVOLVE}). */
    void outcome(String itemId, long sequence, String bodyId, String jurisdictionCode, CleanupOutcome outcome,
                 Decision decision, Instant recordedAt) {
        jdbc.sql("""
                insert into cleanup_outcome (item_id, sequence_number, body_id, jurisdiction_code, outcome,
                    effective_date, document_number, recorded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (item_id, sequence_number) do nothing""")
                .params(itemId, sequence, bodyId, jurisdictionCode, outcome.name(), decision.effectiveDate(),
                        decision.documentNumber(), SqlValues.timestamp(recordedAt))
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("truncate published_item_version, cleanup_outcome").update();
    }
}
