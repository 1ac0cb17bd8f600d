package org.quanli.command.personal;

import java.time.LocalDate;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.quanli.kernel.complaints.ComplaintMessages.ComplaintEscalated;
import org.quanli.kernel.complaints.ComplaintMessages.ComplaintRated;
import org.quanli.kernel.complaints.ComplaintMessages.ComplaintRegistered;
import org.quanli.kernel.complaints.ComplaintMessages.ComplaintReopened;
import org.quanli.kernel.complaints.ComplaintMessages.ComplaintReplied;
import org.quanli.platform.messaging.ProcessingConfiguration;
import org.quanli.platform.personal.PersonalDataVault;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which person each named complaint is from and when it was last answered, kept by a subscribing processor in the
 * transaction that appends the complaint's events, so that an erasure can check open complaints and retention
 * without reading the query side. A complaint is answered by its reply (and its rating after that); a reopening or
 * an escalation puts it back in hand.
 */
@Component
@ProcessingGroup(PersonalDataComplaints.PROCESSING_GROUP)
class PersonalDataComplaints {

    static final String PROCESSING_GROUP = ProcessingConfiguration.COMMAND_LOOKUP_PREFIX + "personal-data-complaints";

    private final JdbcClient jdbc;
    private final PersonalDataVault vault;

    PersonalDataComplaints(JdbcClient jdbc, PersonalDataVault vault) {
        this.jdbc = jdbc;
        this.vault = vault;
    }

    @Autowired
    void subscribing(EventProcessingConfigurer processing) {
        processing.registerSubscribingEventProcessor(PROCESSING_GROUP);
    }

    PersonalDataCases.Ends of(String subjectId) {
        return PersonalDataCases.Ends.of(jdbc.sql("select ended_on from personal_data_complaint where subject_id = ?")
                .param(subjectId).query((rs, n) -> rs.getObject(1, LocalDate.class)).list());
    }

    @EventHandler
    void on(ComplaintRegistered event) {
        if (event.complainant() == null || event.complainant().erased()) {
            return;
        }
        jdbc.sql("insert into personal_data_complaint (complaint_id, subject_id) values (?, ?) on conflict do nothing")
                .params(event.complaintId(), vault.subjectFor(event.complainant().phone()).id()).update();
    }

    @EventHandler
    void on(ComplaintReplied event) {
        answered(event.complaintId(), event.repliedOn());
    }

    @EventHandler
    void on(ComplaintRated event) {
        answered(event.complaintId(), event.ratedOn());
    }

    @EventHandler
    void on(ComplaintReopened event) {
        inHand(event.complaintId());
    }

    @EventHandler
    void on(ComplaintEscalated event) {
        inHand(event.complaintId());
    }

    private void answered(String complaintId, LocalDate on) {
        jdbc.sql("update personal_data_complaint set ended_on = ? where complaint_id = ?").params(on, complaintId)
                .update();
    }

    private void inHand(String complaintId) {
        jdbc.sql("update personal_data_complaint set ended_on = null where complaint_id = ?").param(complaintId)
                .update();
    }
}
