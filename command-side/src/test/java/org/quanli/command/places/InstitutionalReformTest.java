package org.quanli.command.places;

import static org.quanli.command.Fixtures.*;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quanli.command.powerlist.InMemoryItemDirectory;
import org.quanli.kernel.codes.BodyNature;
import org.quanli.kernel.decision.Decision;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.places.JurisdictionLevel;
import org.quanli.kernel.places.PlacesMessages.AbolishImplementingBody;
import org.quanli.kernel.places.PlacesMessages.ImplementingBodyAbolished;
import org.quanli.kernel.places.PlacesMessages.ImplementingBodyMerged;
import org.quanli.kernel.places.PlacesMessages.ImplementingBodyRegistered;
import org.quanli.kernel.places.PlacesMessages.ImplementingBodyRenamed;
import org.quanli.kernel.places.PlacesMessages.MergeImplementingBody;
import org.quanli.kernel.places.PlacesMessages.RenameImplementingBody;
import org.quanli.kernel.powerlist.ListStatus;
import org.quanli.kernel.rules.Forbidden;

/** Renaming, merging and abolishing implementing bodies (机构改革): who may, and the rules each decision obeys. */
class InstitutionalReformTest {

    /** 德阳市工商行政管理局, merged into the market regulation bureau by the 2018 reform. */
    static final String COMMERCE_BUREAU = "11510600008654370D";
    static final String QUALITY_BUREAU = "11510600008654389A";
    static final String PROVINCIAL_REFORM_OFFICE = "115106000086543975";
    static final String UNREGISTERED = "11510600008654400U";
    static final Decision REFORM_2018 = new Decision("德委发〔2018〕31号", LocalDate.of(2018, 12, 28));

    private AggregateTestFixture<ImplementingBody> fixture;
    private InMemoryPlaceDirectory places;
    private InMemoryItemDirectory items;
    private final Map<String, List<String>> underway = new HashMap<>();

    @BeforeEach
    void setUp() {
        places = deyang()
                .body(COMMERCE_BUREAU, DEYANG, true)
                .body(QUALITY_BUREAU, DEYANG, true)
                .body(PROVINCIAL_REFORM_OFFICE, SICHUAN, true);
        items = new InMemoryItemDirectory();
        fixture = new AggregateTestFixture<>(ImplementingBody.class);
        fixture.registerInjectableResource(places);
        fixture.registerInjectableResource(items);
        fixture.registerInjectableResource((DelegationsUnderway) bodies -> bodies.stream()
                .flatMap(body -> underway.getOrDefault(body, List.of()).stream()).distinct().sorted().toList());
    }

    private static ImplementingBodyRegistered commerceBureau() {
        return new ImplementingBodyRegistered(COMMERCE_BUREAU, "德阳市工商行政管理局", DEYANG, JurisdictionLevel.CITY,
                BodyNature.STATUTORY_ORGAN, true);
    }

    private static Decision decision(String document, int year, int month, int day) {
        return new Decision(document, LocalDate.of(year, month, day));
    }

    // --- who ----------------------------------------------------------------------------------------------------

    @Test
    void theReformOfficeRenamesABodyByADecisionAndTheEventKeepsTheOldName() {
        fixture.given(commerceBureau())
                .when(new RenameImplementingBody(COMMERCE_BUREAU, " 德阳市工商行政管理局(知识产权局) ", REFORM_2018),
                        reformOffice())
                .expectEvents(new ImplementingBodyRenamed(COMMERCE_BUREAU, "德阳市工商行政管理局",
                        "德阳市工商行政管理局(知识产权局)", REFORM_2018));
    }

    @Test
    void onlyTheReformOfficeReformsABody() {
        fixture.given(commerceBureau())
                .when(new RenameImplementingBody(COMMERCE_BUREAU, "新名称", REFORM_2018), as(Role.BODY_CLERK, COMMERCE_BUREAU))
                .expectException(Forbidden.class)
                .expectNoEvents();
        fixture.given(commerceBureau())
                .when(new AbolishImplementingBody(COMMERCE_BUREAU, REFORM_2018), administrator())
                .expectException(Forbidden.class);
    }

    @Test
    void theReformOfficeOfALowerJurisdictionCannotReformACityBody() {
        fixture.given(commerceBureau())
                .when(new RenameImplementingBody(COMMERCE_BUREAU, "新名称", REFORM_2018),
                        as(Role.REFORM_OFFICE, GUANGHAN_MARKET_BUREAU))
                .expectException(Forbidden.class)
                .expectNoEvents();
    }

    @Test
    void theReformOfficeOfTheProvinceMayReformACityBody() {
        fixture.given(commerceBureau())
                .when(new MergeImplementingBody(COMMERCE_BUREAU, MARKET_BUREAU, REFORM_2018),
                        as(Role.REFORM_OFFICE, PROVINCIAL_REFORM_OFFICE))
                .expectEvents(new ImplementingBodyMerged(COMMERCE_BUREAU, MARKET_BUREAU, DEYANG, REFORM_2018));
    }

    // --- rename -------------------------------------------------------------------------------------------------

    @Test
    void aRenameNeedsANameThatIsNotBlank() {
        fixture.given(commerceBureau())
                .when(new RenameImplementingBody(COMMERCE_BUREAU, "  ", REFORM_2018), reformOffice())
                .expectException(Violates.rule("body-name-required"))
                .expectNoEvents();
    }

    @Test
    void aRenameNeedsANameDifferentFromTheCurrentOne() {
        fixture.given(commerceBureau())
                .when(new RenameImplementingBody(COMMERCE_BUREAU, "德阳市工商行政管理局 ", REFORM_2018), reformOffice())
                .expectException(Violates.rule("new-name-differs", "德阳市工商行政管理局"))
                .expectNoEvents();
    }

    @Test
    void everyReformNeedsADecision() {
        fixture.given(commerceBureau())
                .when(new RenameImplementingBody(COMMERCE_BUREAU, "新名称", null), reformOffice())
                .expectException(Violates.rule("decision-required"));
    }

    @Test
    void theEffectiveDatesOfABodysDecisionsNeverRunBackwards() {
        var renamed = new ImplementingBodyRenamed(COMMERCE_BUREAU, "德阳市工商行政管理局", "德阳市工商局",
                decision("德编发〔2015〕2号", 2015, 3, 1));
        fixture.given(commerceBureau(), renamed)
                .when(new MergeImplementingBody(COMMERCE_BUREAU, MARKET_BUREAU, decision("德委发〔2014〕9号", 2014, 12, 31)),
                        reformOffice())
                .expectException(Violates.rule("effective-date-order", "2015-03-01"))
                .expectNoEvents();
        // The same day is not backwards: two decisions may take effect together.
        fixture.given(commerceBureau(), renamed)
                .when(new MergeImplementingBody(COMMERCE_BUREAU, MARKET_BUREAU, decision("德委发〔2015〕9号", 2015, 3, 1)),
                        reformOffice())
                .expectSuccessfulHandlerExecution();
    }

    // --- merge --------------------------------------------------------------------------------------------------

    @Test
    void aBodyIsMergedIntoASuccessorOfTheSameJurisdiction() {
        fixture.given(commerceBureau())
                .when(new MergeImplementingBody(COMMERCE_BUREAU, MARKET_BUREAU, REFORM_2018), reformOffice())
                .expectEvents(new ImplementingBodyMerged(COMMERCE_BUREAU, MARKET_BUREAU, DEYANG, REFORM_2018));
    }

    @Test
    void theSuccessorMustBeRegistered() {
        fixture.given(commerceBureau())
                .when(new MergeImplementingBody(COMMERCE_BUREAU, UNREGISTERED, REFORM_2018), reformOffice())
                .expectException(Violates.rule("successor-registered", UNREGISTERED));
    }

    @Test
    void aBodyCannotBeMergedIntoItself() {
        fixture.given(commerceBureau())
                .when(new MergeImplementingBody(COMMERCE_BUREAU, COMMERCE_BUREAU, REFORM_2018), reformOffice())
                .expectException(Violates.rule("successor-differs"));
    }

    @Test
    void theSuccessorMustBeActive() {
        places.merged(QUALITY_BUREAU, MARKET_BUREAU);
        fixture.given(commerceBureau())
                .when(new MergeImplementingBody(COMMERCE_BUREAU, QUALITY_BUREAU, REFORM_2018), reformOffice())
                .expectException(Violates.rule("successor-active", "已并入 " + MARKET_BUREAU));
        places.abolished(JUSTICE_BUREAU);
        fixture.given(commerceBureau())
                .when(new MergeImplementingBody(COMMERCE_BUREAU, JUSTICE_BUREAU, REFORM_2018), reformOffice())
                .expectException(Violates.rule("successor-active", "已撤销"));
    }

    @Test
    void theSuccessorMustBeInTheSameJurisdiction() {
        fixture.given(commerceBureau())
                .when(new MergeImplementingBody(COMMERCE_BUREAU, GUANGHAN_MARKET_BUREAU, REFORM_2018), reformOffice())
                .expectException(Violates.rule("successor-same-jurisdiction", GUANGHAN))
                .expectNoEvents();
    }

    // --- after a merger or an abolition -------------------------------------------------------------------------

    @Test
    void aMergedBodyTakesNoFurtherReform() {
        var merged = new ImplementingBodyMerged(COMMERCE_BUREAU, MARKET_BUREAU, DEYANG, REFORM_2018);
        Decision later = decision("德委发〔2019〕1号", 2019, 6, 1);
        fixture.given(commerceBureau(), merged)
                .when(new RenameImplementingBody(COMMERCE_BUREAU, "新名称", later), reformOffice())
                .expectException(Violates.rule("body-active", "已并入 " + MARKET_BUREAU));
        fixture.given(commerceBureau(), merged)
                .when(new MergeImplementingBody(COMMERCE_BUREAU, QUALITY_BUREAU, later), reformOffice())
                .expectException(Violates.rule("body-active"));
        fixture.given(commerceBureau(), merged)
                .when(new AbolishImplementingBody(COMMERCE_BUREAU, later), reformOffice())
                .expectException(Violates.rule("body-active"));
    }

    @Test
    void anAbolishedBodyTakesNoFurtherReform() {
        fixture.given(commerceBureau(), new ImplementingBodyAbolished(COMMERCE_BUREAU, DEYANG, REFORM_2018))
                .when(new MergeImplementingBody(COMMERCE_BUREAU, MARKET_BUREAU, decision("德委发〔2019〕1号", 2019, 6, 1)),
                        reformOffice())
                .expectException(Violates.rule("body-active", "已撤销"))
                .expectNoEvents();
    }

    // --- abolish ------------------------------------------------------------------------------------------------

    @Test
    void aBodyHoldingNoOpenItemIsAbolished() {
        items.item("cancelled-item", COMMERCE_BUREAU, DEYANG, ListStatus.CANCELLED);
        fixture.given(commerceBureau())
                .when(new AbolishImplementingBody(COMMERCE_BUREAU, REFORM_2018), reformOffice())
                .expectEvents(new ImplementingBodyAbolished(COMMERCE_BUREAU, DEYANG, REFORM_2018));
    }

    @Test
    void aBodyStillHoldingItemsIsNotAbolishedAndTheRefusalSaysHowMany() {
        items.item("draft", COMMERCE_BUREAU, DEYANG, ListStatus.UNPUBLISHED)
                .item("in-force", COMMERCE_BUREAU, DEYANG, ListStatus.IN_FORCE)
                .item("suspended", COMMERCE_BUREAU, DEYANG, ListStatus.SUSPENDED)
                .item("cancelled", COMMERCE_BUREAU, DEYANG, ListStatus.CANCELLED);
        fixture.given(commerceBureau())
                .when(new AbolishImplementingBody(COMMERCE_BUREAU, REFORM_2018), reformOffice())
                .expectException(Violates.rule("abolish-needs-no-open-items", "仍持有3项"))
                .expectNoEvents();
    }

    @Test
    void itemsStillOnTheirWayFromAMergedBodyCountAsHeld() {
        // The quality bureau was merged into the commerce bureau; its item has not passed yet.
        places.merged(QUALITY_BUREAU, COMMERCE_BUREAU);
        items.item("arriving", QUALITY_BUREAU, DEYANG, ListStatus.IN_FORCE);
        fixture.given(commerceBureau())
                .when(new AbolishImplementingBody(COMMERCE_BUREAU, REFORM_2018), reformOffice())
                .expectException(Violates.rule("abolish-needs-no-open-items", "含1项尚待从被合并单位划转"));
    }

    @Test
    void aBodyIsNotAbolishedWhileADecisionRecordedBeforeHasStillToBringItAnItem() {
        // Named as a receiver of one devolution, and the body whose devolved item another recalled: neither is in
        // the items yet.
        underway.put(COMMERCE_BUREAU, List.of("delegation-1", "delegation-2"));
        fixture.given(commerceBureau())
                .when(new AbolishImplementingBody(COMMERCE_BUREAU, REFORM_2018), reformOffice())
                .expectException(Violates.rule("abolish-after-delegations-carried-out",
                        "尚有2项下放或收回决定未执行到事项(delegation-1、delegation-2)"))
                .expectNoEvents();
    }

    @Test
    void aDecisionStillToBringAnItemToABodyMergedIntoThisOneCountsToo() {
        // The quality bureau, merged into the commerce bureau, is the receiver of a devolution not yet carried out:
        // its item would pass on to the commerce bureau.
        places.merged(QUALITY_BUREAU, COMMERCE_BUREAU);
        underway.put(QUALITY_BUREAU, List.of("delegation-3"));
        fixture.given(commerceBureau())
                .when(new AbolishImplementingBody(COMMERCE_BUREAU, REFORM_2018), reformOffice())
                .expectException(Violates.rule("abolish-after-delegations-carried-out", "(delegation-3)"))
                .expectNoEvents();
    }
}
