package org.quanli.command.personal;

import java.time.Period;

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
    private final Period retention;

    PersonalDataErasure(PersonalDataVault vault, EventBus eventBus, PersonalDataCases cases,
                        PersonalDataProperties properties) {
        this.vault = vault;
        this.eventBus = eventBus;
        this.cases = cases;
        this.retention = properties.retention();
    }

    /**
     * No person is erased while one of their cases is still being handled. Erasure for an expired retention needs
     * every case of the person ended at least the retention period ({@code quanli.personal-data.retention}) before
     * the decision takes effect.
     */
    @CommandHandler
    void handle(EraseSubject command, CommandMessage<?> message) {
        PersonalDataCases.Ends ends = cases.of(command.subjectId());
        RuleViolation.require(ends.open() == 0, "subject-has-open-cases",
                "该个人信息主体尚有 " + ends.open() + " 件办件未办结或终止,不能删除其个人信息");
        if (command.ground() == ErasureGround.RETENTION_EXPIRED) {
            RuleViolation.require(ends.lastEndedOn() != null
                            && !ends.lastEndedOn().plus(retention).isAfter(command.decidedOn()),
                    "retention-not-expired", ends.lastEndedOn() == null ? "账本中没有该主体办件的办结记录,无法认定保存期限已届满"
                            : "保存期限(" + retention + ")自最后办结日 " + ends.lastEndedOn() + " 起算,至 "
                            + ends.lastEndedOn().plus(retention) + " 方届满");
        }
        RuleViolation.require(vault.erase(command.subjectId()), "subject-already-erased",
                "该个人信息主体的数据已于此前删除");
        eventBus.publish(GenericEventMessage.asEventMessage(new SubjectErased(command.subjectId(), command.ground(),
                command.decisionDocument(), command.decidedOn())).andMetaData(message.getMetaData()));
    }
}
