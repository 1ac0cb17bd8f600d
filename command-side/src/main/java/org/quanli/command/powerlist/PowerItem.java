package org.quanli.command.powerlist;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.quanli.kernel.rules.RuleViolation.require;

import java.util.List;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.quanli.command.places.PlaceDirectory;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Authority;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.places.JurisdictionLevel;
import org.quanli.kernel.powerlist.ItemContent;
import org.quanli.kernel.powerlist.ItemStatus;
import org.quanli.kernel.powerlist.PowerListMessages.ApprovePowerItem;
import org.quanli.kernel.powerlist.PowerListMessages.DraftPowerItem;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemApproved;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemDrafted;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemPublished;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemReturned;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemSubmitted;
import org.quanli.kernel.powerlist.PowerListMessages.PublishPowerItem;
import org.quanli.kernel.powerlist.PowerListMessages.ReturnPowerItem;
import org.quanli.kernel.powerlist.PowerListMessages.SubmitPowerItem;
import org.quanli.kernel.rules.Forbidden;
import org.quanli.kernel.rules.RuleViolation;

/**
 * One power exercised by one implementing body. The body drafts it (谁行使、谁清理), the legal-affairs office reviews
 * it, the reform office publishes it by a document; only a published item is a valid power.
 */
@Aggregate
public class PowerItem {

    @AggregateIdentifier
    private String itemId;
    private String bodyId;
    private String jurisdictionCode;
    private ItemStatus status;
    private ItemContent content;
    private int publishedVersion;

    protected PowerItem() {
    }

    @CommandHandler
    public PowerItem(DraftPowerItem command, MetaData metaData, PlaceDirectory places) {
        Actor actor = Actor.fromMetaData(metaData);
        Authority.requireRole(actor, Role.BODY_CLERK);
        Authority.requireOwnBody(actor, command.bodyId());
        var body = places.body(command.bodyId()).orElseThrow(() -> new RuleViolation(
                "body-registered", "实施主体 " + command.bodyId() + " 尚未登记"));
        checkContent(command.content(), body.jurisdictionLevel());
        apply(new PowerItemDrafted(command.itemId(), command.bodyId(), body.jurisdictionCode(), command.content()));
    }

    @CommandHandler
    void handle(SubmitPowerItem command, MetaData metaData) {
        Actor actor = Actor.fromMetaData(metaData);
        Authority.requireRole(actor, Role.BODY_CLERK);
        Authority.requireOwnBody(actor, bodyId);
        requireStatus("submit", ItemStatus.DRAFT, ItemStatus.RETURNED);
        apply(new PowerItemSubmitted(itemId));
    }

    @CommandHandler
    void handle(ReturnPowerItem command, MetaData metaData, PlaceDirectory places) {
        requireReviewerOfThisJurisdiction(Actor.fromMetaData(metaData), places);
        requireStatus("return", ItemStatus.SUBMITTED);
        List<String> reasons = command.reasons() == null ? List.of()
                : command.reasons().stream().filter(r -> r != null && !r.isBlank()).map(String::strip).toList();
        require(!reasons.isEmpty(), "return-needs-reasons", "退回必须说明理由");
        apply(new PowerItemReturned(itemId, reasons));
    }

    @CommandHandler
    void handle(ApprovePowerItem command, MetaData metaData, PlaceDirectory places) {
        requireReviewerOfThisJurisdiction(Actor.fromMetaData(metaData), places);
        requireStatus("approve", ItemStatus.SUBMITTED);
        apply(new PowerItemApproved(itemId, command.opinion() == null ? null : command.opinion().strip()));
    }

    @CommandHandler
    void handle(PublishPowerItem command, MetaData metaData, PlaceDirectory places) {
        Actor actor = Actor.fromMetaData(metaData);
        Authority.requireRole(actor, Role.REFORM_OFFICE);
        requireActsForThisJurisdiction(actor, places);
        requireStatus("publish", ItemStatus.APPROVED);
        require(command.decision() != null, "decision-required", "发布必须注明文号和生效日期");
        require(!content.type().isPower() || content.hasPowerFoundingBasis(), "legal-basis-required",
                "行政权力事项必须有法律、法规、规章或三定方案作为设定依据,否则应予取消");
        apply(new PowerItemPublished(itemId, bodyId, jurisdictionCode, publishedVersion + 1, content,
                command.decision()));
    }

    @EventSourcingHandler
    void on(PowerItemDrafted event) {
        itemId = event.itemId();
        bodyId = event.bodyId();
        jurisdictionCode = event.jurisdictionCode();
        content = event.content();
        status = ItemStatus.DRAFT;
    }

    @EventSourcingHandler
    void on(PowerItemSubmitted event) {
        status = ItemStatus.SUBMITTED;
    }

    @EventSourcingHandler
    void on(PowerItemReturned event) {
        status = ItemStatus.RETURNED;
    }

    @EventSourcingHandler
    void on(PowerItemApproved event) {
        status = ItemStatus.APPROVED;
    }

    @EventSourcingHandler
    void on(PowerItemPublished event) {
        status = ItemStatus.PUBLISHED;
        publishedVersion = event.version();
    }

    /** The rules an item's content must meet whatever its state. */
    static void checkContent(ItemContent content, JurisdictionLevel level) {
        require(content != null, "content-required", "必须填写事项内容");
        require(content.name() != null && !content.name().isBlank(), "item-name-required", "事项名称不能为空");
        require(content.type() != null, "item-type-required", "必须说明事项类型");
        require(content.legalLimitDays() >= 0 && content.promisedLimitDays() >= 0, "limits-not-negative",
                "时限不能为负数");
        require(content.promisedLimitDays() <= content.legalLimitDays(), "promised-within-legal",
                "承诺时限(" + content.promisedLimitDays() + "个工作日)不得超过法定时限(" + content.legalLimitDays()
                        + "个工作日)");
        require(!(level == JurisdictionLevel.VILLAGE && content.type().forbiddenAtVillageLevel()),
                "village-forbidden-category", "村(社区)不得承接" + content.type().label() + "事项");
    }

    private void requireReviewerOfThisJurisdiction(Actor actor, PlaceDirectory places) {
        Authority.requireRole(actor, Role.LEGAL_REVIEWER);
        requireActsForThisJurisdiction(actor, places);
    }

    /** Reviewers and the reform office act for their own government's jurisdiction and the ones below it. */
    private void requireActsForThisJurisdiction(Actor actor, PlaceDirectory places) {
        String actorJurisdiction = actor.bodyId() == null ? null
                : places.body(actor.bodyId()).map(PlaceDirectory.RegisteredBody::jurisdictionCode).orElse(null);
        if (actorJurisdiction == null || !places.isSameOrBelow(jurisdictionCode, actorJurisdiction)) {
            throw new Forbidden("只能审核或发布本级及下级行政区划的事项,该事项属于 " + jurisdictionCode);
        }
    }

    private void requireStatus(String action, ItemStatus... allowed) {
        for (ItemStatus s : allowed) {
            if (status == s) {
                return;
            }
        }
        throw new RuleViolation("invalid-transition", "事项当前状态为“" + status.label() + "”,不能执行 " + action);
    }
}
