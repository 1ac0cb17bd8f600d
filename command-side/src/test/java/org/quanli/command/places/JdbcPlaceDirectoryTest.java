package org.quanli.command.places;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import java.time.LocalDate;

import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.quanli.command.CommandSideApplication;
import org.quanli.command.Fixtures;
import org.quanli.command.places.PlaceDirectory.RegisteredBody;
import org.quanli.kernel.decision.Decision;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.places.BodyStatus;
import org.quanli.kernel.places.JurisdictionLevel;
import org.quanli.kernel.places.PlacesMessages.ImplementingBodyAbolished;
import org.quanli.kernel.places.PlacesMessages.RegisterJurisdiction;
import org.quanli.platform.messaging.CommandSender;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The place lookup's questions about several places at once give what the same questions one at a time give, and a
 * question asked again in one unit of work is answered from the first answer until the directory writes.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class JdbcPlaceDirectoryTest {

    static final Actor ADMIN = new Actor("admin", "管理员", Role.ADMINISTRATOR, null);

    @Autowired
    CommandSender commands;
    @Autowired
    JdbcPlaceDirectory places;

    @Test
    void severalBodiesAndPlacesAreAnsweredInOneQueryEachAsOneAtATime() {
        String province = freeProvince();
        String city = province.substring(0, 2) + "0100";
        String county = province.substring(0, 2) + "0102";
        String otherCity = province.substring(0, 2) + "0200";
        jurisdiction(province, "测试省", JurisdictionLevel.PROVINCE, null);
        jurisdiction(city, "测试市", JurisdictionLevel.CITY, province);
        jurisdiction(county, "测试县", JurisdictionLevel.COUNTY, city);
        jurisdiction(otherCity, "另一市", JurisdictionLevel.CITY, province);
        String cityBureau = body(city, "测试市市场监督管理局");
        String countyBureau = body(county, "测试县市场监督管理局");
        String unknown = body(county, "未登记的单位", false);

        Map<String, RegisteredBody> found = places.bodies(List.of(countyBureau, unknown, cityBureau));

        assertThat(found).containsOnlyKeys(cityBureau, countyBureau);
        assertThat(found.get(cityBureau)).isEqualTo(places.body(cityBureau).orElseThrow());
        assertThat(found.get(countyBureau)).isEqualTo(places.body(countyBureau).orElseThrow());
        assertThat(found.get(countyBureau).jurisdictionLevel()).isEqualTo(JurisdictionLevel.COUNTY);
        assertThat(places.bodies(List.of())).isEmpty();

        List<String> codes = List.of(province, city, county, otherCity, "999999");
        assertThat(places.sameOrBelow(codes, city)).containsExactlyInAnyOrder(city, county)
                .isEqualTo(codes.stream().filter(code -> places.isSameOrBelow(code, city))
                        .collect(Collectors.toSet()));
        assertThat(places.sameOrBelow(codes, province)).containsExactlyInAnyOrder(province, city, county, otherCity);
        assertThat(places.sameOrBelow(List.of(), province)).isEmpty();
    }

    @Test
    void aBodyAskedAgainInOneUnitOfWorkIsAnsweredOnceAndAnsweredAfreshAfterTheDirectoryWritesIt() {
        String province = freeProvince();
        String city = province.substring(0, 2) + "0100";
        jurisdiction(province, "测试省", JurisdictionLevel.PROVINCE, null);
        jurisdiction(city, "测试市", JurisdictionLevel.CITY, province);
        String bureau = body(city, "测试市市场监督管理局");

        transactions.executeWithoutResult(tx -> {
            UnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(null);
            try {
                RegisteredBody first = places.body(bureau).orElseThrow();
                assertThat(places.reach(bureau, city).covers()).isTrue();
                // Changed behind the directory's back: the unit of work keeps its first answer.
                jdbc.sql("update place_directory_body set name = '改名未经目录' where body_id = ?").param(bureau).update();
                assertThat(places.body(bureau)).contains(first);

                places.on(new ImplementingBodyAbolished(bureau, city, new Decision("测府发〔2026〕1号",
                        LocalDate.of(2026, 1, 1))));
                assertThat(places.body(bureau).orElseThrow().status()).isEqualTo(BodyStatus.ABOLISHED);
                assertThat(places.body(bureau).orElseThrow().name()).isEqualTo("改名未经目录");
            } finally {
                unit.rollback();
                tx.setRollbackOnly();
            }
        });
    }

    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;

    private void jurisdiction(String code, String name, JurisdictionLevel level, String parent) {
        commands.send(new RegisterJurisdiction(code, name, level, parent, false), ADMIN);
    }

    private String body(String jurisdiction, String name) {
        return body(jurisdiction, name, true);
    }

    private String body(String jurisdiction, String name, boolean registered) {
        return Fixtures.body(commands, jurisdiction, name, registered);
    }

    private String freeProvince() {
        return Fixtures.freeProvince(jdbc);
    }
}
