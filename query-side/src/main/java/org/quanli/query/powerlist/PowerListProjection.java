package org.quanli.query.powerlist;

import java.time.Instant;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.quanli.kernel.powerlist.ChangeKind;
import org.quanli.kernel.powerlist.ItemContent;
import org.quanli.kernel.powerlist.ListStatus;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemApproved;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemDrafted;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemPublished;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemReturned;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemSubmitted;
import org.quanli.kernel.powerlist.ReviewStatus;
import org.quanli.platform.db.SqlValues;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Items as their maintainers see them ({@code item_view}) and the published versions with the effective dates
 * between which each was in force ({@code published_item_version}), from which lists on any date are read.
 */
@Component
@ProcessingGroup("power-lists")
class PowerListProjection {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    PowerListProjection(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(PowerItemDrafted event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        jdbc.sql("""
                insert into item_view (item_id, body_id, jurisdiction_code, list_status, review_status, pending_change,
                    pending_content, version, last_changed_at)
                values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?) on conflict (item_id) do nothing""")
                .params(event.itemId(), event.bodyId(), event.jurisdictionCode(), ListStatus.UNPUBLISHED.name(),
                        ReviewStatus.DRAFT.name(), ChangeKind.PUBLISH.name(), json(event.content()), sequence,
                        SqlValues.timestamp(recordedAt))
                .update();
    }

    @EventHandler
    void on(PowerItemSubmitted event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        review(event.itemId(), ReviewStatus.SUBMITTED, sequence, recordedAt);
    }

    @EventHandler
    void on(PowerItemReturned event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        review(event.itemId(), ReviewStatus.RETURNED, sequence, recordedAt);
    }

    @EventHandler
    void on(PowerItemApproved event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        review(event.itemId(), ReviewStatus.APPROVED, sequence, recordedAt);
    }

    @EventHandler
    void on(PowerItemPublished event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        jdbc.sql("""
                insert into item_view (item_id, body_id, jurisdiction_code, list_status, review_status, version,
                    published_version, content, last_changed_at)
                values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
                on conflict (item_id) do update set list_status = excluded.list_status, review_status = 'NONE',
                    pending_change = null, pending_content = null, version = excluded.version,
                    published_version = excluded.published_version, content = excluded.content,
                    last_changed_at = excluded.last_changed_at""")
                .params(event.itemId(), event.bodyId(), event.jurisdictionCode(), ListStatus.IN_FORCE.name(),
                        ReviewStatus.NONE.name(), sequence, event.version(), json(event.content()),
                        SqlValues.timestamp(recordedAt))
                .update();
        var content = event.content();
        jdbc.sql("""
                insert into published_item_version (item_id, version, body_id, jurisdiction_code, name, type_code,
                    legal_limit_days, promised_limit_days, legal_bases, document_number, effective_from, recorded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?) on conflict (item_id, version) do nothing""")
                .params(event.itemId(), event.version(), event.bodyId(), event.jurisdictionCode(), content.name(),
                        content.type().code(), content.legalLimitDays(), content.promisedLimitDays(),
                        json.writeValueAsString(content.legalBases()), event.decision().documentNumber(),
                        event.decision().effectiveDate(), SqlValues.timestamp(recordedAt))
                .update();
    }

    private void review(String itemId, ReviewStatus status, long sequence, Instant recordedAt) {
        jdbc.sql("update item_view set review_status = ?, version = ?, last_changed_at = ? where item_id = ?")
                .params(status.name(), sequence, SqlValues.timestamp(recordedAt), itemId)
                .update();
    }

    private String json(ItemContent content) {
        return json.writeValueAsString(content);
    }

    @ResetHandler
    void reset() {
        jdbc.sql("truncate item_view, published_item_version").update();
    }
}
