package org.quanli.query.powerlist;

import java.time.Instant;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.quanli.kernel.powerlist.ItemStatus;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemApproved;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemDrafted;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemPublished;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemReturned;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemSubmitted;
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
                insert into item_view (item_id, body_id, jurisdiction_code, status, version, content, last_changed_at)
                values (?, ?, ?, ?, ?, ?::jsonb, ?) on conflict (item_id) do nothing""")
                .params(event.itemId(), event.bodyId(), event.jurisdictionCode(), ItemStatus.DRAFT.name(), sequence,
                        json.writeValueAsString(event.content()), SqlValues.timestamp(recordedAt))
                .update();
    }

    @EventHandler
    void on(PowerItemSubmitted event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        changeStatus(event.itemId(), ItemStatus.SUBMITTED, sequence, recordedAt);
    }

    @EventHandler
    void on(PowerItemReturned event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        changeStatus(event.itemId(), ItemStatus.RETURNED, sequence, recordedAt);
    }

    @EventHandler
    void on(PowerItemApproved event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        changeStatus(event.itemId(), ItemStatus.APPROVED, sequence, recordedAt);
    }

    @EventHandler
    void on(PowerItemPublished event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        changeStatus(event.itemId(), ItemStatus.PUBLISHED, sequence, recordedAt);
        jdbc.sql("update item_view set published_version = ? where item_id = ?")
                .params(event.version(), event.itemId()).update();
        // The version in force before this one ends where this one begins.
        jdbc.sql("""
                update published_item_version set effective_to = ?
                where item_id = ? and version < ? and (effective_to is null or effective_to > ?)""")
                .params(event.decision().effectiveDate(), event.itemId(), event.version(),
                        event.decision().effectiveDate())
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

    private void changeStatus(String itemId, ItemStatus status, long sequence, Instant recordedAt) {
        jdbc.sql("update item_view set status = ?, version = ?, last_changed_at = ? where item_id = ?")
                .params(status.name(), sequence, SqlValues.timestamp(recordedAt), itemId)
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("truncate item_view, published_item_version").update();
    }
}
