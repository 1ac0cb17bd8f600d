package org.quanli.command.powerlist;

import static org.quanli.command.Fixtures.*;

import java.time.LocalDate;
import java.util.List;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.decision.Decision;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.powerlist.ChangeKind;
import org.quanli.kernel.powerlist.ItemContent;
import org.quanli.kernel.powerlist.ListStatus;
import org.quanli.kernel.powerlist.ReviewStatus;
import org.quanli.kernel.powerlist.PowerListMessages.*;
import org.quanli.kernel.rules.Forbidden;
import org.quanli.kernel.rules.RuleViolation;

/** Changes to a published item: amendments, clean-up adjustments, withdrawal, back-filling and succession. */
class PowerItemChangesTest {

    private static final String ITEM = "item-1";
    private static final String OTHER = "item-2";
    private static final Decision FIRST = new Decision("德府发〔2013〕24号", LocalDate.of(2013, 7, 1));
    private static final Decision LATER = new Decision("德府发〔2016〕8号", LocalDate.of(2016, 3, 1));

    private AggregateTestFixture<PowerItem> fixture;
    private final InMemoryItemDirectory items = new InMemoryItemDirectory();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PowerItem.class);
        fixture.registerInjectableResource(deyang());
        fixture.registerInjectableResource(CodeFormats.UNCHECKED);
        fixture.registerInjectableResource(items);
        items.item(OTHER, MARKET_BUREAU, DEYANG, ListStatus.IN_FORCE);
    }

    private static PowerItemPublished published() {
        return new PowerItemPublished(ITEM, MARKET_BUREAU, DEYANG, 1, foodLicence(), FIRST, null);
    }

    private static ItemContent fasterLicence() {
        var licence = foodLicence();
        return new ItemContent(licence.name(), licence.type(), licence.legalBases(), licence.legalLimitDays(), 5);
    }

    private static PowerItemAdjustmentProposed proposed(ChangeKind kind) {
        return new PowerItemAdjustmentProposed(ITEM, kind, "理由", kind == ChangeKind.MERGE ? OTHER : null,
                kind == ChangeKind.TRANSFER_OUT ? "德阳市餐饮行业协会" : null);
    }

    // --- amendments ---------------------------------------------------------------------------------------------

    @Test
    void theBodyDraftsAnAmendmentOfAPublishedItem() {
        fixture.given(published())
                .when(new DraftAmendment(ITEM, fasterLicence(), null), clerk())
                .expectEvents(new PowerItemAmendmentDrafted(ITEM, fasterLicence()));
    }

    @Test
    void anAmendmentMustChangeSomething() {
        fixture.given(published())
                .when(new DraftAmendment(ITEM, foodLicence(), null), clerk())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("变更内容与现行版本相同");
    }

    @Test
    void anUnpublishedItemIsRevisedNotAmended() {
        fixture.given(new PowerItemDrafted(ITEM, MARKET_BUREAU, DEYANG, foodLicence()))
                .when(new DraftAmendment(ITEM, fasterLicence(), null), clerk())
                .expectException(RuleViolation.class);
        fixture.given(new PowerItemDrafted(ITEM, MARKET_BUREAU, DEYANG, foodLicence()))
                .when(new ReviseDraft(ITEM, fasterLicence(), null), clerk())
                .expectEvents(new PowerItemDraftRevised(ITEM, fasterLicence()));
    }

    @Test
    void aSubmittedDraftCannotBeRevised() {
        fixture.given(new PowerItemDrafted(ITEM, MARKET_BUREAU, DEYANG, foodLicence()), new PowerItemSubmitted(ITEM))
                .when(new ReviseDraft(ITEM, fasterLicence(), null), clerk())
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void anApprovedAmendmentBecomesTheNextVersionNamingWhatChanged() {
        fixture.given(published(), new PowerItemAmendmentDrafted(ITEM, fasterLicence()), new PowerItemSubmitted(ITEM),
                        new PowerItemApproved(ITEM, null))
                .when(new PublishPowerItem(ITEM, LATER, null), reformOffice())
                .expectEvents(new PowerItemAmended(ITEM, MARKET_BUREAU, DEYANG, 2, fasterLicence(),
                        List.of("promisedLimitDays"), LATER));
    }

    @Test
    void anAmendmentTakesNoEffectWithoutReview() {
        fixture.given(published(), new PowerItemAmendmentDrafted(ITEM, fasterLicence()), new PowerItemSubmitted(ITEM))
                .when(new PublishPowerItem(ITEM, LATER, null), reformOffice())
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void effectiveDatesOfAnItemsDecisionsNeverRunBackwards() {
        Decision earlier = new Decision("德府发〔2012〕1号", LocalDate.of(2012, 1, 1));
        fixture.given(published(), new PowerItemAmendmentDrafted(ITEM, fasterLicence()), new PowerItemSubmitted(ITEM),
                        new PowerItemApproved(ITEM, null))
                .when(new PublishPowerItem(ITEM, earlier, null), reformOffice())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("生效日期不得早于该事项上一次决定的生效日期(2013-07-01)");
    }

    @Test
    void onlyOneChangeIsPendingAtATime() {
        fixture.given(published(), new PowerItemAmendmentDrafted(ITEM, fasterLicence()))
                .when(new ProposeAdjustment(ITEM, ChangeKind.CANCEL, "无法律依据", null, null, null), reformOffice())
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    // --- adjustments --------------------------------------------------------------------------------------------

    @Test
    void theReformOfficeProposesACancellationWhichGoesStraightToReview() {
        fixture.given(published())
                .when(new ProposeAdjustment(ITEM, ChangeKind.CANCEL, "设定依据已废止", null, null, null), reformOffice())
                .expectEvents(new PowerItemAdjustmentProposed(ITEM, ChangeKind.CANCEL, "设定依据已废止", null, null));
        fixture.given(published(), proposed(ChangeKind.CANCEL))
                .when(new ApprovePowerItem(ITEM, "同意取消", null), reviewer())
                .expectEvents(new PowerItemApproved(ITEM, "同意取消"));
    }

    @Test
    void anAdjustmentIsSubmittedByProposingItSoSubmitRecordsNothingAndSaysWhereItStands() {
        fixture.given(published(), proposed(ChangeKind.CANCEL))
                .when(new SubmitPowerItem(ITEM, null), reformOffice())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(new AlreadySubmitted(ITEM, ChangeKind.CANCEL, ReviewStatus.SUBMITTED,
                        "调整(取消)一经提出即已报送审核,当前为“待审核”,无需再次报送"));
        fixture.given(published(), proposed(ChangeKind.SUSPEND), new PowerItemApproved(ITEM, null))
                .when(new SubmitPowerItem(ITEM, null), clerk())
                .expectNoEvents()
                .expectResultMessagePayload(new AlreadySubmitted(ITEM, ChangeKind.SUSPEND, ReviewStatus.APPROVED,
                        "调整(暂停执行)一经提出即已报送审核,当前为“审核通过”,无需再次报送"));
    }

    @Test
    void aReturnedAdjustmentIsSubmittedAgain() {
        fixture.given(published(), proposed(ChangeKind.CANCEL), new PowerItemReturned(ITEM, List.of("理由不充分")))
                .when(new SubmitPowerItem(ITEM, null), reformOffice())
                .expectEvents(new PowerItemSubmitted(ITEM))
                .expectResultMessagePayload(null);
    }

    @Test
    void eachApprovedAdjustmentIsDecidedAsItsOwnEvent() {
        fixture.given(published(), proposed(ChangeKind.CANCEL), new PowerItemApproved(ITEM, null))
                .when(new PublishPowerItem(ITEM, LATER, null), reformOffice())
                .expectEvents(new PowerItemCancelled(ITEM, MARKET_BUREAU, DEYANG, "理由", LATER));
        fixture.given(published(), proposed(ChangeKind.TRANSFER_OUT), new PowerItemApproved(ITEM, null))
                .when(new PublishPowerItem(ITEM, LATER, null), reformOffice())
                .expectEvents(new PowerItemTransferredOut(ITEM, MARKET_BUREAU, DEYANG, "德阳市餐饮行业协会", "理由", LATER));
        fixture.given(published(), proposed(ChangeKind.MERGE), new PowerItemApproved(ITEM, null))
                .when(new PublishPowerItem(ITEM, LATER, null), reformOffice())
                .expectEvents(new PowerItemMergedInto(ITEM, MARKET_BUREAU, DEYANG, OTHER, "理由", LATER));
        fixture.given(published(), proposed(ChangeKind.SUSPEND), new PowerItemApproved(ITEM, null))
                .when(new PublishPowerItem(ITEM, LATER, null), reformOffice())
                .expectEvents(new PowerItemSuspended(ITEM, MARKET_BUREAU, DEYANG, "理由", LATER));
        fixture.given(published(), proposed(ChangeKind.KEEP), new PowerItemApproved(ITEM, null))
                .when(new PublishPowerItem(ITEM, LATER, null), reformOffice())
                .expectEvents(new PowerItemKept(ITEM, MARKET_BUREAU, DEYANG, "理由", LATER));
    }

    @Test
    void onlyASuspendedItemIsResumed() {
        fixture.given(published())
                .when(new ProposeAdjustment(ITEM, ChangeKind.RESUME, "恢复", null, null, null), reformOffice())
                .expectException(RuleViolation.class);
        fixture.given(published(), new PowerItemSuspended(ITEM, MARKET_BUREAU, DEYANG, "暂停", LATER))
                .when(new ProposeAdjustment(ITEM, ChangeKind.RESUME, "条件已具备", null, null, null), reformOffice())
                .expectEvents(new PowerItemAdjustmentProposed(ITEM, ChangeKind.RESUME, "条件已具备", null, null));
    }

    @Test
    void aSuspendedItemMayBeCancelledButNotMergedOrSuspendedAgain() {
        var suspended = new PowerItemSuspended(ITEM, MARKET_BUREAU, DEYANG, "暂停", LATER);
        fixture.given(published(), suspended)
                .when(new ProposeAdjustment(ITEM, ChangeKind.CANCEL, "不再恢复", null, null, null), reformOffice())
                .expectSuccessfulHandlerExecution();
        fixture.given(published(), suspended)
                .when(new ProposeAdjustment(ITEM, ChangeKind.SUSPEND, "再次暂停", null, null, null), reformOffice())
                .expectException(RuleViolation.class);
    }

    @Test
    void anAdjustmentOtherThanKeepNeedsAReason() {
        fixture.given(published())
                .when(new ProposeAdjustment(ITEM, ChangeKind.SUSPEND, " ", null, null, null), reformOffice())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("暂停执行必须说明理由");
        fixture.given(published())
                .when(new ProposeAdjustment(ITEM, ChangeKind.KEEP, null, null, null, null), reformOffice())
                .expectEvents(new PowerItemAdjustmentProposed(ITEM, ChangeKind.KEEP, null, null, null));
    }

    @Test
    void aMergeNamesAnotherItemInForceInTheSameJurisdiction() {
        fixture.given(published())
                .when(new ProposeAdjustment(ITEM, ChangeKind.MERGE, "职能相近", ITEM, null, null), reformOffice())
                .expectException(RuleViolation.class);
        fixture.given(published())
                .when(new ProposeAdjustment(ITEM, ChangeKind.MERGE, "职能相近", "no-such-item", null, null), reformOffice())
                .expectException(RuleViolation.class);
        items.item("cancelled", MARKET_BUREAU, DEYANG, ListStatus.CANCELLED);
        fixture.given(published())
                .when(new ProposeAdjustment(ITEM, ChangeKind.MERGE, "职能相近", "cancelled", null, null), reformOffice())
                .expectException(RuleViolation.class);
        items.item("in-guanghan", GUANGHAN_MARKET_BUREAU, GUANGHAN, ListStatus.IN_FORCE);
        fixture.given(published())
                .when(new ProposeAdjustment(ITEM, ChangeKind.MERGE, "职能相近", "in-guanghan", null, null), reformOffice())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("只能并入同一行政区划的事项");
    }

    @Test
    void aMergeIsRefusedAtDecisionIfItsTargetEndedMeanwhile() {
        items.item(OTHER, MARKET_BUREAU, DEYANG, ListStatus.CANCELLED);
        fixture.given(published(), proposed(ChangeKind.MERGE), new PowerItemApproved(ITEM, null))
                .when(new PublishPowerItem(ITEM, LATER, null), reformOffice())
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void aTransferOutNamesWhoTakesTheMatterOver() {
        fixture.given(published())
                .when(new ProposeAdjustment(ITEM, ChangeKind.TRANSFER_OUT, "交由行业协会", null, " ", null), reformOffice())
                .expectException(RuleViolation.class);
    }

    @Test
    void anEndedItemTakesNoFurtherChange() {
        var cancelled = new PowerItemCancelled(ITEM, MARKET_BUREAU, DEYANG, "取消", LATER);
        fixture.given(published(), cancelled)
                .when(new DraftAmendment(ITEM, fasterLicence(), null), clerk())
                .expectException(RuleViolation.class);
        fixture.given(published(), cancelled)
                .when(new ProposeAdjustment(ITEM, ChangeKind.KEEP, null, null, null, null), reformOffice())
                .expectException(RuleViolation.class);
        fixture.given(published(), cancelled)
                .when(new PassItemToSuccessor(ITEM, GUANGHAN_MARKET_BUREAU, LATER), reformOffice())
                .expectException(RuleViolation.class);
    }

    @Test
    void aReformOfficeActsOnlyForItsOwnJurisdictionAndThoseBelow() {
        fixture.given(published())
                .when(new ProposeAdjustment(ITEM, ChangeKind.CANCEL, "取消", null, null, null),
                        as(Role.REFORM_OFFICE, GUANGHAN_REFORM_OFFICE))
                .expectException(Forbidden.class);
    }

    @Test
    void aClerkMayProposeAnAdjustmentOfTheirOwnBodysItemOnly() {
        fixture.given(published())
                .when(new ProposeAdjustment(ITEM, ChangeKind.CANCEL, "职能已调整", null, null, null), clerk())
                .expectSuccessfulHandlerExecution();
        fixture.given(published())
                .when(new ProposeAdjustment(ITEM, ChangeKind.CANCEL, "职能已调整", null, null, null),
                        as(Role.BODY_CLERK, GUANGHAN_MARKET_BUREAU))
                .expectException(Forbidden.class);
    }

    // --- withdrawal ---------------------------------------------------------------------------------------------

    @Test
    void aReturnedAdjustmentCanBeWithdrawnButAnApprovedOneMustBeDecided() {
        fixture.given(published(), proposed(ChangeKind.CANCEL), new PowerItemReturned(ITEM, List.of("理由不充分")))
                .when(new WithdrawPendingChange(ITEM, "不再取消", null), reformOffice())
                .expectEvents(new PowerItemChangeWithdrawn(ITEM, ChangeKind.CANCEL, "不再取消"));
        fixture.given(published(), proposed(ChangeKind.CANCEL), new PowerItemApproved(ITEM, null))
                .when(new WithdrawPendingChange(ITEM, null, null), reformOffice())
                .expectException(RuleViolation.class);
    }

    @Test
    void aWithdrawnFirstDraftEndsTheItem() {
        fixture.given(new PowerItemDrafted(ITEM, MARKET_BUREAU, DEYANG, foodLicence()),
                        new PowerItemChangeWithdrawn(ITEM, ChangeKind.PUBLISH, "不再设立"))
                .when(new ReviseDraft(ITEM, fasterLicence(), null), clerk())
                .expectException(RuleViolation.class);
        fixture.given(new PowerItemDrafted(ITEM, MARKET_BUREAU, DEYANG, foodLicence()),
                        new PowerItemChangeWithdrawn(ITEM, ChangeKind.PUBLISH, "不再设立"))
                .when(new PassItemToSuccessor(ITEM, GUANGHAN_MARKET_BUREAU, LATER), reformOffice())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("事项当前状态为“草稿已撤回”,不再划转");
    }

    @Test
    void afterAWithdrawalANewChangeMayBeProposed() {
        fixture.given(published(), proposed(ChangeKind.CANCEL), new PowerItemChangeWithdrawn(ITEM, ChangeKind.CANCEL, null))
                .when(new DraftAmendment(ITEM, fasterLicence(), null), clerk())
                .expectEvents(new PowerItemAmendmentDrafted(ITEM, fasterLicence()));
    }

    // --- content rules ------------------------------------------------------------------------------------------

    @Test
    void aNonPublicItemNeedsAReasonAndAFilingReference() {
        var licence = foodLicence();
        ItemContent hidden = new ItemContent(licence.name(), licence.type(), licence.legalBases(), 20, 10, null, null,
                null, null, null, null, null, null, null, null, null, null, null,
                new ItemContent.Publicity(false, "涉及国家秘密", null));
        fixture.givenNoPriorActivity()
                .when(new DraftPowerItem(ITEM, MARKET_BUREAU, hidden), clerk())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("不予公开的事项必须说明理由并注明备案文号");
    }

    @Test
    void itemCodesMustMatchTheConfiguredProvincialFormat() {
        var fixture = new AggregateTestFixture<>(PowerItem.class);
        fixture.registerInjectableResource(deyang());
        fixture.registerInjectableResource(items);
        fixture.registerInjectableResource(new CodeFormats("\\d{8}", "[0-9A-Z]{18}\\d{5}"));
        var licence = foodLicence();
        ItemContent coded = new ItemContent(licence.name(), licence.type(), licence.legalBases(), 20, 10, null,
                "11510600", "11510600008654321B3000", null, null, null, null, null, null, null, null, null, null, null);
        fixture.givenNoPriorActivity()
                .when(new DraftPowerItem(ITEM, MARKET_BUREAU, coded), clerk())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("实施编码 11510600008654321B3000 不符合本省配置的格式 [0-9A-Z]{18}\\d{5}");
        ItemContent wellCoded = new ItemContent(licence.name(), licence.type(), licence.legalBases(), 20, 10, null,
                "11510600", "11510600008654321B30001", null, null, null, null, null, null, null, null, null, null, null);
        fixture.givenNoPriorActivity()
                .when(new DraftPowerItem(ITEM, MARKET_BUREAU, wellCoded), clerk())
                .expectSuccessfulHandlerExecution();
    }

    // --- back-filling and succession ----------------------------------------------------------------------------

    @Test
    void theReformOfficeRecordsAnItemFromAPaperListAsPublishedByTheBatchDocument() {
        fixture.givenNoPriorActivity()
                .when(new RecordPublishedItem(ITEM, MARKET_BUREAU, foodLicence(), FIRST, "batch-1"), reformOffice())
                .expectEvents(new PowerItemPublished(ITEM, MARKET_BUREAU, DEYANG, 1, foodLicence(), FIRST, "batch-1"));
    }

    @Test
    void backFillingRefusesAVillageApprovalByTheDraftingRule() {
        ItemContent villageApproval = new ItemContent("村级宅基地审批", ItemType.LICENCE, foodLicence().legalBases(), 20, 20);
        fixture.givenNoPriorActivity()
                .when(new RecordPublishedItem(ITEM, VILLAGE_COMMITTEE, villageApproval, FIRST, "batch-1"), reformOffice())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("村(社区)不得承接行政许可事项")
                .expectNoEvents();
        ItemContent villageService = new ItemContent("代办便民服务", ItemType.PUBLIC_SERVICE, List.of(), 5, 0);
        fixture.givenNoPriorActivity()
                .when(new RecordPublishedItem(ITEM, VILLAGE_COMMITTEE, villageService, FIRST, "batch-1"), reformOffice())
                .expectEvents(new PowerItemPublished(ITEM, VILLAGE_COMMITTEE, VILLAGE, 1, villageService, FIRST, "batch-1"));
    }

    @Test
    void onlyTheReformOfficeBackFills() {
        fixture.givenNoPriorActivity()
                .when(new RecordPublishedItem(ITEM, MARKET_BUREAU, foodLicence(), FIRST, "batch-1"), clerk())
                .expectException(Forbidden.class);
    }

    @Test
    void anItemPassesToTheSuccessorOfItsMergedBody() {
        fixture.given(published())
                .when(new PassItemToSuccessor(ITEM, GUANGHAN_MARKET_BUREAU, LATER), reformOffice())
                .expectEvents(new PowerItemPassedToSuccessor(ITEM, MARKET_BUREAU, GUANGHAN_MARKET_BUREAU, GUANGHAN, LATER));
        fixture.given(published())
                .when(new PassItemToSuccessor(ITEM, MARKET_BUREAU, LATER), reformOffice())
                .expectException(RuleViolation.class);
    }
}
