package org.quanli.command.personal;

import java.time.LocalDate;
import java.time.Period;
import java.util.Objects;
import java.util.stream.Stream;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.quanli.kernel.personal.PersonalDataMessages.EraseSubject;
import org.quanli.kernel.personal.PersonalDataMessages.ErasureGround;
import org.quanli.kernel.personal.PersonalDataMessages.SubjectErased;
import org.quanli.kernel.rules.RuleViolation;
import org.quanli.platform.personal.PersonalDataProperties;
import org.quanli.platform.personal.PersonalDataVault;
import org.springframework.stereotype.Component;

/**
 * Erasure by deleting the key (crypto-shredding): the person's data key and blind index are deleted and
 * {@link SubjectErased} is recorded, in one transaction, so the store never says a person was erased whose key
 * still exists, nor loses a key without saying so. Every event stays as it is; their personal fields read as erased.
 */
@Component
class PersonalDataErasure {

    private final PersonalDataVault vault;
    private final EventBus eventBus;
    private final PersonalDataCases cases;
    private final PersonalDataComplaints complaints;
    private final Period retention;

    PersonalDataErasure(PersonalDataVault vault, EventBus eventBus, PersonalDataCases cases,
                        PersonalDataComplaints complaints, PersonalDataProperties properties) {
        this.vault = vault;
        this.eventBus = eventBus;
        this.cases = cases;
        this.complaints = complaints;
        this.retention = properties.retention();
    }

    /**
     * No person is erased while one of their cases or complaints is still being handled. Erasure for an expired
     * retention needs every case of the person ended, and every complaint answered, at least the retention period
     * ({@code quanli.personal-data.retention}) before the decision takes effect.
     */
    @CommandHandler
    void handle(EraseSubject command, CommandMessage<?> message) {
        PersonalDataCases.Ends caseEnds = cases.of(command.subjectId());
        PersonalDataCases.Ends complaintEnds = complaints.of(command.subjectId());
        RuleViolation.require(caseEnds.open() == 0, "subject-has-open-cases",
                "该个人信息主体尚有 " + caseEnds.open() + " 件办件未办结或终止,不能删除其个人信息");
        RuleViolation.require(complaintEnds.open() == 0, "subject-has-open-complaints",
                "该个人信息主体尚有 " + complaintEnds.open() + " 件投诉正在办理(未答复或重新办理中),不能删除其个人信息");
        if (command.ground() == ErasureGround.RETENTION_EXPIRED) {
            LocalDate lastEnd = Stream.of(caseEnds.lastEndedOn(), complaintEnds.lastEndedOn())
                    .filter(Objects::nonNull).max(LocalDate::compareTo).orElse(null);
            RuleViolation.require(lastEnd != null && !lastEnd.plus(retention).isAfter(command.decidedOn()),
                    "retention-not-expired", lastEnd == null ? "账本中没有该主体办件办结或投诉答复的记录,无法认定保存期限已届满"
                            : "保存期限(" + retention + ")自最后办结或答复日 " + lastEnd + " 起算,至 "
                            + lastEnd.plus(retention) + " 方届满");
        }
        RuleViolation.require(vault.erase(command.subjectId()), "subject-already-erased",
                "该个人信息主体的数据已于此前删除");
        eventBus.publish(GenericEventMessage.asEventMessage(new SubjectErased(command.subjectId(), command.ground(),
                command.decisionDocument(), command.decidedOn())).andMetaData(message.getMetaData()));
    }
}
