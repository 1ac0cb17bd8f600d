package org.quanli.command.delegation;

import static org.quanli.command.Fixtures.*;

import java.time.LocalDate;
import java.util.List;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quanli.command.places.InMemoryPlaceDirectory;
import org.quanli.command.powerlist.InMemoryItemDirectory;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.codes.PowerSource;
import org.quanli.kernel.decision.Decision;
import org.quanli.kernel.delegation.CapacityGapKind;
import org.quanli.kernel.delegation.DelegationMessages.*;
import org.quanli.kernel.delegation.GuidanceForm;
import org.quanli.kernel.delegation.DelegationMode;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.places.JurisdictionLevel;
import org.quanli.kernel.powerlist.ListStatus;
import org.quanli.kernel.rules.Forbidden;
import org.quanli.kernel.rules.RuleViolation;

class DelegationTest {

    private static final String DELEGATION = "delegation-1";
    private static final String LICENCE = "licence";
    private static final String PENALTY = "penalty";
    private static final String ENTRUSTED = "entrusted";
    private static final LocalDate HELD_FROM = LocalDate.of(2013, 7, 1);
    private static final Decision DECISION = new Decision("德府发〔2015〕12号", LocalDate.of(2015, 6, 1));

    private AggregateTestFixture<Delegation> fixture;
    private InMemoryPlaceDirectory places;

    @BeforeEach
    void setUp() {
        InMemoryItemDirectory items = new InMemoryItemDirectory()
                .item(LICENCE, MARKET_BUREAU, DEYANG, ListStatus.IN_FORCE, ItemType.LICENCE, PowerSource.STATUTORY)
                .held(LICENCE, MARKET_BUREAU, DEYANG, HELD_FROM, null)
                .item(PENALTY, MARKET_BUREAU, DEYANG, ListStatus.IN_FORCE, ItemType.PENALTY, PowerSource.STATUTORY)
                .held(PENALTY, MARKET_BUREAU, DEYANG, HELD_FROM, null)
                .item(ENTRUSTED, GUANGHAN_MARKET_BUREAU, GUANGHAN, ListStatus.IN_FORCE, ItemType.LICENCE,
                        PowerSource.ENTRUSTED_FROM_ABOVE)
                .held(ENTRUSTED, GUANGHAN_MARKET_BUREAU, GUANGHAN, HELD_FROM, null);
        fixture = new AggregateTestFixture<>(Delegation.class);
        places = deyang();
        fixture.registerInjectableResource(places);
        fixture.registerInjectableResource(items);
    }

    private static DecideDelegation decide(DelegationMode mode, List<String> items, List<String> receivers) {
        LocalDate term = mode == DelegationMode.ENTRUST ? LocalDate.of(2018, 5, 31) : null;
        return new DecideDelegation(DELEGATION, mode, items, receivers, null, term, DECISION);
    }

    @Test
    void theCityDevolvesAnItemItHeldOnTheEffectiveDateToACountyBody() {
        fixture.givenNoPriorActivity()
                .when(new DecideDelegation(DELEGATION, DelegationMode.DEVOLVE, List.of(LICENCE),
                        List.of(GUANGHAN_MARKET_BUREAU), LocalDate.of(2015, 12, 31), null, DECISION), reformOffice())
                .expectEvents(new DelegationDecided(DELEGATION, DelegationMode.DEVOLVE, DEYANG,
                        List.of(new DelegatedItem(LICENCE, MARKET_BUREAU, DEYANG, ItemType.LICENCE)),
                        List.of(new Receiver(GUANGHAN_MARKET_BUREAU, GUANGHAN, JurisdictionLevel.COUNTY)),
                        LocalDate.of(2015, 12, 31), null, DECISION));
    }

    @Test
    void aDepartmentCannotDelegateOnItsOwn() {
        fixture.givenNoPriorActivity()
                .when(decide(DelegationMode.DEVOLVE, List.of(LICENCE), List.of(GUANGHAN_MARKET_BUREAU)), clerk())
                .expectException(Forbidden.class)
                .expectExceptionMessage("下放、赋权、委托须由政府决定(编办办理),部门不能自行下放");
    }

    @Test
    void aCountyReformOfficeCannotDelegateTheCitysItems() {
        fixture.givenNoPriorActivity()
                .when(decide(DelegationMode.DEVOLVE, List.of(LICENCE), List.of(TOWNSHIP_GOVERNMENT)),
                        as(Role.REFORM_OFFICE, GUANGHAN_REFORM_OFFICE))
                .expectException(Forbidden.class);
    }

    @Test
    void aBodyCannotDelegateAnItemItDidNotHoldOnTheEffectiveDate() {
        Decision beforeItWasPublished = new Decision("德府发〔2012〕3号", LocalDate.of(2012, 1, 1));
        fixture.givenNoPriorActivity()
                .when(new DecideDelegation(DELEGATION, DelegationMode.DEVOLVE, List.of(LICENCE),
                        List.of(GUANGHAN_MARKET_BUREAU), null, null, beforeItWasPublished), reformOffice())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("事项 licence 在 2012-01-01 不在任何实施主体的有效清单上,不能下放");
    }

    @Test
    void penaltyPowersGoNoLowerThanTownship() {
        fixture.givenNoPriorActivity()
                .when(decide(DelegationMode.DEVOLVE, List.of(PENALTY), List.of(TOWNSHIP_GOVERNMENT)), reformOffice())
                .expectSuccessfulHandlerExecution();
        fixture.givenNoPriorActivity()
                .when(decide(DelegationMode.GRANT, List.of(PENALTY), List.of(VILLAGE_COMMITTEE)), reformOffice())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("行政处罚权最低下放到乡镇(街道)(行政处罚法第二十四条)");
    }

    @Test
    void noLicenceGoesToAVillage() {
        fixture.givenNoPriorActivity()
                .when(decide(DelegationMode.DEVOLVE, List.of(LICENCE), List.of(VILLAGE_COMMITTEE)), reformOffice())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("村(社区)不具备行政主体资格,不得承接行政许可事项");
    }

    @Test
    void aLicenceIsEntrustedOnlyToAnAdministrativeOrgan() {
        fixture.givenNoPriorActivity()
                .when(decide(DelegationMode.ENTRUST, List.of(LICENCE), List.of(GUANGHAN_SERVICE_CENTRE)), reformOffice())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("行政许可只能委托其他行政机关实施(行政许可法第二十四条)");
        fixture.givenNoPriorActivity()
                .when(decide(DelegationMode.ENTRUST, List.of(LICENCE), List.of(GUANGHAN_MARKET_BUREAU)), reformOffice())
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void whatIsEntrustedIsNotPassedOnFurther() {
        fixture.givenNoPriorActivity()
                .when(decide(DelegationMode.ENTRUST, List.of(ENTRUSTED), List.of(TOWNSHIP_GOVERNMENT)), reformOffice())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("事项 entrusted 是受委托行使的职权,受委托方不得再委托或下放");
    }

    @Test
    void anEntrustmentIsAnnouncedWithItsTerm() {
        fixture.givenNoPriorActivity()
                .when(new DecideDelegation(DELEGATION, DelegationMode.ENTRUST, List.of(LICENCE),
                        List.of(GUANGHAN_MARKET_BUREAU), null, null, DECISION), reformOffice())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("委托必须公告委托期限,期限截止日应晚于生效日期");
    }

    @Test
    void aTransitionPeriodBelongsToADevolutionAndEndsAfterItTakesEffect() {
        fixture.givenNoPriorActivity()
                .when(new DecideDelegation(DELEGATION, DelegationMode.GRANT, List.of(LICENCE),
                        List.of(GUANGHAN_MARKET_BUREAU), LocalDate.of(2015, 12, 31), null, DECISION), reformOffice())
                .expectException(RuleViolation.class);
        fixture.givenNoPriorActivity()
                .when(new DecideDelegation(DELEGATION, DelegationMode.DEVOLVE, List.of(LICENCE),
                        List.of(GUANGHAN_MARKET_BUREAU), LocalDate.of(2015, 1, 1), null, DECISION), reformOffice())
                .expectException(RuleViolation.class);
    }

    @Test
    void aDevolutionGoesDownALevelWhileAGrantMayStayAtTheSameLevel() {
        fixture.givenNoPriorActivity()
                .when(decide(DelegationMode.DEVOLVE, List.of(LICENCE), List.of(JUSTICE_BUREAU)), reformOffice())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("下放只能下放到下级行政区划的单位");
        fixture.givenNoPriorActivity()
                .when(decide(DelegationMode.GRANT, List.of(LICENCE), List.of(JUSTICE_BUREAU)), reformOffice())
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void anAbolishedBodyReceivesNothingWhileAMergedOnePassesItOn() {
        places.abolished(GUANGHAN_MARKET_BUREAU);
        fixture.givenNoPriorActivity()
                .when(decide(DelegationMode.DEVOLVE, List.of(LICENCE), List.of(GUANGHAN_MARKET_BUREAU)), reformOffice())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("承接单位“单位" + GUANGHAN_MARKET_BUREAU + "”已撤销,不能承接事项")
                .expectNoEvents();
    }

    @Test
    void aBodyMergedIntoAnAbolishedOneReceivesNothing() {
        places.merged(GUANGHAN_MARKET_BUREAU, GUANGHAN_SERVICE_CENTRE).abolished(GUANGHAN_SERVICE_CENTRE);
        fixture.givenNoPriorActivity()
                .when(decide(DelegationMode.DEVOLVE, List.of(LICENCE), List.of(GUANGHAN_MARKET_BUREAU)), reformOffice())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("承接单位“单位" + GUANGHAN_MARKET_BUREAU + "”的事项将划转至“单位"
                        + GUANGHAN_SERVICE_CENTRE + "”,而该单位已撤销,不能承接事项")
                .expectNoEvents();
    }

    @Test
    void aMergedBodyMayBeNamedAsReceiver() {
        places.merged(GUANGHAN_MARKET_BUREAU, TOWNSHIP_GOVERNMENT);
        fixture.givenNoPriorActivity()
                .when(decide(DelegationMode.DEVOLVE, List.of(LICENCE), List.of(GUANGHAN_MARKET_BUREAU)), reformOffice())
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void theHolderDoesNotReceiveItsOwnItem() {
        fixture.givenNoPriorActivity()
                .when(decide(DelegationMode.GRANT, List.of(LICENCE), List.of(MARKET_BUREAU)), reformOffice())
                .expectException(RuleViolation.class);
    }

    @Test
    void itemsAndReceiversAreListedOnceEach() {
        fixture.givenNoPriorActivity()
                .when(decide(DelegationMode.DEVOLVE, List.of(LICENCE, LICENCE), List.of(GUANGHAN_MARKET_BUREAU)),
                        reformOffice())
                .expectException(RuleViolation.class);
        fixture.givenNoPriorActivity()
                .when(decide(DelegationMode.DEVOLVE, List.of(), List.of(GUANGHAN_MARKET_BUREAU)), reformOffice())
                .expectException(RuleViolation.class);
    }

    // --- after the decision -------------------------------------------------------------------------------------

    private static DelegationDecided devolved() {
        return new DelegationDecided(DELEGATION, DelegationMode.DEVOLVE, DEYANG,
                List.of(new DelegatedItem(LICENCE, MARKET_BUREAU, DEYANG, ItemType.LICENCE)),
                List.of(new Receiver(GUANGHAN_MARKET_BUREAU, GUANGHAN, JurisdictionLevel.COUNTY)), null, null, DECISION);
    }

    private static final java.util.Map<String, String> RECEIVER_CLERK = as(Role.BODY_CLERK, GUANGHAN_MARKET_BUREAU);

    @Test
    void theReceiverConfirmsItHasTakenThePowerOn() {
        fixture.given(devolved())
                .when(new ConfirmReceipt(DELEGATION, GUANGHAN_MARKET_BUREAU, LocalDate.of(2015, 7, 1)), RECEIVER_CLERK)
                .expectEvents(new ReceiptConfirmed(DELEGATION, GUANGHAN_MARKET_BUREAU, LocalDate.of(2015, 7, 1)));
        fixture.given(devolved())
                .when(new ConfirmReceipt(DELEGATION, GUANGHAN_MARKET_BUREAU, LocalDate.of(2015, 7, 1)), clerk())
                .expectException(Forbidden.class);
        fixture.given(devolved())
                .when(new ConfirmReceipt(DELEGATION, TOWNSHIP_GOVERNMENT, LocalDate.of(2015, 7, 1)), reformOffice())
                .expectException(RuleViolation.class);
    }

    @Test
    void aCapacityGapIsReportedWithAMeasureALeadBodyAndADeadlineAndClosedOnce() {
        var reported = new CapacityGapReported(DELEGATION, "gap-1", GUANGHAN_MARKET_BUREAU, CapacityGapKind.STAFF,
                "缺少专业技术人员", "公开招聘专业技术人员", GUANGHAN_REFORM_OFFICE, LocalDate.of(2017, 6, 30));
        fixture.given(devolved())
                .when(new ReportCapacityGap(DELEGATION, "gap-1", GUANGHAN_MARKET_BUREAU, CapacityGapKind.STAFF,
                        "缺少专业技术人员", "公开招聘专业技术人员", GUANGHAN_REFORM_OFFICE, LocalDate.of(2017, 6, 30)),
                        RECEIVER_CLERK)
                .expectEvents(reported);
        fixture.given(devolved())
                .when(new ReportCapacityGap(DELEGATION, "gap-1", GUANGHAN_MARKET_BUREAU, CapacityGapKind.STAFF,
                        "缺少专业技术人员", " ", GUANGHAN_REFORM_OFFICE, LocalDate.of(2017, 6, 30)), RECEIVER_CLERK)
                .expectException(RuleViolation.class)
                .expectExceptionMessage("必须说明整改措施");
        fixture.given(devolved(), reported)
                .when(new CloseCapacityGap(DELEGATION, "gap-1", LocalDate.of(2017, 6, 20), "已招聘3名专业人员"),
                        RECEIVER_CLERK)
                .expectEvents(new CapacityGapClosed(DELEGATION, "gap-1", GUANGHAN_MARKET_BUREAU,
                        LocalDate.of(2017, 6, 20), "已招聘3名专业人员"));
        fixture.given(devolved(), reported, new CapacityGapClosed(DELEGATION, "gap-1", GUANGHAN_MARKET_BUREAU,
                        LocalDate.of(2017, 6, 20), null))
                .when(new CloseCapacityGap(DELEGATION, "gap-1", LocalDate.of(2017, 6, 21), null), RECEIVER_CLERK)
                .expectException(RuleViolation.class);
    }

    @Test
    void guidanceIsRecordedByTheDevolvingBody() {
        fixture.given(devolved())
                .when(new RecordGuidance(DELEGATION, MARKET_BUREAU, LocalDate.of(2015, 7, 10), GuidanceForm.TRAINING,
                        "食品经营许可审查要点培训"), clerk())
                .expectEvents(new GuidanceRecorded(DELEGATION, MARKET_BUREAU, LocalDate.of(2015, 7, 10),
                        GuidanceForm.TRAINING, "食品经营许可审查要点培训"));
        fixture.given(devolved())
                .when(new RecordGuidance(DELEGATION, GUANGHAN_MARKET_BUREAU, LocalDate.of(2015, 7, 10),
                        GuidanceForm.TRAINING, null), RECEIVER_CLERK)
                .expectException(RuleViolation.class);
    }

    @Test
    void theDevolvingBodyActsOnTheReceiversBehalfUntilADateAndTheHandoverIsRecorded() {
        fixture.given(devolved())
                .when(new ArrangeTransition(DELEGATION, MARKET_BUREAU, GUANGHAN_MARKET_BUREAU, LocalDate.of(2015, 12, 31)),
                        reformOffice())
                .expectEvents(new TransitionArranged(DELEGATION, MARKET_BUREAU, GUANGHAN_MARKET_BUREAU,
                        LocalDate.of(2015, 12, 31)));
        fixture.given(devolved())
                .when(new ArrangeTransition(DELEGATION, GUANGHAN_MARKET_BUREAU, MARKET_BUREAU, LocalDate.of(2015, 12, 31)),
                        reformOffice())
                .expectException(RuleViolation.class);
        fixture.given(devolved())
                .when(new RecordHandover(DELEGATION, GUANGHAN_MARKET_BUREAU, LocalDate.of(2015, 10, 1)), RECEIVER_CLERK)
                .expectEvents(new HandoverRecorded(DELEGATION, GUANGHAN_MARKET_BUREAU, LocalDate.of(2015, 10, 1)));
    }

    @Test
    void aRecallIsDecidedByTheGovernmentAfterTheDelegationAndOnlyOnce() {
        Decision recall = new Decision("德府发〔2018〕3号", LocalDate.of(2018, 1, 1));
        var recalled = new DelegationRecalled(DELEGATION, DelegationMode.DEVOLVE,
                List.of(new DelegatedItem(LICENCE, MARKET_BUREAU, DEYANG, ItemType.LICENCE)),
                List.of(new Receiver(GUANGHAN_MARKET_BUREAU, GUANGHAN, JurisdictionLevel.COUNTY)), recall);
        fixture.given(devolved())
                .when(new RecallDelegation(DELEGATION, recall), reformOffice())
                .expectEvents(recalled);
        fixture.given(devolved())
                .when(new RecallDelegation(DELEGATION, recall), clerk())
                .expectException(Forbidden.class);
        fixture.given(devolved())
                .when(new RecallDelegation(DELEGATION, new Decision("x", LocalDate.of(2015, 1, 1))), reformOffice())
                .expectException(RuleViolation.class);
        fixture.given(devolved(), recalled)
                .when(new RecallDelegation(DELEGATION, recall), reformOffice())
                .expectException(RuleViolation.class);
    }

    @Test
    void aDevolutionIsNotRecalledToAnAbolishedBody() {
        places.abolished(MARKET_BUREAU);
        fixture.given(devolved())
                .when(new RecallDelegation(DELEGATION, new Decision("德府发〔2018〕3号", LocalDate.of(2018, 1, 1))),
                        reformOffice())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("下放事项的原实施主体“单位" + MARKET_BUREAU + "”已撤销,事项无处收回")
                .expectNoEvents();
    }
}
