package org.quanli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.quanli.command.places.InMemoryPlaceDirectory;
import org.quanli.kernel.codes.BodyNature;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.decision.Decision;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.places.JurisdictionLevel;
import org.quanli.kernel.places.PlacesMessages.RegisterImplementingBody;
import org.quanli.kernel.places.UnifiedSocialCreditCode;
import org.quanli.kernel.powerlist.ItemContent;
import org.quanli.kernel.powerlist.LegalBasis;
import org.quanli.kernel.powerlist.LegalBasisKind;
import org.quanli.kernel.powerlist.PowerListMessages.RecordPublishedItem;
import org.quanli.platform.messaging.CommandSender;
import org.quanli.testing.ApiClient;
import org.quanli.testing.FixedClock;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The places, people and items the command-side tests share: Deyang city in Sichuan and one of its counties. */
public final class Fixtures {

    public static final String SICHUAN = "510000";
    public static final String DEYANG = "510600";
    public static final String GUANGHAN = "510681";
    public static final String TOWNSHIP = "510681100";
    public static final String VILLAGE = "510681100201";
    public static final String MARKET_BUREAU = "11510600008654321B";
    public static final String JUSTICE_BUREAU = "115106000086543382";
    public static final String REFORM_OFFICE = "11510600008654346W";
    public static final String GUANGHAN_MARKET_BUREAU = "115106810087123459";
    public static final String VILLAGE_COMMITTEE = "54510681MJQ000001Q";
    public static final String GUANGHAN_REFORM_OFFICE = "115106810087123534";
    public static final String TOWNSHIP_GOVERNMENT = "11510681MB00000114";
    public static final String GUANGHAN_SERVICE_CENTRE = "12510681MB00000225";

    private Fixtures() {
    }

    /**
     * Starts the command side on its own, its clock standing at {@code now}, with the given settings as arguments
     * (they must win over the test profile's throw-away database); for tests that stop it and start it again on the
     * same data.
     */
    public static ConfigurableApplicationContext startCommandSide(Instant now, String... settings) {
        return new SpringApplicationBuilder(CommandSideApplication.class)
                .profiles("test", "demo")
                .initializers(FixedClock.at(now))
                .run(Arrays.stream(settings).map(p -> "--" + p).toArray(String[]::new));
    }

    public static InMemoryPlaceDirectory deyang() {
        return new InMemoryPlaceDirectory()
                .jurisdiction(SICHUAN, JurisdictionLevel.PROVINCE, null)
                .jurisdiction(DEYANG, JurisdictionLevel.CITY, SICHUAN)
                .jurisdiction(GUANGHAN, JurisdictionLevel.COUNTY, DEYANG)
                .jurisdiction(TOWNSHIP, JurisdictionLevel.TOWNSHIP, GUANGHAN)
                .jurisdiction(VILLAGE, JurisdictionLevel.VILLAGE, TOWNSHIP)
                .body(MARKET_BUREAU, DEYANG, true)
                .body(JUSTICE_BUREAU, DEYANG, true)
                .body(REFORM_OFFICE, DEYANG, true)
                .body(GUANGHAN_MARKET_BUREAU, GUANGHAN, true)
                .body(GUANGHAN_REFORM_OFFICE, GUANGHAN, true)
                .body(VILLAGE_COMMITTEE, VILLAGE, false)
                .body(TOWNSHIP_GOVERNMENT, TOWNSHIP, true)
                .body(GUANGHAN_SERVICE_CENTRE, GUANGHAN, false);
    }

    public static Map<String, String> as(Role role, String body) {
        return new Actor("u-" + role.name().toLowerCase(), "测试用户", role, body).toMetaData();
    }

    public static Map<String, String> clerk() {
        return as(Role.BODY_CLERK, MARKET_BUREAU);
    }

    public static Map<String, String> reviewer() {
        return as(Role.LEGAL_REVIEWER, JUSTICE_BUREAU);
    }

    public static Map<String, String> reformOffice() {
        return as(Role.REFORM_OFFICE, REFORM_OFFICE);
    }

    public static Map<String, String> administrator() {
        return as(Role.ADMINISTRATOR, null);
    }

    public static ItemContent foodLicence() {
        return new ItemContent("食品经营许可", ItemType.LICENCE,
                List.of(new LegalBasis(LegalBasisKind.LAW, "《中华人民共和国食品安全法》", "第三十五条")), 20, 10);
    }

    public static Decision decision() {
        return new Decision("德府发〔2013〕24号", LocalDate.of(2013, 7, 1));
    }

    /** Registers the market bureau and the reform office over HTTP; returns a window officer of the bureau. */
    public static ApiClient marketBureauWindow(ApiClient anonymous) {
        registerOverHttp(anonymous.as("admin", Role.ADMINISTRATOR, null),
                Map.of(MARKET_BUREAU, "德阳市市场监督管理局", REFORM_OFFICE, "中共德阳市委机构编制委员会办公室"));
        return anonymous.as("window", Role.WINDOW_OFFICER, MARKET_BUREAU);
    }

    /** Publishes a food licence of the body (as the reform office, by {@link #decision()}); returns the item's id. */
    public static String publishedFoodLicence(CommandSender commands, String bodyId, String batch) {
        String itemId = UUID.randomUUID().toString();
        commands.send(new RecordPublishedItem(itemId, bodyId, foodLicence(), decision(), batch),
                new Actor("reform", "王强", Role.REFORM_OFFICE, REFORM_OFFICE));
        return itemId;
    }

    /**
     * Registers Deyang's jurisdictions (province, city, Guanghan county) and the given bodies of the city over HTTP.
     * Test classes share one application and database, so what another class registered already is fine.
     */
    public static void registerOverHttp(ApiClient admin, Map<String, String> cityBodies) {
        registerOnce(admin, "/api/jurisdictions", Map.of("code", SICHUAN, "name", "四川省", "level", "PROVINCE"));
        registerOnce(admin, "/api/jurisdictions", Map.of("code", DEYANG, "name", "德阳市", "level", "CITY",
                "parentCode", SICHUAN));
        registerOnce(admin, "/api/jurisdictions", Map.of("code", GUANGHAN, "name", "广汉市", "level", "COUNTY",
                "parentCode", DEYANG));
        cityBodies.forEach((bodyId, name) -> registerBodyOverHttp(admin, bodyId, name, DEYANG));
    }

    public static void registerBodyOverHttp(ApiClient admin, String bodyId, String name, String jurisdiction) {
        registerOnce(admin, "/api/bodies", Map.of("creditCode", bodyId, "name", name, "jurisdictionCode", jurisdiction,
                "nature", "STATUTORY_ORGAN", "administrativeSubject", true));
    }

    /** Cancels a published item over HTTP: the adjustment, its review and its publication with the decision. */
    public static void cancelOverHttp(ApiClient reform, ApiClient reviewer, String itemId, String documentNumber,
                                      String effectiveDate) {
        assertThat(reform.post("/api/items/" + itemId + "/adjustment",
                Map.of("kind", "CANCEL", "reason", "职能调整后取消")).status()).isEqualTo(204);
        assertThat(reviewer.post("/api/items/" + itemId + "/approve", Map.of()).status()).isEqualTo(204);
        assertThat(reform.post("/api/items/" + itemId + "/publish",
                Map.of("documentNumber", documentNumber, "effectiveDate", effectiveDate)).status()).isEqualTo(204);
    }

    private static void registerOnce(ApiClient admin, String path, Map<String, Object> body) {
        var response = admin.post(path, body);
        assertThat(response.status()).as(response.body()).isIn(201, 409);
    }

    /** A province code of its own, with no place under it yet, so that no other test's places are in the way. */
    public static String freeProvince(JdbcClient jdbc) {
        List<String> taken = jdbc.sql("select distinct substr(code, 1, 2) from place_directory_jurisdiction")
                .query(String.class).list();
        int start = ThreadLocalRandom.current().nextInt(30);
        for (int i = 0; i < 30; i++) {
            String prefix = String.valueOf(70 + (start + i) % 30);
            if (!taken.contains(prefix)) {
                return prefix + "0000";
            }
        }
        throw new IllegalStateException("every province code from 70 to 99 is taken");
    }

    /** A new body's unified social credit code in the jurisdiction, registered (as the administrator) if asked. */
    public static String body(CommandSender commands, String jurisdiction, String name, boolean registered) {
        StringBuilder first17 = new StringBuilder("11").append(jurisdiction);
        ThreadLocalRandom.current().ints(9, 0, 10).forEach(first17::append);
        String id = first17.toString() + UnifiedSocialCreditCode.checkCharacter(first17.toString());
        if (registered) {
            commands.send(new RegisterImplementingBody(id, name, jurisdiction, BodyNature.STATUTORY_ORGAN, true),
                    new Actor("admin", "管理员", Role.ADMINISTRATOR, null));
        }
        return id;
    }
}
