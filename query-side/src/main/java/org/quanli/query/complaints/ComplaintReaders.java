package org.quanli.query.complaints;

import org.quanli.kernel.complaints.ComplaintQueries.Reach;
import org.quanli.kernel.complaints.ComplaintQueries.Reader;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.rules.Forbidden;
import org.quanli.platform.security.CurrentActor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who reads which complaints. Supervision first, as for cases: a user who is both auditor and handler reads as an
 * auditor, with complainants masked. Auditors and the supervision office read every complaint of their body's
 * jurisdiction and below (one without a body: every complaint), masked; the unified reception reads the complaints
 * its body registered, and a body's complaint handler those its body must answer, both with the complainant in full.
 * Nobody else reads complaints.
 */
@Component
class ComplaintReaders {

    static final Role[] READERS = {Role.AUDITOR, Role.SUPERVISION_OFFICE, Role.COMPLAINT_RECEPTION,
            Role.COMPLAINT_HANDLER};

    private final CurrentActor currentActor;
    private final JdbcClient jdbc;

    ComplaintReaders(CurrentActor currentActor, JdbcClient jdbc) {
        this.currentActor = currentActor;
        this.jdbc = jdbc;
    }

    Actor actor() {
        return currentActor.actingAs(READERS);
    }

    Reader reader(Actor actor) {
        return switch (actor.role()) {
            case AUDITOR, SUPERVISION_OFFICE -> actor.bodyId() == null ? Reader.EVERYTHING_MASKED
                    : new Reader(Reach.JURISDICTION, actor.bodyId(), jurisdictionOf(actor.bodyId()), false);
            case COMPLAINT_RECEPTION -> new Reader(Reach.REGISTERED_BY, requireBody(actor), null, true);
            case COMPLAINT_HANDLER -> new Reader(Reach.RESPONSIBLE, requireBody(actor), null, true);
            default -> throw new Forbidden("此角色不能查看投诉");
        };
    }

    /** The jurisdiction a supervisor's figures are limited to: the own body's, and below; null without a body. */
    String statisticsJurisdiction(Actor actor) {
        return actor.bodyId() == null ? null : jurisdictionOf(actor.bodyId());
    }

    private String jurisdictionOf(String bodyId) {
        return jdbc.sql("select jurisdiction_code from body_view where body_id = ?").param(bodyId)
                .query(String.class).optional()
                .orElseThrow(() -> new Forbidden("用户所属实施主体(" + bodyId + ")未登记,无法确定其行政区划"));
    }

    private static String requireBody(Actor actor) {
        if (actor.bodyId() == null) {
            throw new Forbidden(actor.role().label() + "须属于一个实施主体");
        }
        return actor.bodyId();
    }
}
