package org.quanli.command.places;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.quanli.kernel.rules.RuleViolation.require;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.quanli.command.CommandSideConfiguration;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Authority;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.places.DivisionCode;
import org.quanli.kernel.places.JurisdictionLevel;
import org.quanli.kernel.places.PlacesMessages.JurisdictionRegistered;
import org.quanli.kernel.places.PlacesMessages.RegisterJurisdiction;
import org.quanli.kernel.rules.AlreadyExists;
import org.quanli.kernel.rules.RuleViolation;

/** A jurisdiction (行政区划), identified by its administrative-division code. */
@Aggregate(cache = CommandSideConfiguration.AGGREGATE_CACHE)
public class Jurisdiction {

    @AggregateIdentifier
    private String code;

    protected Jurisdiction() {
    }

    @CommandHandler
    public Jurisdiction(RegisterJurisdiction command, MetaData metaData, PlaceDirectory places) {
        Authority.requireRole(Actor.fromMetaData(metaData), Role.ADMINISTRATOR);
        require(command.name() != null && !command.name().isBlank(), "jurisdiction-name-required", "行政区划名称不能为空");
        require(command.level() != null, "jurisdiction-level-required", "必须说明行政区划层级");
        String codeProblem = DivisionCode.problemWith(command.code(), command.level());
        require(codeProblem == null, "division-code-format", codeProblem);
        require(!command.functionalZone() || command.level() == JurisdictionLevel.COUNTY,
                "functional-zone-at-county-level", "功能区(高新区、经济区、新区管委会)按县级登记");
        if (places.jurisdiction(command.code()).isPresent()) {
            throw new AlreadyExists("jurisdiction", command.code());
        }
        if (command.level() == JurisdictionLevel.PROVINCE) {
            require(command.parentCode() == null, "province-has-no-parent", "省级行政区划没有上级");
        } else {
            require(command.parentCode() != null, "parent-required", "必须说明上级行政区划");
            var parent = places.jurisdiction(command.parentCode()).orElseThrow(() -> new RuleViolation(
                    "parent-registered", "上级行政区划 " + command.parentCode() + " 尚未登记"));
            require(command.level().isBelow(parent.level()), "parent-level-above",
                    "上级行政区划的层级(" + parent.level().label() + ")必须高于" + command.level().label());
        }
        apply(new JurisdictionRegistered(command.code(), command.name().strip(), command.level(),
                command.parentCode(), command.functionalZone()));
    }

    @EventSourcingHandler
    void on(JurisdictionRegistered event) {
        this.code = event.code();
    }
}
