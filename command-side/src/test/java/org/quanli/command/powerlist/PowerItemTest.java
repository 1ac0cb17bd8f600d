package org.quanli.command.powerlist;

import static org.quanli.command.Fixtures.*;

import java.time.LocalDate;
import java.util.List;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quanli.kernel.codes.ItemType;
import org.quanli.command.powerlist.InMemoryItemDirectory;
import org.quanli.kernel.decision.Decision;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.powerlist.ChangeKind;
import org.quanli.kernel.powerlist.ItemContent;
import org.quanli.kernel.powerlist.LegalBasis;
import org.quanli.kernel.powerlist.LegalBasisKind;
import org.quanli.kernel.powerlist.ReviewStatus;
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

class PowerItemTest {

    private static final String ITEM = "item-1";

    private AggregateTestFixture<PowerItem> fixture;
    private final InMemoryItemDirectory items = new InMemoryItemDirectory();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PowerItem.class);
        fixture.registerInjectableResource(deyang());
        fixture.registerInjectableResource(CodeFormats.UNCHECKED);
        fixture.registerInjectableResource(items);
    }

    private PowerItemDrafted drafted(ItemContent content) {
        return new PowerItemDrafted(ITEM, MARKET_BUREAU, DEYANG, content);
    }

    @Test
    void aClerkDraftsAnItemOfTheirOwnBodyInTheBodysJurisdiction() {
        fixture.givenNoPriorActivity()
                .when(new DraftPowerItem(ITEM, MARKET_BUREAU, foodLicence()), clerk())
                .expectSuccessfulHandlerExecution()
                .expectEvents(drafted(foodLicence()));
    }

    @Test
    void aClerkCannotDraftForAnotherBody() {
        fixture.givenNoPriorActivity()
                .when(new DraftPowerItem(ITEM, GUANGHAN_MARKET_BUREAU, foodLicence()), clerk())
                .expectException(Forbidden.class)
                .expectNoEvents();
    }

    @Test
    void onlyAClerkDrafts() {
        fixture.givenNoPriorActivity()
                .when(new DraftPowerItem(ITEM, MARKET_BUREAU, foodLicence()), as(Role.REFORM_OFFICE, MARKET_BUREAU))
                .expectException(Forbidden.class);
    }

    @Test
    void thePromisedLimitMayNotExceedTheLegalLimit() {
        ItemContent tooSlow = new ItemContent("食品经营许可", ItemType.LICENCE, foodLicence().legalBases(), 20, 21);
        fixture.givenNoPriorActivity()
                .when(new DraftPowerItem(ITEM, MARKET_BUREAU, tooSlow), clerk())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("承诺时限(21个工作日)不得超过法定时限(20个工作日)")
                .expectNoEvents();
    }

    @Test
    void aVillageBodyNeverHoldsLicencePenaltyCoercionOrLevyItems() {
        for (ItemType forbidden : List.of(ItemType.LICENCE, ItemType.PENALTY, ItemType.COERCION, ItemType.LEVY)) {
            ItemContent content = new ItemContent("村级事项", forbidden, foodLicence().legalBases(), 5, 5);
            fixture.givenNoPriorActivity()
                    .when(new DraftPowerItem(ITEM, VILLAGE_COMMITTEE, content), as(Role.BODY_CLERK, VILLAGE_COMMITTEE))
                    .expectException(RuleViolation.class)
                    .expectNoEvents();
        }
    }

    @Test
    void aVillageBodyMayHoldAPublicServiceItem() {
        ItemContent service = new ItemContent("代办便民服务", ItemType.PUBLIC_SERVICE, List.of(), 5, 0);
        fixture.givenNoPriorActivity()
                .when(new DraftPowerItem(ITEM, VILLAGE_COMMITTEE, service), as(Role.BODY_CLERK, VILLAGE_COMMITTEE))
                .expectEvents(new PowerItemDrafted(ITEM, VILLAGE_COMMITTEE, VILLAGE, service));
    }

    @Test
    void anUnregisteredBodyCannotDraft() {
        String unknown = "11510600MB1234567D";
        fixture.givenNoPriorActivity()
                .when(new DraftPowerItem(ITEM, unknown, foodLicence()), as(Role.BODY_CLERK, unknown))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("实施主体 " + unknown + " 尚未登记");
    }

    @Test
    void theClerkSubmitsADraftForReview() {
        fixture.given(drafted(foodLicence()))
                .when(new SubmitPowerItem(ITEM, null), clerk())
                .expectEvents(new PowerItemSubmitted(ITEM));
    }

    @Test
    void submittingADraftAgainRecordsNothingAndSaysItAwaitsReview() {
        fixture.given(drafted(foodLicence()), new PowerItemSubmitted(ITEM))
                .when(new SubmitPowerItem(ITEM, null), clerk())
                .expectNoEvents()
                .expectResultMessagePayload(new AlreadySubmitted(ITEM, ChangeKind.PUBLISH, ReviewStatus.SUBMITTED,
                        "发布已报送审核,当前为“待审核”,无需再次报送"));
    }

    @Test
    void nothingPendingCannotBeSubmitted() {
        fixture.given(new PowerItemPublished(ITEM, MARKET_BUREAU, DEYANG, 1, foodLicence(),
                        new Decision("德府发〔2013〕24号", LocalDate.of(2013, 7, 1)), null))
                .when(new SubmitPowerItem(ITEM, null), clerk())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("事项当前没有待审变更,不能执行 submit")
                .expectNoEvents();
    }

    @Test
    void theLegalReviewerReturnsWithReasonsAndTheClerkResubmits() {
        fixture.given(drafted(foodLicence()), new PowerItemSubmitted(ITEM))
                .when(new ReturnPowerItem(ITEM, List.of("设定依据条款有误"), null), reviewer())
                .expectEvents(new PowerItemReturned(ITEM, List.of("设定依据条款有误")));
        fixture.given(drafted(foodLicence()), new PowerItemSubmitted(ITEM), new PowerItemReturned(ITEM, List.of("x")))
                .when(new SubmitPowerItem(ITEM, null), clerk())
                .expectEvents(new PowerItemSubmitted(ITEM));
    }

    @Test
    void aReturnNeedsReasons() {
        fixture.given(drafted(foodLicence()), new PowerItemSubmitted(ITEM))
                .when(new ReturnPowerItem(ITEM, List.of(" "), null), reviewer())
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void onlyTheLegalReviewerApproves() {
        fixture.given(drafted(foodLicence()), new PowerItemSubmitted(ITEM))
                .when(new ApprovePowerItem(ITEM, "同意", null), reformOffice())
                .expectException(Forbidden.class);
        fixture.given(drafted(foodLicence()), new PowerItemSubmitted(ITEM))
                .when(new ApprovePowerItem(ITEM, "同意", null), reviewer())
                .expectEvents(new PowerItemApproved(ITEM, "同意"));
    }

    @Test
    void aReviewerOfAnotherJurisdictionCannotApprove() {
        fixture.given(drafted(foodLicence()), new PowerItemSubmitted(ITEM))
                .when(new ApprovePowerItem(ITEM, "同意", null), as(Role.LEGAL_REVIEWER, GUANGHAN_MARKET_BUREAU))
                .expectException(Forbidden.class);
    }

    @Test
    void aDraftCannotBeApprovedBeforeItIsSubmitted() {
        fixture.given(drafted(foodLicence()))
                .when(new ApprovePowerItem(ITEM, "同意", null), reviewer())
                .expectException(RuleViolation.class);
    }

    @Test
    void theReformOfficePublishesAnApprovedItemByADocumentAsVersionOne() {
        fixture.given(drafted(foodLicence()), new PowerItemSubmitted(ITEM), new PowerItemApproved(ITEM, "同意"))
                .when(new PublishPowerItem(ITEM, decision(), null), reformOffice())
                .expectEvents(new PowerItemPublished(ITEM, MARKET_BUREAU, DEYANG, 1, foodLicence(), decision(), null));
    }

    @Test
    void onlyTheReformOfficePublishes() {
        fixture.given(drafted(foodLicence()), new PowerItemSubmitted(ITEM), new PowerItemApproved(ITEM, "同意"))
                .when(new PublishPowerItem(ITEM, decision(), null), reviewer())
                .expectException(Forbidden.class);
    }

    @Test
    void anItemNotYetApprovedCannotBePublished() {
        fixture.given(drafted(foodLicence()), new PowerItemSubmitted(ITEM))
                .when(new PublishPowerItem(ITEM, decision(), null), reformOffice())
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void aPowerWithoutALegalBasisThatSetsPowersIsNotPublished() {
        ItemContent onlyANotice = new ItemContent("某项审批", ItemType.LICENCE,
                List.of(new LegalBasis(LegalBasisKind.NORMATIVE_DOCUMENT, "某某通知", null)), 20, 10);
        fixture.given(drafted(onlyANotice), new PowerItemSubmitted(ITEM), new PowerItemApproved(ITEM, null))
                .when(new PublishPowerItem(ITEM, decision(), null), reformOffice())
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void aPublicServiceNeedsNoPowerFoundingBasis() {
        ItemContent service = new ItemContent("政策咨询", ItemType.PUBLIC_SERVICE, List.of(), 1, 0);
        fixture.given(drafted(service), new PowerItemSubmitted(ITEM), new PowerItemApproved(ITEM, null))
                .when(new PublishPowerItem(ITEM, decision(), null), reformOffice())
                .expectEvents(new PowerItemPublished(ITEM, MARKET_BUREAU, DEYANG, 1, service, decision(), null));
    }
}
