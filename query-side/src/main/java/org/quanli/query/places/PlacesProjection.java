package org.quanli.query.places;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.quanli.kernel.places.PlacesMessages.ImplementingBodyRegistered;
import org.quanli.kernel.places.PlacesMessages.JurisdictionRegistered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Jurisdictions and bodies by code, for naming them in lists and for the portal. */
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
    void on(ImplementingBodyRegistered event) {
        jdbc.sql("""
                insert into body_view (body_id, name, jurisdiction_code, nature_code, administrative_subject)
                values (?, ?, ?, ?, ?) on conflict (body_id) do nothing""")
                .params(event.bodyId(), event.name(), event.jurisdictionCode(), event.nature().code(),
                        event.administrativeSubject())
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("truncate body_view, jurisdiction_view").update();
    }
}
