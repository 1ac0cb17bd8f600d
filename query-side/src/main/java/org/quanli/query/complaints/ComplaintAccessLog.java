package org.quanli.query.complaints;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.quanli.kernel.complaints.ComplaintQueries.ComplaintView;
import org.quanli.kernel.identity.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records every answer that showed a complainant unmasked in the access log of personal data (the same log as
 * applicants', {@code record_kind} COMPLAINT, the complaint's id in {@code case_id}): one row per complaint shown.
 */
@Component
class ComplaintAccessLog {

    static final String FIELDS = "name,phone,documentNumber,address";

    private final JdbcClient jdbc;

    ComplaintAccessLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    void record(Actor actor, List<ComplaintView> shown, String purpose) {
        List<ComplaintView> unmasked = shown.stream()
                .filter(view -> !view.anonymous() && !view.complainantMasked()).toList();
        if (unmasked.isEmpty()) {
            return;
        }
        StringBuilder values = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (ComplaintView view : unmasked) {
            values.append(values.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, 'COMPLAINT')");
            params.addAll(Arrays.asList(actor.userId(), actor.name(), actor.role().name(), actor.bodyId(),
                    view.complaintId(), view.responsibleBodyId() != null ? view.responsibleBodyId() : view.bodyId(),
                    FIELDS, purpose));
        }
        jdbc.sql("insert into personal_data_access (user_id, user_name, role, user_body_id, case_id, case_body_id, "
                        + "fields, purpose, record_kind) values " + values)
                .params(params).update();
    }
}
