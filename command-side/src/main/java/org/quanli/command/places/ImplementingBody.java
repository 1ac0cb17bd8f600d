package org.quanli.command.places;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.quanli.kernel.rules.RuleViolation.require;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.quanli.command.CommandSideConfiguration;
import org.quanli.kernel.decision.Decision;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Authority;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.places.BodyStatus;
import org.quanli.kernel.places.JurisdictionLevel;
import org.quanli.kernel.places.PlacesMessages.AbolishImplementingBody;
import org.quanli.kernel.places.PlacesMessages.ImplementingBodyAbolished;
import org.quanli.kernel.places.PlacesMessages.ImplementingBodyMerged;
import org.quanli.kernel.places.PlacesMessages.ImplementingBodyRegistered;
import org.quanli.kernel.places.PlacesMessages.ImplementingBodyRenamed;
import org.quanli.kernel.places.PlacesMessages.MergeImplementingBody;
import org.quanli.kernel.places.PlacesMessages.RegisterImplementingBody;
import org.quanli.kernel.places.PlacesMessages.RenameImplementingBody;
import org.quanli.kernel.places.UnifiedSocialCreditCode;
import org.quanli.kernel.rules.AlreadyExists;
import org.quanli.kernel.rules.RuleViolation;

/**
 * An implementing body (实施主体), identified by its unified social credit code. Institutional reforms (机构改革)
 * rename it, merge it into a successor or abolish it, each by a decision of the reform office; a merged or abolished
 * body takes no further reform. Its items pass to the successor by the power list's item succession, not here, so that a body
 * with hundreds of items is merged by one small event.
 */
@Aggregate(cache = CommandSideConfiguration.AGGREGATE_CACHE)
public class ImplementingBody {

    @AggregateIdentifier
    private String bodyId;
    private String name;
    private String jurisdictionCode;
    private BodyStatus status;
    private String successorBodyId;
    private LocalDate lastEffectiveDate;

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

    // --- institutional reform ----------------------------------------------------------------------------------

    @CommandHandler
    void handle(RenameImplementingBody command, MetaData metaData, PlaceDirectory places) {
        Decision decision = requireReform(Actor.fromMetaData(metaData), command.decision(), places);
        String newName = command.newName() == null ? "" : command.newName().strip();
        require(!newName.isEmpty(), "body-name-required", "实施主体新名称不能为空");
        require(!newName.equals(name), "new-name-differs", "新名称与现名称“" + name + "”相同");
        apply(new ImplementingBodyRenamed(bodyId, name, newName, decision));
    }

    @CommandHandler
    void handle(MergeImplementingBody command, MetaData metaData, PlaceDirectory places) {
        Decision decision = requireReform(Actor.fromMetaData(metaData), command.decision(), places);
        String successorId = command.successorBodyId();
        require(successorId != null && !successorId.equals(bodyId), "successor-differs",
                "承继单位不能是被合并的实施主体本身");
        var successor = places.body(successorId).orElseThrow(() -> new RuleViolation("successor-registered",
                "承继单位 " + successorId + " 尚未登记"));
        require(successor.isActive(), "successor-active", "承继单位不能是已合并或撤销的实施主体:" + successor.whyInactive());
        require(successor.jurisdictionCode().equals(jurisdictionCode), "successor-same-jurisdiction",
                "承继单位属于行政区划 " + successor.jurisdictionCode() + ",只能并入同一行政区划(" + jurisdictionCode
                        + ")的实施主体");
        apply(new ImplementingBodyMerged(bodyId, successorId, jurisdictionCode, decision));
    }

    @CommandHandler
    void handle(AbolishImplementingBody command, MetaData metaData, PlaceDirectory places, BodyItems items,
                DelegationsUnderway delegations) {
        Decision decision = requireReform(Actor.fromMetaData(metaData), command.decision(), places);
        // Held from here to the commit, so that no item is drafted for it or passed to it while it is counted.
        places.lockBody(bodyId);
        int held = items.openItemsOf(bodyId).size();
        // Items of bodies merged into this one are on their way here: they count as held.
        List<String> predecessors = places.predecessorsOf(bodyId);
        int arriving = predecessors.stream().mapToInt(p -> items.openItemsOf(p).size()).sum();
        require(held + arriving == 0, "abolish-needs-no-open-items", "实施主体“" + name + "”仍持有" + (held + arriving)
                + "项未终结的事项(未发布、有效或暂停执行" + (arriving > 0 ? ",含" + arriving + "项尚待从被合并单位划转" : "")
                + "),须先取消、转移或整合后才能撤销");
        // A delegation or recall recorded before, not yet carried into the items, would still bring it one, directly
        // or through a body merged into it. The lock above orders this after any decision naming the body or one
        // merged into it (they hold it for share).
        List<String> underway = delegations.underwayFor(Stream.concat(Stream.of(bodyId), predecessors.stream())
                .toList());
        require(underway.isEmpty(), "abolish-after-delegations-carried-out", "实施主体“" + name + "”尚有"
                + underway.size() + "项下放或收回决定未执行到事项(" + String.join("、", underway.subList(0,
                Math.min(3, underway.size()))) + (underway.size() > 3 ? "等" : "") + "),须待执行完毕后才能撤销");
        apply(new ImplementingBodyAbolished(bodyId, jurisdictionCode, decision));
    }

    /** What every reform requires: the reform office of the body's government or above, a live body, a decision. */
    private Decision requireReform(Actor actor, Decision decision, PlaceDirectory places) {
        Authority.requireRole(actor, Role.REFORM_OFFICE);
        JurisdictionAuthority.requireActsFor(actor, jurisdictionCode, places);
        require(status == BodyStatus.ACTIVE, "body-active", "实施主体“" + name + "”" + (status == BodyStatus.MERGED
                ? "已并入 " + successorBodyId : "已撤销") + ",不能再作机构改革调整");
        require(decision != null, "decision-required", "机构改革调整必须注明文号和生效日期");
        require(lastEffectiveDate == null || !decision.effectiveDate().isBefore(lastEffectiveDate),
                "effective-date-order", "生效日期不得早于该实施主体上一次决定的生效日期(" + lastEffectiveDate + ")");
        return decision;
    }

    // --- state --------------------------------------------------------------------------------------------------

    @EventSourcingHandler
    void on(ImplementingBodyRegistered event) {
        this.bodyId = event.bodyId();
        this.name = event.name();
        this.jurisdictionCode = event.jurisdictionCode();
        this.status = BodyStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(ImplementingBodyRenamed event) {
        this.name = event.newName();
        this.lastEffectiveDate = event.decision().effectiveDate();
    }

    @EventSourcingHandler
    void on(ImplementingBodyMerged event) {
        this.status = BodyStatus.MERGED;
        this.successorBodyId = event.successorBodyId();
        this.lastEffectiveDate = event.decision().effectiveDate();
    }

    @EventSourcingHandler
    void on(ImplementingBodyAbolished event) {
        this.status = BodyStatus.ABOLISHED;
        this.lastEffectiveDate = event.decision().effectiveDate();
    }
}
