package org.quanli.command.personal;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.quanli.kernel.cases.CaseMessages.CaseConcluded;
import org.quanli.kernel.cases.CaseMessages.CaseNotAccepted;
import org.quanli.kernel.cases.CaseMessages.CaseSubmitted;
import org.quanli.kernel.cases.CaseMessages.CaseTerminated;
import org.quanli.kernel.cases.CaseMessages.CaseWithdrawn;
import org.quanli.platform.messaging.ProcessingConfiguration;
import org.quanli.platform.personal.PersonalDataVault;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which person each case is about and when it ended, kept by a subscribing processor in the transaction that appends
 * the case's events, so that an erasure can check retention and open cases without reading the query side.
 */
@Component
@ProcessingGroup(PersonalDataCases.PROCESSING_GROUP)
class PersonalDataCases {

    static final String PROCESSING_GROUP = ProcessingConfiguration.COMMAND_LOOKUP_PREFIX + "personal-data-cases";

    /** How many of a person's known cases (or complaints) there are, how many are open, and the last end day. */
    record Ends(int cases, int open, LocalDate lastEndedOn) {

        /** From the end days, null for one still open. */
        static Ends of(List<LocalDate> ends) {
            return new Ends(ends.size(), (int) ends.stream().filter(Objects::isNull).count(),
                    ends.stream().filter(Objects::nonNull).max(LocalDate::compareTo).orElse(null));
        }
    }

    private final JdbcClient jdbc;
    private final PersonalDataVault vault;

    PersonalDataCases(JdbcClient jdbc, PersonalDataVault vault) {
        this.jdbc = jdbc;
        this.vault = vault;
    }

    @Autowired
    void subscribing(EventProcessingConfigurer processing) {
        processing.registerSubscribingEventProcessor(PROCESSING_GROUP);
    }

    Ends of(String subjectId) {
        return Ends.of(jdbc.sql("select ended_on from personal_data_case where subject_id = ?")
                .param(subjectId).query((rs, n) -> rs.getObject(1, LocalDate.class)).list());
    }

    @EventHandler
    void on(CaseSubmitted event) {
        if (event.applicant().erased()) {
            return;
        }
        jdbc.sql("insert into personal_data_case (case_id, subject_id) values (?, ?) on conflict do nothing")
                .params(event.caseId(), vault.subjectFor(event.applicant().documentNumber()).id()).update();
    }

    @EventHandler
    void on(CaseConcluded event) {
        ended(event.caseId(), event.concludedOn());
    }

    @EventHandler
    void on(CaseNotAccepted event) {
        ended(event.caseId(), event.decidedOn());
    }

    @EventHandler
    void on(CaseWithdrawn event) {
        ended(event.caseId(), event.withdrawnOn());
    }

    @EventHandler
    void on(CaseTerminated event) {
        ended(event.caseId(), event.terminatedOn());
    }

    private void ended(String caseId, LocalDate on) {
        jdbc.sql("update personal_data_case set ended_on = coalesce(ended_on, ?) where case_id = ?")
                .params(on, caseId).update();
    }
}
