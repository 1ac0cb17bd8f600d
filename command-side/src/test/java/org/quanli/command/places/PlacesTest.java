package org.quanli.command.places;

import static org.quanli.command.Fixtures.*;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import org.quanli.kernel.codes.BodyNature;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.places.JurisdictionLevel;
import org.quanli.kernel.places.PlacesMessages.ImplementingBodyRegistered;
import org.quanli.kernel.places.PlacesMessages.JurisdictionRegistered;
import org.quanli.kernel.places.PlacesMessages.RegisterImplementingBody;
import org.quanli.kernel.places.PlacesMessages.RegisterJurisdiction;
import org.quanli.kernel.rules.AlreadyExists;
import org.quanli.kernel.rules.Forbidden;
import org.quanli.kernel.rules.RuleViolation;

class PlacesTest {

    private final AggregateTestFixture<Jurisdiction> jurisdictions = new AggregateTestFixture<>(Jurisdiction.class);
    private final AggregateTestFixture<ImplementingBody> bodies = new AggregateTestFixture<>(ImplementingBody.class);

    PlacesTest() {
        jurisdictions.registerInjectableResource(deyang());
        bodies.registerInjectableResource(deyang());
    }

    @Test
    void anAdministratorRegistersACountyUnderItsCity() {
        jurisdictions.givenNoPriorActivity()
                .when(new RegisterJurisdiction("510682", "什邡市", JurisdictionLevel.COUNTY, DEYANG, false), administrator())
                .expectEvents(new JurisdictionRegistered("510682", "什邡市", JurisdictionLevel.COUNTY, DEYANG, false));
    }

    @Test
    void onlyAnAdministratorRegistersPlaces() {
        jurisdictions.givenNoPriorActivity()
                .when(new RegisterJurisdiction("510682", "什邡市", JurisdictionLevel.COUNTY, DEYANG, false),
                        as(Role.REFORM_OFFICE, REFORM_OFFICE))
                .expectException(Forbidden.class);
    }

    @Test
    void aTownshipCodeHasNineDigits() {
        jurisdictions.givenNoPriorActivity()
                .when(new RegisterJurisdiction("510681", "某镇", JurisdictionLevel.TOWNSHIP, GUANGHAN, false), administrator())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("乡镇(街道)级行政区划代码应为9位");
    }

    @Test
    void theParentMustBeRegisteredAndAboveTheNewLevel() {
        jurisdictions.givenNoPriorActivity()
                .when(new RegisterJurisdiction("510703", "涪城区", JurisdictionLevel.COUNTY, "510700", false), administrator())
                .expectException(RuleViolation.class);
        jurisdictions.givenNoPriorActivity()
                .when(new RegisterJurisdiction("510699", "某县", JurisdictionLevel.COUNTY, GUANGHAN, false), administrator())
                .expectException(RuleViolation.class);
    }

    @Test
    void aFunctionalZoneActsAtCountyLevel() {
        jurisdictions.givenNoPriorActivity()
                .when(new RegisterJurisdiction("510671", "德阳经济技术开发区", JurisdictionLevel.COUNTY, DEYANG, true),
                        administrator())
                .expectSuccessfulHandlerExecution();
        jurisdictions.givenNoPriorActivity()
                .when(new RegisterJurisdiction("510672", "某开发区", JurisdictionLevel.CITY, SICHUAN, true), administrator())
                .expectException(RuleViolation.class);
    }

    @Test
    void aJurisdictionIsRegisteredOnce() {
        jurisdictions.givenNoPriorActivity()
                .when(new RegisterJurisdiction(DEYANG, "德阳市", JurisdictionLevel.CITY, SICHUAN, false), administrator())
                .expectException(AlreadyExists.class);
    }

    @Test
    void aBodyIsIdentifiedByAValidUnifiedSocialCreditCode() {
        bodies.givenNoPriorActivity()
                .when(new RegisterImplementingBody("11510600008654354P", "德阳市政务服务和大数据局", DEYANG,
                        BodyNature.STATUTORY_ORGAN, true), administrator())
                .expectEvents(new ImplementingBodyRegistered("11510600008654354P", "德阳市政务服务和大数据局", DEYANG,
                        JurisdictionLevel.CITY, BodyNature.STATUTORY_ORGAN, true));
        bodies.givenNoPriorActivity()
                .when(new RegisterImplementingBody("11510600008654354Q", "德阳市政务服务和大数据局", DEYANG,
                        BodyNature.STATUTORY_ORGAN, true), administrator())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("统一社会信用代码校验码错误,应为 P");
    }

    @Test
    void aVillageCommitteeIsNotAnAdministrativeSubject() {
        bodies.givenNoPriorActivity()
                .when(new RegisterImplementingBody("54510681MJQ000002U", "某村民委员会", VILLAGE, BodyNature.OTHER, true),
                        administrator())
                .expectException(RuleViolation.class)
                .expectExceptionMessage("村(社区)不具备行政主体资格");
    }
}
