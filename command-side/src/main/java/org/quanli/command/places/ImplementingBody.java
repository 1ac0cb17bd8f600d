package org.quanli.command.places;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.quanli.kernel.rules.RuleViolation.require;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Authority;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.places.JurisdictionLevel;
import org.quanli.kernel.places.PlacesMessages.ImplementingBodyRegistered;
import org.quanli.kernel.places.PlacesMessages.RegisterImplementingBody;
import org.quanli.kernel.places.UnifiedSocialCreditCode;
import org.quanli.kernel.rules.AlreadyExists;
import org.quanli.kernel.rules.RuleViolation;

/** An implementing body (实施主体), identified by its unified social credit code. */
@Aggregate
public class ImplementingBody {

    @AggregateIdentifier
    private String bodyId;

    protected ImplementingBody() {
    }

    @CommandHandler
    public ImplementingBody(RegisterImplementingBody command, MetaData metaData, PlaceDirectory places) {
        Authority.requireRole(Actor.fromMetaData(metaData), Role.ADMINISTRATOR);
        String codeProblem = UnifiedSocialCreditCode.problemWith(command.bodyId());
        require(codeProblem == null, "unified-social-credit-code", codeProblem);
        require(command.name() != null && !command.name().isBlank(), "body-name-required", "实施主体名称不能为空");
        require(command.nature() != null, "body-nature-required", "必须说明实施主体性质");
        if (places.body(command.bodyId()).isPresent()) {
            throw new AlreadyExists("implementing body", command.bodyId());
        }
        var jurisdiction = places.jurisdiction(command.jurisdictionCode()).orElseThrow(() -> new RuleViolation(
                "jurisdiction-registered", "行政区划 " + command.jurisdictionCode() + " 尚未登记"));
        require(!(jurisdiction.level() == JurisdictionLevel.VILLAGE && command.administrativeSubject()),
                "village-not-administrative-subject", "村(社区)不具备行政主体资格");
        apply(new ImplementingBodyRegistered(command.bodyId(), command.name().strip(), jurisdiction.code(),
                jurisdiction.level(), command.nature(), command.administrativeSubject()));
    }

    @EventSourcingHandler
    void on(ImplementingBodyRegistered event) {
        this.bodyId = event.bodyId();
    }
}
