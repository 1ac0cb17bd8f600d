package org.quanli.command.powerlist;

import static org.quanli.command.Fixtures.*;

import java.time.LocalDate;
import java.util.List;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quanli.kernel.codes.PowerSource;
import org.quanli.kernel.decision.Decision;
import org.quanli.kernel.delegation.DelegationMessages.*;
import org.quanli.kernel.delegation.DelegationMode;
import org.quanli.kernel.places.JurisdictionLevel;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemAmended;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemCancelled;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemPublished;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemResumed;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemSuspended;
import org.quanli.kernel.rules.RuleViolation;

/** What a delegation does to the items: the source records it, the receiver gets its own linked item. */
class PowerItemDelegationTest {

    private static final String ITEM = "item-1";
    private static final Decision PUBLISHED = new Decision("德府发〔2013〕24号", LocalDate.of(2013, 7, 1));
    private static final Decision DEVOLUTION = new Decision("德府发〔2015〕12号", LocalDate.of(2015, 6, 1));
    private static final List<Receiver> GUANGHAN_RECEIVES =
            List.of(new Receiver(GUANGHAN_MARKET_BUREAU, GUANGHAN, JurisdictionLevel.COUNTY));

    private AggregateTestFixture<PowerItem> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PowerItem.class);
        fixture.registerInjectableResource(deyang());
        fixture.registerInjectableResource(CodeFormats.UNCHECKED);
        fixture.registerInjectableResource(new InMemoryItemDirectory());
    }

    private static PowerItemPublished published() {
        return new PowerItemPublished(ITEM, MARKET_BUREAU, DEYANG, 1, foodLicence(), PUBLISHED, null);
    }

    private static PowerItemDelegated delegated(DelegationMode mode) {
        return new PowerItemDelegated(ITEM, MARKET_BUREAU, DEYANG, "d-1", mode, GUANGHAN_RECEIVES, 1, foodLicence(),
                null, DEVOLUTION);
    }

    @Test
    void theSourceRecordsTheDelegationWithTheContentReceiversTakeOver() {
        fixture.given(published())
                .when(new DelegatePowerItem(ITEM, "d-1", DelegationMode.DEVOLVE, GUANGHAN_RECEIVES, null, DEVOLUTION),
                        reformOffice())
                .expectEvents(delegated(DelegationMode.DEVOLVE));
    }

    @Test
    void recordingTheSameDelegationTwiceChangesNothing() {
        fixture.given(published(), delegated(DelegationMode.GRANT))
                .when(new DelegatePowerItem(ITEM, "d-1", DelegationMode.GRANT, GUANGHAN_RECEIVES, null, DEVOLUTION),
                        reformOffice())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aDevolvedItemIsOffItsHoldersListAndRefusesAFurtherDelegation() {
        fixture.given(published(), delegated(DelegationMode.DEVOLVE))
                .when(new DelegatePowerItem(ITEM, "d-2", DelegationMode.GRANT, GUANGHAN_RECEIVES, null, DEVOLUTION),
                        reformOffice())
                .expectEvents(new PowerItemDelegationRefused(ITEM, MARKET_BUREAU, DEYANG, "d-2", DelegationMode.GRANT,
                        "delegate-only-in-force", "事项当前状态为“已下放”,不能下放、赋权或委托", DEVOLUTION));
    }

    /** The decision is the government's and already recorded: the item records that it cannot take it. */
    @Test
    void anItemNoLongerInForceRecordsThatItRefusedTheDelegation() {
        Decision cancellation = new Decision("德府发〔2015〕3号", LocalDate.of(2015, 3, 1));
        fixture.given(published(), new PowerItemCancelled(ITEM, MARKET_BUREAU, DEYANG, "法律修改", cancellation))
                .when(new DelegatePowerItem(ITEM, "d-1", DelegationMode.DEVOLVE, GUANGHAN_RECEIVES, null, DEVOLUTION),
                        reformOffice())
                .expectEvents(new PowerItemDelegationRefused(ITEM, MARKET_BUREAU, DEYANG, "d-1",
                        DelegationMode.DEVOLVE, "delegate-only-in-force", "事项当前状态为“已取消”,不能下放、赋权或委托",
                        DEVOLUTION));
    }

    @Test
    void aDevolutionEffectiveBeforeTheItemsLastDecisionIsRefused() {
        Decision amendment = new Decision("德府发〔2016〕1号", LocalDate.of(2016, 1, 1));
        fixture.given(published(), new PowerItemAmended(ITEM, MARKET_BUREAU, DEYANG, 2, foodLicence(),
                        List.of("name"), amendment))
                .when(new DelegatePowerItem(ITEM, "d-1", DelegationMode.DEVOLVE, GUANGHAN_RECEIVES, null, DEVOLUTION),
                        reformOffice())
                .expectEvents(new PowerItemDelegationRefused(ITEM, MARKET_BUREAU, DEYANG, "d-1",
                        DelegationMode.DEVOLVE, "effective-date-order",
                        "下放的生效日期不得早于该事项上一次决定的生效日期(2016-01-01)", DEVOLUTION));
    }

    /** A replay of the process delivers the decision again after the item was resumed: the refusal stands. */
    @Test
    void aRefusedDelegationStaysRefusedWhenDeliveredAgain() {
        Decision suspension = new Decision("德府发〔2015〕4号", LocalDate.of(2015, 4, 1));
        Decision resumption = new Decision("德府发〔2015〕5号", LocalDate.of(2015, 5, 1));
        fixture.given(published(), new PowerItemSuspended(ITEM, MARKET_BUREAU, DEYANG, "整改", suspension),
                        new PowerItemDelegationRefused(ITEM, MARKET_BUREAU, DEYANG, "d-1", DelegationMode.DEVOLVE,
                                "delegate-only-in-force", "事项当前状态为“暂停执行”,不能下放、赋权或委托", DEVOLUTION),
                        new PowerItemResumed(ITEM, MARKET_BUREAU, DEYANG, "整改完成", resumption))
                .when(new DelegatePowerItem(ITEM, "d-1", DelegationMode.DEVOLVE, GUANGHAN_RECEIVES, null, DEVOLUTION),
                        reformOffice())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aGrantedItemStaysWithItsHolderAndMayBeGrantedAgain() {
        fixture.given(published(), delegated(DelegationMode.GRANT))
                .when(new DelegatePowerItem(ITEM, "d-2", DelegationMode.GRANT, GUANGHAN_RECEIVES, null, DEVOLUTION),
                        reformOffice())
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void theReceiverHoldsItsOwnItemLinkedToTheSourceWithItsPowerSource() {
        fixture.givenNoPriorActivity()
                .when(new ReceiveDelegatedItem("received-1", ITEM, MARKET_BUREAU, "d-1", DelegationMode.DEVOLVE,
                        GUANGHAN_MARKET_BUREAU, foodLicence(), DEVOLUTION), reformOffice())
                .expectEvents(new PowerItemReceived("received-1", GUANGHAN_MARKET_BUREAU, GUANGHAN, 1, foodLicence(),
                        PowerSource.DEVOLVED_FROM_ABOVE, ITEM, MARKET_BUREAU, "d-1", DelegationMode.DEVOLVE, DEVOLUTION));
        fixture.givenNoPriorActivity()
                .when(new ReceiveDelegatedItem("received-2", ITEM, MARKET_BUREAU, "d-1", DelegationMode.ENTRUST,
                        JUSTICE_BUREAU, foodLicence(), DEVOLUTION), reformOffice())
                .expectEvents(new PowerItemReceived("received-2", JUSTICE_BUREAU, DEYANG, 1, foodLicence(),
                        PowerSource.ENTRUSTED_SAME_LEVEL, ITEM, MARKET_BUREAU, "d-1", DelegationMode.ENTRUST, DEVOLUTION));
    }

    private static final Decision RECALL = new Decision("德府发〔2018〕3号", LocalDate.of(2018, 1, 1));

    @Test
    void aRecallEndsTheReceiversItem() {
        Decision recall = RECALL;
        fixture.given(new PowerItemReceived("received-1", GUANGHAN_MARKET_BUREAU, GUANGHAN, 1, foodLicence(),
                        PowerSource.DEVOLVED_FROM_ABOVE, ITEM, MARKET_BUREAU, "d-1", DelegationMode.DEVOLVE, DEVOLUTION))
                .when(new RecallReceivedItem("received-1", "d-1", recall), reformOffice())
                .expectEvents(new PowerItemRecalled("received-1", GUANGHAN_MARKET_BUREAU, GUANGHAN, "d-1", recall));
    }

    @Test
    void aRecallRestoresTheDevolvedSourceToItsHolder() {
        Decision recall = RECALL;
        fixture.given(published(), delegated(DelegationMode.DEVOLVE))
                .when(new RestoreDevolvedItem(ITEM, "d-1", recall), reformOffice())
                .expectEvents(new PowerItemRestored(ITEM, MARKET_BUREAU, DEYANG, "d-1", recall));
        fixture.given(published(), delegated(DelegationMode.DEVOLVE))
                .when(new RestoreDevolvedItem(ITEM, "another-delegation", recall), reformOffice())
                .expectException(RuleViolation.class);
    }
}
