package org.quanli.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quanli.ops.Walkthrough.expect;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.quanli.command.delegation.AcceptanceAuthority;
import org.quanli.kernel.delegation.AcceptanceCapacity;
import org.quanli.kernel.delegation.DelegationMessages;
import org.quanli.kernel.identity.Role;
import org.quanli.platform.security.demo.DemoTokens;
import org.quanli.testing.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * The contract between the two sides' models of "who holds which item when": one script of decisions over the real
 * command path (publication, a devolution with a transition, a handover, a recall, a merger of bodies, a suspension)
 * and a set of dates around each of them. On every date, for every body and item, the command side's acceptance
 * check, the query side's holdings answer and the body's public list must say the same thing: the holder in its own
 * right accepts and lists the item; a devolving body acts on the receiver's behalf only inside the transition and
 * does not list it; nobody else may accept.
 */
@SpringBootTest(classes = QuanliLedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class HoldingsContractTest {

    static final String GUANGDONG = "440000";
    static final String QINGYUAN = "441800";
    static final String FOGANG = "441821";
    static final String REFORM_OFFICE = CityOffices.creditCode("11441800MB0000001");
    static final String LEGAL_OFFICE = CityOffices.creditCode("11441800MB0000002");
    static final String COMMERCE = CityOffices.creditCode("11441800MB0000003");
    static final String MARKET = CityOffices.creditCode("11441800MB0000004");
    static final String FOGANG_MARKET = CityOffices.creditCode("11441821MB0000001");
    static final String YINGDE = "441881";
    static final String CULTURE = CityOffices.creditCode("11441800MB0000005");
    static final String YINGDE_CULTURE = CityOffices.creditCode("11441881MB0000001");

    static final List<String> DATES = List.of("2014-06-01", "2015-06-30", "2015-07-01", "2015-09-30", "2015-10-01",
            "2015-12-31", "2016-02-29", "2016-03-01", "2016-12-31", "2017-01-01", "2017-12-31", "2018-01-01",
            "2018-06-01");

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    AcceptanceAuthority acceptance;

    CityOffices qingyuan;
    ApiClient anonymous;
    ApiClient reform;
    ApiClient reviewer;

    @Test
    void theAcceptanceCheckTheHoldingsAndThePublicListsAgreeOnEveryDate() {
        anonymous = ApiClient.anonymous(port, tokens);
        qingyuan = new CityOffices(anonymous, REFORM_OFFICE, LEGAL_OFFICE);
        reform = qingyuan.reform;
        reviewer = qingyuan.reviewer;
        registerPlaces();

        String licence = qingyuan.publish(COMMERCE, "酒类商品零售许可(清远)", "LICENCE", "清府〔2014〕1号", "2014-01-01");
        String record = qingyuan.publish(COMMERCE, "单用途商业预付卡备案(清远)", "LICENCE", "清府〔2014〕1号", "2014-01-01");
        // Devolved to Fogang from 1 July 2015; the commerce bureau acts for Fogang until the end of the year, but
        // Fogang takes the cases over on 1 October.
        var decided = reform.post("/api/delegations", Map.of("mode", "DEVOLVE", "sourceItemIds", List.of(licence),
                "receiverBodyIds", List.of(FOGANG_MARKET), "transitionEnd", "2015-12-31",
                "documentNumber", "清府〔2015〕20号", "effectiveDate", "2015-07-01"));
        expect(201, decided);
        String devolution = decided.json().get("id").asString();
        String fogangLicence = DelegationMessages.receivedItemId(devolution, licence, FOGANG_MARKET);
        expect(204, anonymous.as("fg-clerk", Role.BODY_CLERK, FOGANG_MARKET).post("/api/delegations/" + devolution
                + "/handovers", Map.of("receiverBodyId", FOGANG_MARKET, "handedOverOn", "2015-10-01")));
        // The other item is suspended from 1 March 2016.
        ApiClient clerk = anonymous.as("qy-clerk", Role.BODY_CLERK, COMMERCE);
        expect(204, clerk.post("/api/items/" + record + "/adjustment", Map.of("kind", "SUSPEND", "reason", "暂停执行")));
        expect(204, reviewer.post("/api/items/" + record + "/approve", Map.of("opinion", "同意")));
        expect(204, reform.post("/api/items/" + record + "/publish", Map.of("documentNumber", "清府〔2016〕2号",
                "effectiveDate", "2016-03-01")));
        // The city takes the power back from 2017; in 2018 the commerce bureau is merged into market regulation.
        // The merger follows at once: the delegation process may give the item back to the commerce bureau after
        // the merger is recorded, and the item must still reach the successor.
        expect(204, reform.post("/api/delegations/" + devolution + "/recall", Map.of("documentNumber",
                "清府〔2017〕1号", "effectiveDate", "2017-01-01")));
        expect(204, reform.post("/api/bodies/" + COMMERCE + "/merge", Map.of("successorBodyId", MARKET,
                "documentNumber", "清委发〔2018〕3号", "effectiveDate", "2018-01-01")));

        List<String> bodies = List.of(COMMERCE, MARKET, FOGANG_MARKET);
        List<String> items = List.of(licence, record, fogangLicence);
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            Map<String, String> command = new LinkedHashMap<>();
            Map<String, String> query = new LinkedHashMap<>();
            Map<String, String> lists = new LinkedHashMap<>();
            for (String date : DATES) {
                Map<String, Set<String>> listed = new HashMap<>();
                for (String body : bodies) {
                    listed.put(body, Set.copyOf(list(body, date)));
                }
                for (String body : bodies) {
                    for (String item : items) {
                        String key = date + " " + name(body) + " " + name(item, licence, record);
                        String answer = acceptance.acceptance(body, item, LocalDate.parse(date))
                                .map(a -> a.capacity().name()).orElse("-");
                        command.put(key, answer);
                        query.put(key, holding(body, item, date));
                        boolean holder = !answer.equals("-") && !answer.equals(AcceptanceCapacity.ON_BEHALF.name());
                        boolean onList = listed.get(body).contains(item);
                        lists.put(key, onList == holder ? answer
                                : (onList ? "listed while " : "not listed while ") + answer);
                    }
                }
            }
            assertThat(query).as("holdings answer against the acceptance check").isEqualTo(command);
            assertThat(lists).as("public lists against the acceptance check").isEqualTo(command);
            // And the script means what it says, so that agreement is not agreement on nothing.
            assertThat(command).containsEntry("2015-06-30 commerce licence", "OWN")
                    .containsEntry("2015-07-01 commerce licence", "ON_BEHALF")
                    .containsEntry("2015-07-01 fogang fogang-licence", "DEVOLVED")
                    .containsEntry("2015-09-30 commerce licence", "ON_BEHALF")
                    .containsEntry("2015-10-01 commerce licence", "-")
                    .containsEntry("2016-02-29 commerce record", "OWN")
                    .containsEntry("2016-03-01 commerce record", "-")
                    .containsEntry("2016-12-31 fogang fogang-licence", "DEVOLVED")
                    .containsEntry("2017-01-01 fogang fogang-licence", "-")
                    .containsEntry("2017-01-01 commerce licence", "OWN")
                    .containsEntry("2017-12-31 commerce licence", "OWN")
                    .containsEntry("2018-01-01 commerce licence", "-")
                    .containsEntry("2018-01-01 market licence", "OWN")
                    .containsEntry("2018-06-01 market record", "-");
        });
    }

    /**
     * An entrustment (委托) for a term: the entrustee exercises the item in the entrusting body's name from the
     * decision's effective date to the term's last day, and not after it, on both sides; its own item is on no list,
     * and the entrusting body, which keeps the item on its list and may still accept cases itself, names the
     * entrustee on its list for the term only.
     */
    @Test
    void anEntrustmentEndsWithItsTermOnBothSidesAndOnTheEntrustingBodysList() {
        anonymous = ApiClient.anonymous(port, tokens);
        qingyuan = new CityOffices(anonymous, REFORM_OFFICE, LEGAL_OFFICE);
        reform = qingyuan.reform;
        registerPlaces();
        qingyuan.jurisdiction(YINGDE, "英德市", "COUNTY", QINGYUAN);
        qingyuan.body(CULTURE, "清远市文化广电旅游体育局", QINGYUAN);
        qingyuan.body(YINGDE_CULTURE, "英德市文化广电旅游体育局", YINGDE);

        String shows = qingyuan.publish(CULTURE, "营业性演出许可(清远)", "LICENCE", "清府〔2014〕1号", "2014-01-01");
        var decided = reform.post("/api/delegations", Map.of("mode", "ENTRUST", "sourceItemIds", List.of(shows),
                "receiverBodyIds", List.of(YINGDE_CULTURE), "termEnd", "2017-12-31",
                "documentNumber", "清府〔2016〕5号", "effectiveDate", "2016-01-01"));
        expect(201, decided);
        String entrusted = DelegationMessages.receivedItemId(decided.json().get("id").asString(), shows,
                YINGDE_CULTURE);
        await().atMost(Duration.ofSeconds(60)).until(() -> acceptance.acceptance(YINGDE_CULTURE, entrusted,
                LocalDate.parse("2016-01-01")).isPresent());

        List<String> dates = List.of("2015-12-31", "2016-01-01", "2017-12-31", "2018-01-01");
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            Map<String, String> command = new LinkedHashMap<>();
            Map<String, String> query = new LinkedHashMap<>();
            Map<String, String> lists = new LinkedHashMap<>();
            for (String date : dates) {
                Map<String, JsonNode> cityList = listed(CULTURE, date);
                Set<String> countyList = listed(YINGDE_CULTURE, date).keySet();
                for (String body : List.of(CULTURE, YINGDE_CULTURE)) {
                    for (String item : List.of(shows, entrusted)) {
                        String key = date + " " + (body.equals(CULTURE) ? "city" : "yingde") + " "
                                + (item.equals(shows) ? "shows" : "entrusted-shows");
                        command.put(key, acceptance.acceptance(body, item, LocalDate.parse(date))
                                .map(a -> a.capacity().name()).orElse("-"));
                        query.put(key, holding(body, item, date));
                    }
                }
                // The entrusting body lists the item and names its entrustee; the entrustee's own item is on no list.
                JsonNode city = cityList.get(shows);
                List<String> entrustees = new java.util.ArrayList<>();
                if (city != null) {
                    city.get("entrustedTo").forEach(e -> entrustees.add(e.get("bodyId").asString()));
                }
                lists.put(date, (city == null ? "not listed" : "listed") + " exercised by " + entrustees
                        + (countyList.contains(entrusted) ? " and listed by the entrustee" : ""));
            }
            assertThat(query).as("holdings answer against the acceptance check").isEqualTo(command);
            assertThat(command).containsEntry("2015-12-31 yingde entrusted-shows", "-")
                    .containsEntry("2016-01-01 yingde entrusted-shows", "ENTRUSTED")
                    .containsEntry("2017-12-31 yingde entrusted-shows", "ENTRUSTED")
                    .containsEntry("2018-01-01 yingde entrusted-shows", "-")
                    .containsEntry("2016-01-01 city shows", "OWN")
                    .containsEntry("2018-01-01 city shows", "OWN")
                    .containsEntry("2017-12-31 yingde shows", "-")
                    .containsEntry("2017-12-31 city entrusted-shows", "-");
            assertThat(lists).containsExactly(Map.entry("2015-12-31", "listed exercised by []"),
                    Map.entry("2016-01-01", "listed exercised by [" + YINGDE_CULTURE + "]"),
                    Map.entry("2017-12-31", "listed exercised by [" + YINGDE_CULTURE + "]"),
                    Map.entry("2018-01-01", "listed exercised by []"));
        });
        // The lineage shows the entrustee's holding ended with the term (the receivers are the delegation
        // projection's, which may still be behind).
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
            JsonNode lineage = anonymous.get("/api/public/items/" + entrusted + "/lineage").json();
            JsonNode holder = lineage.get("root").get("delegations").get(0).get("receivers").get(0).get("item")
                    .get("holders").get(0);
            assertThat(holder.get("from").asString() + ".." + holder.get("to").asString() + " "
                    + holder.get("openedBy").asString() + "/" + holder.get("endedBy").asString())
                    .isEqualTo("2016-01-01..2018-01-01 RECEIVED/TERM_ENDED");
        });
    }

    /** A body's public list on a date, by item id. */
    private Map<String, JsonNode> listed(String body, String asOf) {
        var response = anonymous.get("/api/public/bodies/" + body + "/items?asOf=" + asOf + "&size=100");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Map<String, JsonNode> items = new LinkedHashMap<>();
        response.json().get("items").forEach(i -> items.put(i.get("itemId").asString(), i));
        return items;
    }

    private String name(String body) {
        return body.equals(COMMERCE) ? "commerce" : body.equals(MARKET) ? "market" : "fogang";
    }

    private static String name(String item, String licence, String record) {
        return item.equals(licence) ? "licence" : item.equals(record) ? "record" : "fogang-licence";
    }

    private String holding(String body, String item, String date) {
        var response = reform.get("/api/holdings?bodyId=" + body + "&itemId=" + item + "&date=" + date);
        if (response.status() == 404) {
            return "unknown"; // the query side has not seen the item yet
        }
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode holding = response.json();
        return holding.get("mayAccept").asBoolean() ? holding.get("capacity").asString() : "-";
    }

    private List<String> list(String body, String asOf) {
        return List.copyOf(listed(body, asOf).keySet());
    }

    private void registerPlaces() {
        qingyuan.jurisdiction(GUANGDONG, "广东省", "PROVINCE", null);
        qingyuan.jurisdiction(QINGYUAN, "清远市", "CITY", GUANGDONG);
        qingyuan.jurisdiction(FOGANG, "佛冈县", "COUNTY", QINGYUAN);
        qingyuan.body(REFORM_OFFICE, "中共清远市委机构编制委员会办公室", QINGYUAN);
        qingyuan.body(LEGAL_OFFICE, "清远市司法局", QINGYUAN);
        qingyuan.body(COMMERCE, "清远市商务局", QINGYUAN);
        qingyuan.body(MARKET, "清远市市场监督管理局", QINGYUAN);
        qingyuan.body(FOGANG_MARKET, "佛冈县市场监督管理局", FOGANG);
    }
}
