package org.quanli.command.delegation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.quanli.kernel.rules.RuleViolation.require;
import static org.quanli.kernel.text.Text.strippedOrNull;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;
import java.util.List;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.quanli.command.CommandSideConfiguration;
import org.quanli.command.places.JurisdictionAuthority;
import org.quanli.command.places.PlaceDirectory;
import org.quanli.command.places.PlaceDirectory.RegisteredBody;
import org.quanli.command.powerlist.ItemDirectory;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.decision.Decision;
import org.quanli.kernel.delegation.DelegationMessages.*;
import org.quanli.kernel.delegation.DelegationMode;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Authority;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.places.BodyStatus;
import org.quanli.kernel.places.JurisdictionLevel;
import org.quanli.kernel.rules.Forbidden;
import org.quanli.kernel.rules.RuleViolation;

/**
 * A government's decision to send powers down (下放, 赋权, 委托). The rules are those of the law and of practice that
 * docs/DOMAIN.md lists: only the government decides, through its reform office; a body cannot delegate what it did not
 * hold on the effective date; penalties go no lower than township (行政处罚法 2021 第24条); no approval, penalty,
 * coercion or levy power goes to a village; a licence is entrusted only to an administrative organ, and what is
 * entrusted is not passed on further (行政许可法 第24条).
 */
@Aggregate(cache = CommandSideConfiguration.AGGREGATE_CACHE)
public class Delegation {

    @AggregateIdentifier
    private String delegationId;
    private DelegationMode mode;
    private String government;
    private LocalDate effectiveDate;
    private List<DelegatedItem> items;
    private final Map<String, Receiver> receivers = new LinkedHashMap<>();
    private final Set<String> sourceBodies = new HashSet<>();
    private final Map<String, String> openGapsByReceiver = new HashMap<>();
    private final Set<String> closedGaps = new HashSet<>();
    private boolean recalled;

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

        // The receivers and their places looked up together: a devolution may name a hundred townships.
        Map<String, RegisteredBody> registered = places.bodies(receiverIds);
        Set<String> within = places.sameOrBelow(registered.values().stream().map(RegisteredBody::jurisdictionCode)
                .distinct().toList(), government);
        Map<String, JurisdictionLevel> itemLevels = new HashMap<>();
        for (DelegatedItem item : delegated) {
            itemLevels.computeIfAbsent(item.jurisdictionCode(),
                    code -> places.jurisdiction(code).orElseThrow().level());
        }
        List<Receiver> receivers = new ArrayList<>();
        for (String bodyId : receiverIds) {
            RegisteredBody receiver = registered.get(bodyId);
            if (receiver == null) {
                throw new RuleViolation("receiver-registered", "承接单位 " + bodyId + " 尚未登记");
            }
            if (!within.contains(receiver.jurisdictionCode())) {
                throw new Forbidden("承接单位 " + bodyId + " 不在本级政府(" + government + ")辖区内");
            }
            // A merged receiver's item passes on to its successor; an abolished one has nobody to pass it to.
            requireNotAbolished(receiver, places, "receiver-not-abolished", "承接单位", "不能承接事项");
            for (DelegatedItem item : delegated) {
                checkReceiver(command.mode(), item, itemLevels.get(item.jurisdictionCode()), receiver);
            }
            receivers.add(new Receiver(bodyId, receiver.jurisdictionCode(), receiver.jurisdictionLevel()));
        }
        apply(new DelegationDecided(command.delegationId(), command.mode(), government, delegated, receivers,
                command.transitionEnd(), command.termEnd(), decision));
    }

    // --- after the decision -------------------------------------------------------------------------------------

    @CommandHandler
    void handle(ConfirmReceipt command, MetaData metaData, PlaceDirectory places) {
        requireReceiverSide(Actor.fromMetaData(metaData), command.receiverBodyId(), places);
        requireNotRecalled();
        require(command.confirmedOn() != null && !command.confirmedOn().isBefore(effectiveDate),
                "confirmed-after-effective-date", "承接日期不得早于生效日期(" + effectiveDate + ")");
        apply(new ReceiptConfirmed(delegationId, command.receiverBodyId(), command.confirmedOn()));
    }

    @CommandHandler
    void handle(ReportCapacityGap command, MetaData metaData, PlaceDirectory places) {
        requireReceiverSide(Actor.fromMetaData(metaData), command.receiverBodyId(), places);
        require(command.gapId() != null && !openGapsByReceiver.containsKey(command.gapId())
                && !closedGaps.contains(command.gapId()), "gap-reported-once", "该承接能力问题已登记");
        require(command.kind() != null, "gap-kind-required", "必须说明缺少的承接能力类型");
        require(strippedOrNull(command.description()) != null, "gap-needs-description", "必须描述问题");
        require(strippedOrNull(command.measure()) != null, "gap-needs-measure", "必须说明整改措施");
        require(command.leadBodyId() != null && places.body(command.leadBodyId()).isPresent(), "gap-lead-body",
                "必须指定已登记的牵头单位");
        require(command.deadline() != null, "gap-needs-deadline", "必须说明完成时限");
        apply(new CapacityGapReported(delegationId, command.gapId(), command.receiverBodyId(), command.kind(),
                command.description().strip(), command.measure().strip(), command.leadBodyId(), command.deadline()));
    }

    @CommandHandler
    void handle(CloseCapacityGap command, MetaData metaData, PlaceDirectory places) {
        String receiver = openGapsByReceiver.get(command.gapId());
        require(receiver != null, "gap-open", "没有待整改的承接能力问题 " + command.gapId());
        requireReceiverSide(Actor.fromMetaData(metaData), receiver, places);
        require(command.closedOn() != null, "gap-closed-on", "必须注明整改完成日期");
        apply(new CapacityGapClosed(delegationId, command.gapId(), receiver, command.closedOn(), strippedOrNull(command.remedy())));
    }

    @CommandHandler
    void handle(RecordGuidance command, MetaData metaData, PlaceDirectory places) {
        Actor actor = Actor.fromMetaData(metaData);
        require(sourceBodies.contains(command.givingBodyId()), "guidance-by-devolving-body",
                "业务指导应由下放事项的原实施主体记录");
        if (actor.role() == Role.BODY_CLERK) {
            Authority.requireOwnBody(actor, command.givingBodyId());
        } else {
            requireGovernment(actor, places);
        }
        require(command.givenOn() != null && command.form() != null, "guidance-date-and-form", "必须注明指导日期和形式");
        apply(new GuidanceRecorded(delegationId, command.givingBodyId(), command.givenOn(), command.form(),
                strippedOrNull(command.description())));
    }

    @CommandHandler
    void handle(ArrangeTransition command, MetaData metaData, PlaceDirectory places) {
        requireGovernment(Actor.fromMetaData(metaData), places);
        requireNotRecalled();
        require(mode == DelegationMode.DEVOLVE, "transition-only-for-devolution", "过渡期只适用于下放");
        require(receivers.containsKey(command.onBehalfOfBodyId()), "transition-for-a-receiver",
                "只能为本决定的承接单位安排帮办代办");
        require(sourceBodies.contains(command.actingBodyId()), "transition-by-devolving-body",
                "帮办代办应由下放事项的原实施主体承担");
        require(command.until() != null && !command.until().isBefore(effectiveDate), "transition-after-effective-date",
                "过渡期截止日不得早于生效日期");
        apply(new TransitionArranged(delegationId, command.actingBodyId(), command.onBehalfOfBodyId(), command.until()));
    }

    @CommandHandler
    void handle(RecordHandover command, MetaData metaData, PlaceDirectory places) {
        requireReceiverSide(Actor.fromMetaData(metaData), command.receiverBodyId(), places);
        require(command.handedOverOn() != null && !command.handedOverOn().isBefore(effectiveDate),
                "handover-after-effective-date", "交接日期不得早于生效日期");
        apply(new HandoverRecorded(delegationId, command.receiverBodyId(), command.handedOverOn()));
    }

    @CommandHandler
    void handle(RecallDelegation command, MetaData metaData, PlaceDirectory places) {
        requireGovernment(Actor.fromMetaData(metaData), places);
        requireNotRecalled();
        require(command.decision() != null, "decision-required", "收回必须注明文号和生效日期");
        require(command.decision().effectiveDate().isAfter(effectiveDate), "recall-after-delegation",
                "收回的生效日期应晚于下放的生效日期(" + effectiveDate + ")");
        if (mode == DelegationMode.DEVOLVE) {
            // A recalled devolution gives the items back to the bodies that devolved them (a merged one passes them
            // on to its successor); an abolished one cannot take them.
            places.bodies(sourceBodies).values().forEach(body -> requireNotAbolished(body, places,
                    "devolving-body-not-abolished", "下放事项的原实施主体", "事项无处收回"));
        }
        apply(new DelegationRecalled(delegationId, mode, items, List.copyOf(receivers.values()), command.decision()));
    }

    @EventSourcingHandler
    void on(DelegationDecided event) {
        delegationId = event.delegationId();
        mode = event.mode();
        government = event.decidingJurisdictionCode();
        effectiveDate = event.decision().effectiveDate();
        items = event.items();
        event.items().forEach(item -> sourceBodies.add(item.bodyId()));
        event.receivers().forEach(receiver -> receivers.put(receiver.bodyId(), receiver));
    }

    @EventSourcingHandler
    void on(CapacityGapReported event) {
        openGapsByReceiver.put(event.gapId(), event.receiverBodyId());
    }

    @EventSourcingHandler
    void on(CapacityGapClosed event) {
        openGapsByReceiver.remove(event.gapId());
        closedGaps.add(event.gapId());
    }

    @EventSourcingHandler
    void on(DelegationRecalled event) {
        recalled = true;
    }

    /**
     * Items given to the body end up with it or, if it was merged, with the last successor of its mergers (the
     * item-succession process passes them on); that body must not be abolished. Each body on the way is held (for
     * share) until the commit, so an abolition of any of them waits for this decision or precedes it.
     */
    private static void requireNotAbolished(RegisteredBody body, PlaceDirectory places, String rule, String role,
                                            String consequence) {
        RegisteredBody current = body;
        // A chain of mergers is a few steps; the bound only stops a cycle the places feature never records.
        for (int step = 0; current.status() == BodyStatus.MERGED && step < 20; step++) {
            current = places.bodies(List.of(current.successorBodyId())).get(current.successorBodyId());
        }
        if (current.status() == BodyStatus.ABOLISHED) {
            throw new RuleViolation(rule, role + "“" + body.name() + "”" + (current == body ? ""
                    : "的事项将划转至“" + current.name() + "”,而该单位") + "已撤销," + consequence);
        }
    }

    /** The receiver's own clerk, or the deciding government's reform office, speaks for the receiver. */
    private void requireReceiverSide(Actor actor, String receiverBodyId, PlaceDirectory places) {
        require(receivers.containsKey(receiverBodyId), "receiver-of-this-delegation",
                receiverBodyId + " 不是本决定的承接单位");
        if (actor.role() == Role.BODY_CLERK) {
            Authority.requireOwnBody(actor, receiverBodyId);
        } else {
            requireGovernment(actor, places);
        }
    }

    /** The deciding government's reform office, or one above it. */
    private void requireGovernment(Actor actor, PlaceDirectory places) {
        Authority.requireRole(actor, Role.REFORM_OFFICE);
        JurisdictionAuthority.requireActsFor(actor, government, places);
    }

    private void requireNotRecalled() {
        require(!recalled, "delegation-recalled", "该决定已收回");
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

    private static void checkReceiver(DelegationMode mode, DelegatedItem item, JurisdictionLevel itemLevel,
                                      RegisteredBody receiver) {
        require(!receiver.bodyId().equals(item.bodyId()), "receiver-differs-from-holder",
                "承接单位不能是事项的原实施主体");
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
