package org.quanli.command.powerlist;

import static org.quanli.command.Fixtures.*;

import java.time.LocalDate;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quanli.command.places.InMemoryPlaceDirectory;
import org.quanli.command.places.Violates;
import org.quanli.kernel.decision.Decision;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemRestored;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.powerlist.PowerListMessages.DraftPowerItem;
import org.quanli.kernel.powerlist.PowerListMessages.PassItemToSuccessor;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemPassedToSuccessor;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemPublished;
import org.quanli.kernel.powerlist.PowerListMessages.RecordPublishedItem;

/** After an institutional reform: a merged or abolished body takes on no new item, and its items pass on once. */
class PowerItemOfReformedBodyTest {

    private static final String ITEM = "item-1";

    private AggregateTestFixture<PowerItem> fixture;
    private InMemoryPlaceDirectory places;

    @BeforeEach
    void setUp() {
        places = deyang();
        fixture = new AggregateTestFixture<>(PowerItem.class);
        fixture.registerInjectableResource(places);
        fixture.registerInjectableResource(CodeFormats.UNCHECKED);
        fixture.registerInjectableResource(new InMemoryItemDirectory());
    }

    @Test
    void aClerkOfAMergedBodyDraftsNoNewItem() {
        places.merged(MARKET_BUREAU, JUSTICE_BUREAU);
        fixture.givenNoPriorActivity()
                .when(new DraftPowerItem(ITEM, MARKET_BUREAU, foodLicence()), clerk())
                .expectException(Violates.rule("body-active", "已并入 " + JUSTICE_BUREAU))
                .expectNoEvents();
    }

    @Test
    void aClerkOfAnAbolishedBodyDraftsNoNewItem() {
        places.abolished(MARKET_BUREAU);
        fixture.givenNoPriorActivity()
                .when(new DraftPowerItem(ITEM, MARKET_BUREAU, foodLicence()), clerk())
                .expectException(Violates.rule("body-active", "已撤销"))
                .expectNoEvents();
    }

    @Test
    void noPublishedItemIsRecordedForAMergedOrAbolishedBody() {
        places.merged(MARKET_BUREAU, JUSTICE_BUREAU);
        fixture.givenNoPriorActivity()
                .when(new RecordPublishedItem(ITEM, MARKET_BUREAU, foodLicence(), decision(), "batch-1"), reformOffice())
                .expectException(Violates.rule("body-active"))
                .expectNoEvents();
        places.abolished(GUANGHAN_MARKET_BUREAU);
        fixture.givenNoPriorActivity()
                .when(new RecordPublishedItem(ITEM, GUANGHAN_MARKET_BUREAU, foodLicence(), decision(), "batch-1"),
                        reformOffice())
                .expectException(Violates.rule("body-active"));
    }

    @Test
    void aPublishedItemIsStillRecordedForAnActiveBody() {
        fixture.givenNoPriorActivity()
                .when(new RecordPublishedItem(ITEM, MARKET_BUREAU, foodLicence(), decision(), "batch-1"), reformOffice())
                .expectEvents(new PowerItemPublished(ITEM, MARKET_BUREAU, DEYANG, 1, foodLicence(), decision(), "batch-1"));
    }

    @Test
    void anItemPassesToTheSuccessorNoEarlierThanItsOwnLastDecisionTookEffect() {
        // Given back by a recall effective after the merger's date: the merged body held it from then, not before.
        var published = new PowerItemPublished(ITEM, MARKET_BUREAU, DEYANG, 1, foodLicence(), decision(), null);
        var restored = new PowerItemRestored(ITEM, MARKET_BUREAU, DEYANG, "delegation-1",
                new Decision("德府发〔2018〕7号", LocalDate.of(2018, 6, 1)));
        Decision merger = new Decision("德委发〔2018〕1号", LocalDate.of(2018, 1, 1));
        fixture.given(published, restored)
                .when(new PassItemToSuccessor(ITEM, JUSTICE_BUREAU, merger), reformOffice())
                .expectEvents(new PowerItemPassedToSuccessor(ITEM, MARKET_BUREAU, JUSTICE_BUREAU, DEYANG,
                        new Decision("德委发〔2018〕1号", LocalDate.of(2018, 6, 1))));
        // Held since 2013, it passes on the merger's own date.
        fixture.given(published)
                .when(new PassItemToSuccessor(ITEM, JUSTICE_BUREAU, merger), reformOffice())
                .expectEvents(new PowerItemPassedToSuccessor(ITEM, MARKET_BUREAU, JUSTICE_BUREAU, DEYANG, merger));
    }

    @Test
    void anItemPassedToTheSuccessorIsNotPassedAgain() {
        // What lets the succession process run twice: the second pass is refused, not recorded.
        var published = new PowerItemPublished(ITEM, MARKET_BUREAU, DEYANG, 1, foodLicence(), decision(), null);
        var passed = new PowerItemPassedToSuccessor(ITEM, MARKET_BUREAU, JUSTICE_BUREAU, DEYANG, decision());
        fixture.given(published, passed)
                .when(new PassItemToSuccessor(ITEM, JUSTICE_BUREAU, decision()), as(Role.REFORM_OFFICE, REFORM_OFFICE))
                .expectException(Violates.rule("successor-differs"))
                .expectNoEvents();
    }
}
