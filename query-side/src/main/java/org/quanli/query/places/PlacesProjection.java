package org.quanli.query.places;

import java.time.Instant;
import java.time.LocalDate;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.quanli.kernel.places.BodyStatus;
import org.quanli.kernel.places.PlacesMessages.ImplementingBodyAbolished;
import org.quanli.kernel.places.PlacesMessages.ImplementingBodyMerged;
import org.quanli.kernel.places.PlacesMessages.ImplementingBodyRegistered;
import org.quanli.kernel.places.PlacesMessages.ImplementingBodyRenamed;
import org.quanli.kernel.places.PlacesMessages.JurisdictionRegistered;
import org.quanli.platform.db.SqlValues;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Jurisdictions and bodies by code, for naming them in lists and for the portal: each body's current name and
 * status, its successor, and the periods in which it bore each of its names. Every write can be applied twice.
 */
@Component
@ProcessingGroup("places")
class PlacesProjection {

    private final JdbcClient jdbc;

    PlacesProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(JurisdictionRegistered event) {
        jdbc.sql("""
                insert into jurisdiction_view (code, name, level, parent_code, functional_zone) values (?, ?, ?, ?, ?)
                on conflict (code) do nothing""")
                .params(event.code(), event.name(), event.level().name(), event.parentCode(), event.functionalZone())
                .update();
    }

    @EventHandler
    void on(ImplementingBodyRegistered event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        jdbc.sql("""
                insert into body_view (body_id, name, jurisdiction_code, nature_code, administrative_subject)
                values (?, ?, ?, ?, ?) on conflict (body_id) do nothing""")
                .params(event.bodyId(), event.name(), event.jurisdictionCode(), event.nature().code(),
                        event.administrativeSubject())
                .update();
        namePeriod(event.bodyId(), sequence, event.name(), null, null, recordedAt);
    }

    @EventHandler
    void on(ImplementingBodyRenamed event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        jdbc.sql("update body_view set name = ? where body_id = ?").params(event.newName(), event.bodyId()).update();
        // A body's decisions never take effect in reverse order, so the open period is the one the rename ends.
        jdbc.sql("""
                update body_name_period set effective_to = ?
                where body_id = ? and effective_to is null and sequence_number < ?""")
                .params(event.decision().effectiveDate(), event.bodyId(), sequence).update();
        namePeriod(event.bodyId(), sequence, event.newName(), event.decision().effectiveDate(),
                event.decision().documentNumber(), recordedAt);
    }

    @EventHandler
    void on(ImplementingBodyMerged event) {
        jdbc.sql("""
                update body_view set status = ?, successor_body_id = ?, end_document_number = ?, end_effective_date = ?
                where body_id = ?""")
                .params(BodyStatus.MERGED.name(), event.successorBodyId(), event.decision().documentNumber(),
                        event.decision().effectiveDate(), event.bodyId())
                .update();
    }

    @EventHandler
    void on(ImplementingBodyAbolished event) {
        jdbc.sql("""
                update body_view set status = ?, end_document_number = ?, end_effective_date = ? where body_id = ?""")
                .params(BodyStatus.ABOLISHED.name(), event.decision().documentNumber(),
                        event.decision().effectiveDate(), event.bodyId())
                .update();
    }

    private void namePeriod(String bodyId, long sequence, String name, LocalDate effectiveFrom, String documentNumber,
                            Instant recordedAt) {
        jdbc.sql("""
                insert into body_name_period (body_id, sequence_number, name, effective_from, document_number, recorded_at)
                values (?, ?, ?, ?, ?, ?) on conflict (body_id, sequence_number) do nothing""")
                .params(bodyId, sequence, name, effectiveFrom, documentNumber, SqlValues.timestamp(recordedAt))
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("truncate body_view, jurisdiction_view, body_name_period").update();
    }
}
