package org.quanli.command.powerlist;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.quanli.command.places.JurisdictionAuthority.requireActsFor;
import static org.quanli.kernel.rules.RuleViolation.require;
import static org.quanli.kernel.text.Text.strippedOrNull;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.quanli.command.CommandSideConfiguration;
import org.quanli.command.places.PlaceDirectory;
import org.quanli.kernel.decision.Decision;
import org.quanli.kernel.delegation.DelegationMessages.DelegatePowerItem;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemDelegationRefused;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemDelegated;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemReceived;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemRecalled;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemRestored;
import org.quanli.kernel.delegation.DelegationMessages.ReceiveDelegatedItem;
import org.quanli.kernel.delegation.DelegationMessages.RecallReceivedItem;
import org.quanli.kernel.delegation.DelegationMessages.RestoreDevolvedItem;
import org.quanli.kernel.delegation.DelegationMode;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Authority;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.places.JurisdictionLevel;
import org.quanli.kernel.powerlist.ChangeKind;
import org.quanli.kernel.powerlist.ItemContent;
import org.quanli.kernel.powerlist.ListStatus;
import org.quanli.kernel.powerlist.PowerListMessages.*;
import org.quanli.kernel.powerlist.ReviewStatus;
import org.quanli.kernel.rules.RuleViolation;

/**
 * One power exercised by one implementing body. The body drafts it and later amendments (谁行使、谁清理); the reform
 * office proposes clean-up outcomes; every change is reviewed by the legal-affairs office and takes effect only when
 * the reform office publishes it by a document, from that document's effective date. Only an item in force is a
 * valid power.
 */
@Aggregate(cache = CommandSideConfiguration.AGGREGATE_CACHE)
public class PowerItem {

    private static final Set<ListStatus> ON_THE_LIST = EnumSet.of(ListStatus.IN_FORCE, ListStatus.SUSPENDED);

    @AggregateIdentifier
    private String itemId;
    private String bodyId;
    private String jurisdictionCode;
    private ListStatus listStatus;
    private int publishedVersion;
    private ItemContent content;
    private LocalDate lastEffectiveDate;
    private final Set<String> delegations = new HashSet<>();
    private final Set<String> refusedDelegations = new HashSet<>();
    private String devolvedBy;

    private ChangeKind pendingKind;
    private ReviewStatus review = ReviewStatus.NONE;
    private ItemContent pendingContent;
    private String pendingReason;
    private String mergeTarget;
    private String transferee;

    protected PowerItem() {
    }

    // --- creation -----------------------------------------------------------------------------------------------

    @CommandHandler
    public PowerItem(DraftPowerItem command, MetaData metaData, PlaceDirectory places, CodeFormats formats) {
        Actor actor = Actor.fromMetaData(metaData);
        Authority.requireRole(actor, Role.BODY_CLERK);
        Authority.requireOwnBody(actor, command.bodyId());
        var body = registeredBody(places, command.bodyId());
        requireActiveBody(body);
        checkContent(command.content(), formats);
        requireVillageMayHold(command.content(), body.jurisdictionLevel());
        apply(new PowerItemDrafted(command.itemId(), command.bodyId(), body.jurisdictionCode(), command.content()));
    }

    /** Back-filling: the list was published on paper, its review happened outside the ledger. */
    @CommandHandler
    public PowerItem(RecordPublishedItem command, MetaData metaData, PlaceDirectory places, CodeFormats formats) {
        Actor actor = Actor.fromMetaData(metaData);
        Authority.requireRole(actor, Role.REFORM_OFFICE);
        var body = registeredBody(places, command.bodyId());
        requireActsFor(actor, body.jurisdictionCode(), places);
        requireActiveBody(body);
        require(command.decision() != null, "decision-required", "补录必须注明文号和生效日期");
        // The paper list's review is not checked again, but the content's own consistency is, and a village body
        // is refused what drafting refuses it: it is not an administrative subject.
        checkContent(command.content(), formats);
        requireVillageMayHold(command.content(), body.jurisdictionLevel());
        apply(new PowerItemPublished(command.itemId(), command.bodyId(), body.jurisdictionCode(), 1,
                command.content(), command.decision(), command.importBatch()));
    }

    /** A receiver's own item, created by the delegation process from the source item's content. */
    @CommandHandler
    public PowerItem(ReceiveDelegatedItem command, MetaData metaData, PlaceDirectory places) {
        Authority.requireRole(Actor.fromMetaData(metaData), Role.REFORM_OFFICE);
        // Both bodies in one look-up: a devolution to a hundred townships makes a hundred of these.
        var bodies = places.bodies(List.of(command.receiverBodyId(), command.sourceBodyId()));
        var receiver = registered(Optional.ofNullable(bodies.get(command.receiverBodyId())), command.receiverBodyId());
        var source = registered(Optional.ofNullable(bodies.get(command.sourceBodyId())), command.sourceBodyId());
        boolean sameLevel = receiver.jurisdictionLevel() == source.jurisdictionLevel();
        apply(new PowerItemReceived(command.itemId(), receiver.bodyId(), receiver.jurisdictionCode(), 1,
                command.content(), command.mode().powerSource(sameLevel), command.sourceItemId(),
                command.sourceBodyId(), command.delegationId(), command.mode(), command.decision()));
    }

    // --- drafting and proposing ---------------------------------------------------------------------------------

    @CommandHandler
    void handle(ReviseDraft command, MetaData metaData, PlaceDirectory places, CodeFormats formats) {
        requireClerkOfThisBody(Actor.fromMetaData(metaData));
        requirePending("revise", Set.of(ChangeKind.PUBLISH, ChangeKind.AMEND), ReviewStatus.DRAFT, ReviewStatus.RETURNED);
        checkContent(command.content(), formats);
        requireVillageMayHold(command.content(), jurisdictionLevel(places));
        apply(new PowerItemDraftRevised(itemId, command.content()));
    }

    @CommandHandler
    void handle(DraftAmendment command, MetaData metaData, PlaceDirectory places, CodeFormats formats) {
        requireClerkOfThisBody(Actor.fromMetaData(metaData));
        requireOnTheList("amend");
        requireNothingPending();
        checkContent(command.content(), formats);
        requireVillageMayHold(command.content(), jurisdictionLevel(places));
        require(!content.changedFields(command.content()).isEmpty(), "amendment-changes-something",
                "变更内容与现行版本相同");
        apply(new PowerItemAmendmentDrafted(itemId, command.content()));
    }

    @CommandHandler
    void handle(ProposeAdjustment command, MetaData metaData, PlaceDirectory places, ItemDirectory items) {
        Actor actor = Actor.fromMetaData(metaData);
        requireClerkOfThisBodyOrReformOffice(actor, places);
        require(command.kind() != null && command.kind().isAdjustment(), "adjustment-kind",
                "调整方式应为取消、转移、整合、暂停、恢复或保留");
        requireNothingPending();
        if (command.kind() == ChangeKind.RESUME) {
            require(listStatus == ListStatus.SUSPENDED, "resume-only-suspended", "只有暂停执行的事项可以恢复");
        } else if (command.kind() == ChangeKind.CANCEL) {
            requireOnTheList("cancel");
        } else {
            require(listStatus == ListStatus.IN_FORCE, "adjust-only-in-force",
                    "事项当前状态为“" + listStatus.label() + "”,不能" + command.kind().label());
        }
        String reason = strippedOrNull(command.reason());
        require(reason != null || command.kind() == ChangeKind.KEEP, "adjustment-needs-reason",
                command.kind().label() + "必须说明理由");
        if (command.kind() == ChangeKind.MERGE) {
            requireMergeTarget(command.mergeTargetItemId(), items);
        }
        if (command.kind() == ChangeKind.TRANSFER_OUT) {
            require(strippedOrNull(command.transferee()) != null, "transfer-needs-transferee",
                    "转移必须说明承接的社会组织或市场主体");
        }
        apply(new PowerItemAdjustmentProposed(itemId, command.kind(), reason,
                command.kind() == ChangeKind.MERGE ? command.mergeTargetItemId() : null,
                command.kind() == ChangeKind.TRANSFER_OUT ? command.transferee().strip() : null));
    }

    @CommandHandler
    void handle(WithdrawPendingChange command, MetaData metaData, PlaceDirectory places) {
        requireClerkOfThisBodyOrReformOffice(Actor.fromMetaData(metaData), places);
        require(pendingKind != null, "nothing-pending", "没有待审的变更");
        require(review != ReviewStatus.APPROVED, "approved-change-is-decided", "已审核通过的变更应由编办发布,不能撤回");
        apply(new PowerItemChangeWithdrawn(itemId, pendingKind, strippedOrNull(command.reason())));
    }

    // --- review -------------------------------------------------------------------------------------------------

    /**
     * Submits a draft, an amendment or a returned change. A change already past submission (an adjustment is
     * submitted by proposing it) is not an error: nothing is recorded and the answer says where it stands.
     *
     * @return null when submitted now, else {@link AlreadySubmitted}
     */
    @CommandHandler
    AlreadySubmitted handle(SubmitPowerItem command, MetaData metaData, PlaceDirectory places) {
        requireClerkOfThisBodyOrReformOffice(Actor.fromMetaData(metaData), places);
        if (pendingKind != null && (review == ReviewStatus.SUBMITTED || review == ReviewStatus.APPROVED)) {
            return AlreadySubmitted.of(itemId, pendingKind, review);
        }
        requirePending("submit", null, ReviewStatus.DRAFT, ReviewStatus.RETURNED);
        apply(new PowerItemSubmitted(itemId));
        return null;
    }

    @CommandHandler
    void handle(ReturnPowerItem command, MetaData metaData, PlaceDirectory places) {
        requireReviewer(Actor.fromMetaData(metaData), places);
        requirePending("return", null, ReviewStatus.SUBMITTED);
        List<String> reasons = command.reasons() == null ? List.of()
                : command.reasons().stream().filter(r -> r != null && !r.isBlank()).map(String::strip).toList();
        require(!reasons.isEmpty(), "return-needs-reasons", "退回必须说明理由");
        apply(new PowerItemReturned(itemId, reasons));
    }

    @CommandHandler
    void handle(ApprovePowerItem command, MetaData metaData, PlaceDirectory places) {
        requireReviewer(Actor.fromMetaData(metaData), places);
        requirePending("approve", null, ReviewStatus.SUBMITTED);
        apply(new PowerItemApproved(itemId, strippedOrNull(command.opinion())));
    }

    // --- decision -----------------------------------------------------------------------------------------------

    @CommandHandler
    void handle(PublishPowerItem command, MetaData metaData, PlaceDirectory places, ItemDirectory items) {
        Actor actor = Actor.fromMetaData(metaData);
        Authority.requireRole(actor, Role.REFORM_OFFICE);
        requireActsFor(actor, jurisdictionCode, places);
        requirePending("publish", null, ReviewStatus.APPROVED);
        Decision decision = command.decision();
        require(decision != null, "decision-required", "发布必须注明文号和生效日期");
        require(lastEffectiveDate == null || !decision.effectiveDate().isBefore(lastEffectiveDate),
                "effective-date-order", "生效日期不得早于该事项上一次决定的生效日期(" + lastEffectiveDate + ")");
        switch (pendingKind) {
            case PUBLISH -> {
                requireLegalBasis(pendingContent);
                apply(new PowerItemPublished(itemId, bodyId, jurisdictionCode, 1, pendingContent, decision, null));
            }
            case AMEND -> {
                requireLegalBasis(pendingContent);
                apply(new PowerItemAmended(itemId, bodyId, jurisdictionCode, publishedVersion + 1, pendingContent,
                        content.changedFields(pendingContent), decision));
            }
            case CANCEL -> apply(new PowerItemCancelled(itemId, bodyId, jurisdictionCode, pendingReason, decision));
            case TRANSFER_OUT -> apply(new PowerItemTransferredOut(itemId, bodyId, jurisdictionCode, transferee,
                    pendingReason, decision));
            case MERGE -> {
                requireMergeTarget(mergeTarget, items);
                apply(new PowerItemMergedInto(itemId, bodyId, jurisdictionCode, mergeTarget, pendingReason, decision));
            }
            case SUSPEND -> apply(new PowerItemSuspended(itemId, bodyId, jurisdictionCode, pendingReason, decision));
            case RESUME -> apply(new PowerItemResumed(itemId, bodyId, jurisdictionCode, pendingReason, decision));
            case KEEP -> apply(new PowerItemKept(itemId, bodyId, jurisdictionCode, pendingReason, decision));
        }
    }

    /**
     * After an institutional reform, the successor body holds the item; its history keeps the old body. The item
     * passes by the reform's document, but no earlier than its own last decision took effect: a body cannot hand on
     * an item before it holds it (one given back by a recall, received or passed on after the reform's date).
     */
    @CommandHandler
    void handle(PassItemToSuccessor command, MetaData metaData, PlaceDirectory places) {
        Actor actor = Actor.fromMetaData(metaData);
        Authority.requireRole(actor, Role.REFORM_OFFICE, Role.ADMINISTRATOR);
        require(!listStatus.ended(), "item-ended", "事项当前状态为“" + listStatus.label() + "”,不再划转");
        var successor = registeredBody(places, command.successorBodyId());
        require(!successor.bodyId().equals(bodyId), "successor-differs", "承继单位不能是原实施主体");
        require(command.decision() != null, "decision-required", "划转必须注明文号和生效日期");
        Decision decision = lastEffectiveDate != null && command.decision().effectiveDate().isBefore(lastEffectiveDate)
                ? new Decision(command.decision().documentNumber(), lastEffectiveDate) : command.decision();
        apply(new PowerItemPassedToSuccessor(itemId, bodyId, successor.bodyId(), successor.jurisdictionCode(),
                decision));
    }

    // --- delegation ---------------------------------------------------------------------------------------------

    /**
     * Records a delegation decided by the government; a devolution takes the item off its holder's list. The
     * decision is already taken when it reaches the item, so an item that cannot take it records the refusal
     * instead of failing the process that carries the decision's other items.
     */
    @CommandHandler
    void handle(DelegatePowerItem command, MetaData metaData) {
        Authority.requireRole(Actor.fromMetaData(metaData), Role.REFORM_OFFICE);
        if (delegations.contains(command.delegationId()) || refusedDelegations.contains(command.delegationId())) {
            return; // already recorded: the process delivering it ran again
        }
        if (listStatus != ListStatus.IN_FORCE) {
            refuse(command, "delegate-only-in-force", "事项当前状态为“" + listStatus.label() + "”,不能下放、赋权或委托");
        } else if (command.mode() == DelegationMode.DEVOLVE
                && command.decision().effectiveDate().isBefore(lastEffectiveDate)) {
            refuse(command, "effective-date-order",
                    "下放的生效日期不得早于该事项上一次决定的生效日期(" + lastEffectiveDate + ")");
        } else {
            apply(new PowerItemDelegated(itemId, bodyId, jurisdictionCode, command.delegationId(), command.mode(),
                    command.receivers(), publishedVersion, content, command.transitionEnd(), command.decision()));
        }
    }

    private void refuse(DelegatePowerItem command, String rule, String reason) {
        apply(new PowerItemDelegationRefused(itemId, bodyId, jurisdictionCode, command.delegationId(), command.mode(),
                rule, reason, command.decision()));
    }

    /** A recall ends the receiver's own item; cases it accepted before stay with it. */
    @CommandHandler
    void handle(RecallReceivedItem command, MetaData metaData) {
        Authority.requireRole(Actor.fromMetaData(metaData), Role.REFORM_OFFICE);
        if (listStatus == ListStatus.RECALLED) {
            return;
        }
        require(!listStatus.ended(), "item-ended", "事项当前状态为“" + listStatus.label() + "”,无需收回");
        apply(new PowerItemRecalled(itemId, bodyId, jurisdictionCode, command.delegationId(), command.decision()));
    }

    /** A recalled devolution gives the item back to the body that devolved it. */
    @CommandHandler
    void handle(RestoreDevolvedItem command, MetaData metaData) {
        Authority.requireRole(Actor.fromMetaData(metaData), Role.REFORM_OFFICE);
        if (listStatus != ListStatus.DEVOLVED) {
            return;
        }
        require(command.delegationId().equals(devolvedBy), "restore-by-its-own-delegation",
                "事项不是由该决定下放的,不能因其收回而恢复");
        apply(new PowerItemRestored(itemId, bodyId, jurisdictionCode, command.delegationId(), command.decision()));
    }

    // --- state --------------------------------------------------------------------------------------------------

    @EventSourcingHandler
    void on(PowerItemDrafted event) {
        itemId = event.itemId();
        bodyId = event.bodyId();
        jurisdictionCode = event.jurisdictionCode();
        listStatus = ListStatus.UNPUBLISHED;
        pending(ChangeKind.PUBLISH, ReviewStatus.DRAFT);
        pendingContent = event.content();
    }

    @EventSourcingHandler
    void on(PowerItemDraftRevised event) {
        pendingContent = event.content();
    }

    @EventSourcingHandler
    void on(PowerItemAmendmentDrafted event) {
        pending(ChangeKind.AMEND, ReviewStatus.DRAFT);
        pendingContent = event.content();
    }

    @EventSourcingHandler
    void on(PowerItemAdjustmentProposed event) {
        pending(event.kind(), ReviewStatus.SUBMITTED);
        pendingReason = event.reason();
        mergeTarget = event.mergeTargetItemId();
        transferee = event.transferee();
    }

    @EventSourcingHandler
    void on(PowerItemChangeWithdrawn event) {
        if (event.kind() == ChangeKind.PUBLISH) {
            listStatus = ListStatus.WITHDRAWN; // a first draft withdrawn: the item never existed on any list
        }
        clearPending();
    }

    @EventSourcingHandler
    void on(PowerItemSubmitted event) {
        review = ReviewStatus.SUBMITTED;
    }

    @EventSourcingHandler
    void on(PowerItemReturned event) {
        review = ReviewStatus.RETURNED;
    }

    @EventSourcingHandler
    void on(PowerItemApproved event) {
        review = ReviewStatus.APPROVED;
    }

    @EventSourcingHandler
    void on(PowerItemPublished event) {
        itemId = event.itemId();
        bodyId = event.bodyId();
        jurisdictionCode = event.jurisdictionCode();
        inForce(event.version(), event.content(), event.decision());
    }

    @EventSourcingHandler
    void on(PowerItemAmended event) {
        inForce(event.version(), event.content(), event.decision());
    }

    @EventSourcingHandler
    void on(PowerItemCancelled event) {
        decided(ListStatus.CANCELLED, event.decision());
    }

    @EventSourcingHandler
    void on(PowerItemTransferredOut event) {
        decided(ListStatus.TRANSFERRED, event.decision());
    }

    @EventSourcingHandler
    void on(PowerItemMergedInto event) {
        decided(ListStatus.MERGED, event.decision());
    }

    @EventSourcingHandler
    void on(PowerItemSuspended event) {
        decided(ListStatus.SUSPENDED, event.decision());
    }

    @EventSourcingHandler
    void on(PowerItemResumed event) {
        decided(ListStatus.IN_FORCE, event.decision());
    }

    @EventSourcingHandler
    void on(PowerItemKept event) {
        decided(listStatus, event.decision());
    }

    @EventSourcingHandler
    void on(PowerItemReceived event) {
        itemId = event.itemId();
        bodyId = event.bodyId();
        jurisdictionCode = event.jurisdictionCode();
        inForce(event.version(), event.content(), event.decision());
    }

    @EventSourcingHandler
    void on(PowerItemDelegated event) {
        delegations.add(event.delegationId());
        if (event.mode() == DelegationMode.DEVOLVE) {
            devolvedBy = event.delegationId();
            decided(ListStatus.DEVOLVED, event.decision());
        }
    }

    @EventSourcingHandler
    void on(PowerItemDelegationRefused event) {
        refusedDelegations.add(event.delegationId());
    }

    @EventSourcingHandler
    void on(PowerItemRecalled event) {
        decided(ListStatus.RECALLED, event.decision());
    }

    @EventSourcingHandler
    void on(PowerItemRestored event) {
        devolvedBy = null;
        decided(ListStatus.IN_FORCE, event.decision());
    }

    @EventSourcingHandler
    void on(PowerItemPassedToSuccessor event) {
        bodyId = event.toBodyId();
        jurisdictionCode = event.jurisdictionCode();
        LocalDate passedOn = event.decision().effectiveDate();
        if (lastEffectiveDate == null || passedOn.isAfter(lastEffectiveDate)) {
            lastEffectiveDate = passedOn;
        }
    }

    private void pending(ChangeKind kind, ReviewStatus status) {
        pendingKind = kind;
        review = status;
    }

    private void inForce(int version, ItemContent newContent, Decision decision) {
        publishedVersion = version;
        content = newContent;
        decided(ListStatus.IN_FORCE, decision);
    }

    private void decided(ListStatus status, Decision decision) {
        listStatus = status;
        lastEffectiveDate = decision.effectiveDate();
        clearPending();
    }

    private void clearPending() {
        pendingKind = null;
        review = ReviewStatus.NONE;
        pendingContent = null;
        pendingReason = null;
        mergeTarget = null;
        transferee = null;
    }

    // --- rules --------------------------------------------------------------------------------------------------

    /** The rules an item's content must meet whatever its state. */
    static void checkContent(ItemContent content, CodeFormats formats) {
        require(content != null, "content-required", "必须填写事项内容");
        require(content.name() != null && !content.name().isBlank(), "item-name-required", "事项名称不能为空");
        require(content.type() != null, "item-type-required", "必须说明事项类型");
        require(content.legalLimitDays() >= 0 && content.promisedLimitDays() >= 0, "limits-not-negative",
                "时限不能为负数");
        require(content.promisedLimitDays() <= content.legalLimitDays(), "promised-within-legal",
                "承诺时限(" + content.promisedLimitDays() + "个工作日)不得超过法定时限(" + content.legalLimitDays()
                        + "个工作日)");
        var publicity = content.publicity();
        require(publicity.isPublic() || (strippedOrNull(publicity.reason()) != null
                        && strippedOrNull(publicity.filingReference()) != null), "non-public-needs-reason-and-filing",
                "不予公开的事项必须说明理由并注明备案文号");
        String catalogueProblem = formats.problemWithCatalogueCode(content.catalogueCode());
        require(catalogueProblem == null, "catalogue-code-format", catalogueProblem);
        String implementationProblem = formats.problemWithImplementationCode(content.implementationCode());
        require(implementationProblem == null, "implementation-code-format", implementationProblem);
    }

    /** A village committee is not an administrative subject: it may not take on these powers by a new decision. */
    static void requireVillageMayHold(ItemContent content, JurisdictionLevel level) {
        require(!(level == JurisdictionLevel.VILLAGE && content.type().forbiddenAtVillageLevel()),
                "village-forbidden-category", "村(社区)不得承接" + content.type().label() + "事项");
    }

    private static void requireLegalBasis(ItemContent content) {
        require(!content.type().isPower() || content.hasPowerFoundingBasis(), "legal-basis-required",
                "行政权力事项必须有法律、法规、规章或三定方案作为设定依据,否则应予取消");
    }

    private void requireMergeTarget(String target, ItemDirectory items) {
        require(target != null && !target.equals(itemId), "merge-target-required", "整合必须指明并入的另一事项");
        var listed = items.item(target).orElseThrow(() -> new RuleViolation("merge-target-exists",
                "并入的事项 " + target + " 不存在"));
        require(listed.listStatus() == ListStatus.IN_FORCE, "merge-target-in-force", "并入的事项必须是有效事项");
        require(listed.jurisdictionCode().equals(jurisdictionCode), "merge-target-same-jurisdiction",
                "只能并入同一行政区划的事项");
    }

    private void requireOnTheList(String action) {
        require(ON_THE_LIST.contains(listStatus), "item-on-the-list",
                "事项当前状态为“" + listStatus.label() + "”,不能" + action);
    }

    private void requireNothingPending() {
        require(pendingKind == null, "one-change-at-a-time",
                "该事项已有待处理的" + (pendingKind == null ? "" : pendingKind.label()) + "(" + review.label() + "),请先办结或撤回");
    }

    /** @param kinds null: any pending kind */
    private void requirePending(String action, Set<ChangeKind> kinds, ReviewStatus... allowed) {
        boolean kindFits = pendingKind != null && (kinds == null || kinds.contains(pendingKind));
        boolean reviewFits = Set.of(allowed).contains(review);
        if (!kindFits || !reviewFits) {
            throw new RuleViolation("invalid-transition", "事项当前"
                    + (pendingKind == null ? "没有待审变更" : "的" + pendingKind.label() + "处于“" + review.label() + "”")
                    + ",不能执行 " + action);
        }
    }

    private void requireClerkOfThisBody(Actor actor) {
        Authority.requireRole(actor, Role.BODY_CLERK);
        Authority.requireOwnBody(actor, bodyId);
    }

    private void requireClerkOfThisBodyOrReformOffice(Actor actor, PlaceDirectory places) {
        Authority.requireRole(actor, Role.BODY_CLERK, Role.REFORM_OFFICE);
        if (actor.role() == Role.BODY_CLERK) {
            Authority.requireOwnBody(actor, bodyId);
        } else {
            requireActsFor(actor, jurisdictionCode, places);
        }
    }

    private void requireReviewer(Actor actor, PlaceDirectory places) {
        Authority.requireRole(actor, Role.LEGAL_REVIEWER);
        requireActsFor(actor, jurisdictionCode, places);
    }

    /**
     * Institutional reform: a merged or abolished body takes on no new item, drafted or recorded. Its items have
     * passed to the successor or ended, and one drafted after the merger would be left behind.
     */
    private static void requireActiveBody(PlaceDirectory.RegisteredBody body) {
        require(body.isActive(), "body-active", body.whyInactive() + ",不能再为其起草或补录事项");
    }

    private static PlaceDirectory.RegisteredBody registeredBody(PlaceDirectory places, String bodyId) {
        return registered(places.body(bodyId), bodyId);
    }

    private static PlaceDirectory.RegisteredBody registered(Optional<PlaceDirectory.RegisteredBody> body,
                                                            String bodyId) {
        return body.orElseThrow(() -> new RuleViolation("body-registered", "实施主体 " + bodyId + " 尚未登记"));
    }

    private JurisdictionLevel jurisdictionLevel(PlaceDirectory places) {
        return places.jurisdiction(jurisdictionCode).map(PlaceDirectory.RegisteredJurisdiction::level)
                .orElseThrow(() -> new IllegalStateException("jurisdiction " + jurisdictionCode + " not in directory"));
    }

}
