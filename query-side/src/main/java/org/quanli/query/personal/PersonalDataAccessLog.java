package org.quanli.query.personal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.quanli.kernel.cases.CaseQueries.CaseView;
import org.quanli.kernel.identity.Actor;
import org.quanli.platform.architecture.FeatureInterface;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records every answer that showed an applicant unmasked: one row per case shown, in one batch per answer.
 */
@FeatureInterface
@Component
public class PersonalDataAccessLog {

    /** The applicant's fields an unmasked answer shows. */
    static final String FIELDS = "name,documentNumber,phone";

    private final JdbcClient jdbc;

    PersonalDataAccessLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the cases among {@code shown} whose applicant the actor saw unmasked. */
    @Transactional
    public void record(Actor actor, List<CaseView> shown, String purpose) {
        List<CaseView> unmasked = shown.stream().filter(view -> !view.applicantMasked()).toList();
        if (unmasked.isEmpty()) {
            return;
        }
        StringBuilder values = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (CaseView view : unmasked) {
            values.append(values.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?)");
            params.addAll(Arrays.asList(actor.userId(), actor.name(), actor.role().name(), actor.bodyId(),
                    view.caseId(), view.bodyId(), FIELDS, purpose));
        }
        jdbc.sql("insert into personal_data_access (user_id, user_name, role, user_body_id, case_id, case_body_id, "
                        + "fields, purpose) values " + values)
                .params(params).update();
    }
}
