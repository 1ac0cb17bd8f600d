package org.quanli.command.delegation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.quanli.kernel.rules.RuleViolation.require;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.quanli.command.places.PlaceDirectory;
import org.quanli.command.places.PlaceDirectory.RegisteredBody;
import org.quanli.command.powerlist.ItemDirectory;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.decision.Decision;
import org.quanli.kernel.delegation.DelegationMessages.DecideDelegation;
import org.quanli.kernel.delegation.DelegationMessages.DelegatedItem;
import org.quanli.kernel.delegation.DelegationMessages.DelegationDecided;
import org.quanli.kernel.delegation.DelegationMessages.Receiver;
import org.quanli.kernel.delegation.DelegationMode;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.places.JurisdictionLevel;
import org.quanli.kernel.rules.Forbidden;
import org.quanli.kernel.rules.RuleViolation;

/**
 * A government's decision to send powers down (下放, 赋权, 委托). The rules are those of the law and of practice that
 * DOMAIN.md lists: only the government decides, through its reform office; a body cannot delegate what it did not
 * hold on the effective date; penalties go no lower than township (行政处罚法 2021 第24条); no approval, penalty,
 * coercion or levy power goes to a village; a licence is entrusted only to an administrative organ, and what is
 * entrusted is not passed on further (行政许可法 第24条).
 */
@Aggregate
public class Delegation {

    @AggregateIdentifier
    private String delegationId;
    private DelegationMode mode;

    protected Delegation() {
    }

    @CommandHandler
    public Delegation(DecideDelegation command, MetaData metaData, PlaceDirectory places, ItemDirectory items) {
        Actor actor = Actor.fromMetaData(metaData);
        if (actor.role() != Role.REFORM_OFFICE) {
            throw new Forbidden("下放、赋权、委托须由政府决定(编办办理),部门不能自行下放");
        }
        require(command.mode() != null, "delegation-mode-required", "必须说明下放、赋权或委托");
        Decision decision = command.decision();
        require(decision != null, "decision-required", "必须注明决定文号和生效日期");
        List<String> itemIds = distinct(command.sourceItemIds(), "source-items-required", "必须列出下放的事项");
        List<String> receiverIds = distinct(command.receiverBodyIds(), "receivers-required", "必须列出承接单位");
        String government = actor.bodyId() == null ? null
                : places.body(actor.bodyId()).map(RegisteredBody::jurisdictionCode).orElse(null);
        if (government == null) {
            throw new Forbidden("编办所在单位尚未登记,不能作出下放决定");
        }
        checkPeriods(command);

        List<DelegatedItem> delegated = new ArrayList<>();
        for (String itemId : itemIds) {
            var holding = items.holdingOn(itemId, decision.effectiveDate()).orElseThrow(() -> new RuleViolation(
                    "source-held-on-effective-date", "事项 " + itemId + " 在 " + decision.effectiveDate()
                    + " 不在任何实施主体的有效清单上,不能下放"));
            if (!places.isSameOrBelow(holding.jurisdictionCode(), government)) {
                throw new Forbidden("事项 " + itemId + " 不属于本级政府(" + government + ")及其下级的权责清单");
            }
            var listed = items.item(itemId).orElseThrow();
            require(!listed.powerSource().entrusted(), "entrusted-power-not-delegated-further",
                    "事项 " + itemId + " 是受委托行使的职权,受委托方不得再委托或下放");
            delegated.add(new DelegatedItem(itemId, holding.bodyId(), holding.jurisdictionCode(), listed.type()));
        }

        List<Receiver> receivers = new ArrayList<>();
        for (String bodyId : receiverIds) {
            RegisteredBody receiver = places.body(bodyId).orElseThrow(() -> new RuleViolation(
                    "receiver-registered", "承接单位 " + bodyId + " 尚未登记"));
            if (!places.isSameOrBelow(receiver.jurisdictionCode(), government)) {
                throw new Forbidden("承接单位 " + bodyId + " 不在本级政府(" + government + ")辖区内");
            }
            for (DelegatedItem item : delegated) {
                checkReceiver(command.mode(), item, receiver, places);
            }
            receivers.add(new Receiver(bodyId, receiver.jurisdictionCode(), receiver.jurisdictionLevel()));
        }
        apply(new DelegationDecided(command.delegationId(), command.mode(), government, delegated, receivers,
                command.transitionEnd(), command.termEnd(), decision));
    }

    @EventSourcingHandler
    void on(DelegationDecided event) {
        delegationId = event.delegationId();
        mode = event.mode();
    }

    private static void checkPeriods(DecideDelegation command) {
        var effective = command.decision().effectiveDate();
        if (command.transitionEnd() != null) {
            require(command.mode() == DelegationMode.DEVOLVE, "transition-only-for-devolution",
                    "过渡期只适用于下放:赋权和委托后上级仍可办理");
            require(!command.transitionEnd().isBefore(effective), "transition-after-effective-date",
                    "过渡期截止日不得早于生效日期");
        }
        if (command.mode() == DelegationMode.ENTRUST) {
            require(command.termEnd() != null && command.termEnd().isAfter(effective), "entrustment-term",
                    "委托必须公告委托期限,期限截止日应晚于生效日期");
        } else {
            require(command.termEnd() == null, "term-only-for-entrustment", "只有委托有期限");
        }
    }

    private static void checkReceiver(DelegationMode mode, DelegatedItem item, RegisteredBody receiver,
                                      PlaceDirectory places) {
        require(!receiver.bodyId().equals(item.bodyId()), "receiver-differs-from-holder",
                "承接单位不能是事项的原实施主体");
        JurisdictionLevel itemLevel = places.jurisdiction(item.jurisdictionCode()).orElseThrow().level();
        JurisdictionLevel level = receiver.jurisdictionLevel();
        if (mode == DelegationMode.DEVOLVE) {
            require(level.isBelow(itemLevel), "devolve-to-a-lower-level", "下放只能下放到下级行政区划的单位");
        } else {
            require(!itemLevel.isBelow(level), "delegate-not-upward", mode.label() + "不能授予上级行政区划的单位");
        }
        ItemType type = item.type();
        require(!(type == ItemType.PENALTY && level == JurisdictionLevel.VILLAGE), "penalty-no-lower-than-township",
                "行政处罚权最低下放到乡镇(街道)(行政处罚法第二十四条)");
        require(!(type.forbiddenAtVillageLevel() && level == JurisdictionLevel.VILLAGE), "village-forbidden-category",
                "村(社区)不具备行政主体资格,不得承接" + type.label() + "事项");
        require(!(mode == DelegationMode.ENTRUST && type == ItemType.LICENCE && !receiver.administrativeSubject()),
                "licence-entrusted-to-administrative-organ", "行政许可只能委托其他行政机关实施(行政许可法第二十四条)");
    }

    private static List<String> distinct(List<String> ids, String rule, String message) {
        require(ids != null && !ids.isEmpty(), rule, message);
        require(ids.stream().allMatch(id -> id != null && !id.isBlank()), rule, message);
        require(new HashSet<>(ids).size() == ids.size(), "no-duplicates", "列表中有重复项");
        return List.copyOf(ids);
    }
}
