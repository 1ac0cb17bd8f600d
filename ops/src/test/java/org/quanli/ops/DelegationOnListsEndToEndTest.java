package org.quanli.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quanli.ops.Walkthrough.expect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.quanli.kernel.delegation.DelegationMessages;
import org.quanli.platform.security.demo.DemoTokens;
import org.quanli.testing.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * Baise city (百色市) devolves a food licence to Debao county (德保县) and recalls it, devolves a second item for good,
 * grants a third and entrusts a fourth. Every read of the README follows, by the decisions' effective dates: the
 * city's list and the county's list on dates around them, the diffs, the export, the register, the items' history
 * and pages, and the clean-up statistics with the devolutions counted; and a replay of the projections rebuilds
 * the same rows.
 */
@SpringBootTest(classes = QuanliLedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class DelegationOnListsEndToEndTest {

    static final String GUANGXI = "450000";
    static final String BAISE = "451000";
    static final String DEBAO = "451024";
    static final String REFORM_OFFICE = CityOffices.creditCode("11451000MB0000001");
    static final String LEGAL_OFFICE = CityOffices.creditCode("11451000MB0000002");
    static final String MARKET = CityOffices.creditCode("11451000MB0000003");
    static final String CULTURE = CityOffices.creditCode("11451000MB0000004");
    static final String DEBAO_MARKET = CityOffices.creditCode("11451024MB0000001");

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    JdbcClient jdbc;

    CityOffices baise;
    ApiClient anonymous;
    ApiClient reform;

    @Test
    void everyListReadFollowsDevolutionsGrantsEntrustmentsAndRecallsByTheirEffectiveDates() {
        anonymous = ApiClient.anonymous(port, tokens);
        baise = new CityOffices(anonymous, REFORM_OFFICE, LEGAL_OFFICE);
        reform = baise.reform;
        registerPlaces();

        String food = publish(MARKET, "食品经营许可(百色)", "LICENCE");
        String drugs = publish(MARKET, "药品零售企业许可(百色)", "LICENCE");
        String adverts = publish(MARKET, "户外广告登记(百色)", "CONFIRMATION");
        String shows = publish(CULTURE, "营业性演出许可(百色)", "LICENCE");

        String devolution = decide("DEVOLVE", food, "百政发〔2016〕10号", "2016-07-01",
                Map.of("transitionEnd", "2016-09-30"));
        String forGood = decide("DEVOLVE", drugs, "百政发〔2017〕3号", "2017-01-01", Map.of());
        String grant = decide("GRANT", adverts, "百政发〔2016〕11号", "2016-07-01", Map.of());
        String entrustment = decide("ENTRUST", shows, "百政发〔2016〕12号", "2016-07-01",
                Map.of("termEnd", "2018-12-31"));
        expect(204, reform.post("/api/delegations/" + devolution + "/recall", Map.of("documentNumber",
                "百政发〔2018〕1号", "effectiveDate", "2018-01-01")));
        String debaoFood = DelegationMessages.receivedItemId(devolution, food, DEBAO_MARKET);
        String debaoDrugs = DelegationMessages.receivedItemId(forGood, drugs, DEBAO_MARKET);
        String debaoAdverts = DelegationMessages.receivedItemId(grant, adverts, DEBAO_MARKET);
        String debaoShows = DelegationMessages.receivedItemId(entrustment, shows, DEBAO_MARKET);

        // The read side has caught up: every projection (and each of its segments) has taken in the recall.
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            CaughtUp.everyStreamingProjection(baise.admin);
            assertThat(status(food)).isEqualTo("IN_FORCE");
            assertThat(status(debaoFood)).isEqualTo("RECALLED");
            assertThat(status(drugs)).isEqualTo("DEVOLVED");
            assertThat(status(debaoShows)).isEqualTo("IN_FORCE");
            assertThat(history(food)).contains("PowerItemDelegated", "PowerItemRestored");
            assertThat(history(debaoFood)).contains("PowerItemReceived", "PowerItemRecalled");
        });

        // The city's list on dates around the devolution, the second devolution and the recall.
        assertThat(list(BAISE, "2016-06-30")).containsExactlyInAnyOrder(food, drugs, adverts, shows);
        assertThat(list(BAISE, "2016-07-01")).containsExactlyInAnyOrder(drugs, adverts, shows);
        assertThat(list(BAISE, "2017-01-01")).containsExactlyInAnyOrder(adverts, shows);
        assertThat(list(BAISE, "2018-01-01")).containsExactlyInAnyOrder(food, adverts, shows);
        // The entrusted item stays on the city's list and names who exercises it in the city bureau's name, for the term.
        JsonNode entrusted = item(BAISE, "2016-07-01", shows);
        assertThat(entrusted.get("entrustedTo")).hasSize(1);
        assertThat(entrusted.get("entrustedTo").get(0).get("bodyId").asString()).isEqualTo(DEBAO_MARKET);
        assertThat(entrusted.get("entrustedTo").get(0).get("bodyName").asString()).isEqualTo("德保县市场监督管理局");
        assertThat(entrusted.get("entrustedTo").get(0).get("termEnd").asString()).isEqualTo("2018-12-31");
        assertThat(item(BAISE, "2019-01-01", shows).get("entrustedTo")).isEmpty();
        assertThat(item(BAISE, "2016-06-30", shows).get("entrustedTo")).isEmpty();

        // Debao's list: its own devolved and granted items, never the entrusted one; the recalled one until the recall.
        assertThat(list(DEBAO, "2016-06-30")).isEmpty();
        assertThat(list(DEBAO, "2016-07-01")).containsExactlyInAnyOrder(debaoFood, debaoAdverts);
        assertThat(list(DEBAO, "2017-06-30")).containsExactlyInAnyOrder(debaoFood, debaoDrugs, debaoAdverts);
        assertThat(list(DEBAO, "2018-01-01")).containsExactlyInAnyOrder(debaoDrugs, debaoAdverts);
        JsonNode received = item(DEBAO, "2016-07-01", debaoFood).get("receivedFrom");
        assertThat(received.get("sourceItemId").asString()).isEqualTo(food);
        assertThat(received.get("sourceBodyId").asString()).isEqualTo(MARKET);
        assertThat(received.get("sourceBodyName").asString()).isEqualTo("百色市市场监督管理局");
        assertThat(received.get("mode").asString()).isEqualTo("DEVOLVE");
        assertThat(item(DEBAO, "2016-07-01", debaoAdverts).get("receivedFrom").get("mode").asString())
                .isEqualTo("GRANT");

        // The diffs: the city's item removed as DEVOLVED by the decision's document; Debao's added with their source.
        JsonNode cityDiff = anonymous.get("/api/public/jurisdictions/" + BAISE + "/diff?from=2016-06-30&to=2016-07-01")
                .json();
        assertThat(cityDiff.get("added")).isEmpty();
        assertThat(cityDiff.get("removed")).hasSize(1);
        JsonNode removed = cityDiff.get("removed").get(0);
        assertThat(removed.get("item").get("itemId").asString()).isEqualTo(food);
        assertThat(removed.get("outcome").asString()).isEqualTo("DEVOLVED");
        assertThat(removed.get("documentNumber").asString()).isEqualTo("百政发〔2016〕10号");
        assertThat(removed.get("effectiveDate").asString()).isEqualTo("2016-07-01");
        JsonNode countyDiff = anonymous.get("/api/public/jurisdictions/" + DEBAO
                + "/diff?from=2016-06-30&to=2016-07-01").json();
        List<String> added = new ArrayList<>();
        countyDiff.get("added").forEach(a -> {
            added.add(a.get("itemId").asString());
            assertThat(a.get("receivedFrom").get("sourceBodyId").asString()).isEqualTo(MARKET);
        });
        assertThat(added).containsExactlyInAnyOrder(debaoFood, debaoAdverts);
        JsonNode recallDiff = anonymous.get("/api/public/jurisdictions/" + DEBAO
                + "/diff?from=2017-12-31&to=2018-01-01").json();
        assertThat(recallDiff.get("removed")).hasSize(1);
        assertThat(recallDiff.get("removed").get(0).get("outcome").asString()).isEqualTo("RECALLED");
        assertThat(recallDiff.get("removed").get(0).get("documentNumber").asString()).isEqualTo("百政发〔2018〕1号");
        JsonNode backDiff = anonymous.get("/api/public/jurisdictions/" + BAISE
                + "/diff?from=2017-12-31&to=2018-01-01").json();
        assertThat(backDiff.get("added")).extracting(a -> a.get("itemId").asString()).containsExactly(food);

        // The export is the list on its date.
        String csv = anonymous.get("/api/public/jurisdictions/" + BAISE + "/items/export?format=csv&asOf=2017-06-30")
                .body();
        assertThat(csv).contains("户外广告登记(百色)", "营业性演出许可(百色)").doesNotContain("食品经营许可(百色)");
        String debaoCsv = anonymous.get("/api/public/jurisdictions/" + DEBAO
                + "/items/export?format=csv&asOf=2017-06-30").body();
        assertThat(debaoCsv).contains("食品经营许可(百色)", "药品零售企业许可(百色)", "户外广告登记(百色)")
                .doesNotContain("营业性演出许可(百色)");

        // The register: DEVOLVED and RECALLED.
        assertThat(register(BAISE, "DEVOLVED")).containsExactly(drugs);
        assertThat(register(DEBAO, "RECALLED")).containsExactly(debaoFood);

        // The items' pages and history: the receiver's item has both; the city's item says where it went.
        assertThat(anonymous.get("/api/public/items/" + debaoFood + "?asOf=2016-07-01").status()).isEqualTo(200);
        assertThat(anonymous.get("/api/public/items/" + debaoFood + "?asOf=2018-01-01").status()).isEqualTo(404);
        JsonNode delegated = historyEntry(food, "PowerItemDelegated");
        assertThat(delegated.get("documentNumber").asString()).isEqualTo("百政发〔2016〕10号");
        assertThat(delegated.get("effectiveDate").asString()).isEqualTo("2016-07-01");
        assertThat(delegated.get("description").asString()).contains("下放至德保县市场监督管理局");
        JsonNode versions = reform.get("/api/items/" + food + "/versions").json().get("periods");
        assertThat(versions).extracting(p -> p.get("openedBy").asString()).containsExactly("PUBLISH", "RESTORE");
        assertThat(versions.get(0).get("endedBy").asString()).isEqualTo("DEVOLVE");
        assertThat(versions.get(0).get("effectiveTo").asString()).isEqualTo("2016-07-01");

        // Clean-up statistics: devolutions counted among the removals; a recalled one is back, so kept.
        JsonNode in2016 = cleanup("2016-01-01", "2016-12-31");
        assertThat(in2016.get("devolved").asInt()).isEqualTo(1);
        assertThat(in2016.get("removed").asInt()).isEqualTo(1);
        assertThat(in2016.get("sorted").asInt()).isEqualTo(1);
        JsonNode overAll = cleanup("2016-01-01", "2018-12-31");
        assertThat(overAll.get("devolved").asInt()).isEqualTo(1);
        assertThat(overAll.get("removed").asInt()).isEqualTo(1);
        assertThat(overAll.get("kept").asInt()).isEqualTo(1);
        assertThat(overAll.get("sorted").asInt()).isEqualTo(2);
        assertThat(overAll.get("reductionRate").asDouble()).isEqualTo(0.5);

        // The projections are rebuilt from the events to the same rows, the delegation events included.
        List<String> ids = List.of(food, drugs, adverts, shows, debaoFood, debaoDrugs, debaoAdverts, debaoShows);
        Map<String, String> tables = Map.of(
                "published_item_version", "select * from published_item_version where item_id in (:ids)"
                        + " order by item_id, opened_sequence",
                "cleanup_outcome", "select * from cleanup_outcome where item_id in (:ids) order by item_id, sequence_number",
                "item_entrustment", "select * from item_entrustment where item_id in (:ids) order by item_id",
                "item_view", "select * from item_view where item_id in (:ids) order by item_id",
                "item_history", "select * from item_history where item_id in (:ids) order by position",
                "item_holding_period", "select * from item_holding_period where item_id in (:ids)"
                        + " order by item_id, opened_sequence",
                "item_holder_period", "select * from item_holder_period where item_id in (:ids)"
                        + " order by item_id, effective_from, open_position");
        Map<String, List<Map<String, Object>>> before = new java.util.TreeMap<>();
        tables.forEach((table, sql) -> before.put(table, jdbc.sql(sql).param("ids", ids).query().listOfRows()));
        assertThat(before.get("published_item_version")).hasSize(8);
        ApiClient admin = baise.admin;
        for (String projection : List.of("power-lists", "item-history", "delegation")) {
            expect(202, admin.post("/api/admin/projections/" + projection + "/replay", Map.of()));
        }
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            CaughtUp.everyStreamingProjection(admin);
            Map<String, List<Map<String, Object>>> after = new java.util.TreeMap<>();
            tables.forEach((table, sql) -> after.put(table, jdbc.sql(sql).param("ids", ids).query().listOfRows()));
            assertThat(after).isEqualTo(before);
        });
    }

    private void registerPlaces() {
        baise.jurisdiction(GUANGXI, "广西壮族自治区", "PROVINCE", null);
        baise.jurisdiction(BAISE, "百色市", "CITY", GUANGXI);
        baise.jurisdiction(DEBAO, "德保县", "COUNTY", BAISE);
        baise.body(REFORM_OFFICE, "中共百色市委机构编制委员会办公室", BAISE);
        baise.body(LEGAL_OFFICE, "百色市司法局", BAISE);
        baise.body(MARKET, "百色市市场监督管理局", BAISE);
        baise.body(CULTURE, "百色市文化广电和旅游局", BAISE);
        baise.body(DEBAO_MARKET, "德保县市场监督管理局", DEBAO);
    }

    private String publish(String bodyId, String name, String type) {
        return baise.publish(bodyId, name, type, "百政发〔2013〕5号", "2013-07-01");
    }

    private String decide(String mode, String item, String document, String effectiveDate, Map<String, Object> extra) {
        var request = new java.util.HashMap<String, Object>(Map.of("mode", mode, "sourceItemIds", List.of(item),
                "receiverBodyIds", List.of(DEBAO_MARKET), "documentNumber", document, "effectiveDate", effectiveDate));
        request.putAll(extra);
        var decided = reform.post("/api/delegations", request);
        expect(201, decided);
        return decided.json().get("id").asString();
    }

    private String status(String itemId) {
        var response = reform.get("/api/items/" + itemId);
        return response.status() == 200 ? response.json().get("listStatus").asString() : null;
    }

    private List<String> history(String itemId) {
        var response = reform.get("/api/items/" + itemId + "/history?size=100");
        List<String> events = new ArrayList<>();
        if (response.status() == 200) {
            response.json().get("entries").forEach(e -> events.add(e.get("event").asString()));
        }
        return events;
    }

    private JsonNode historyEntry(String itemId, String event) {
        for (JsonNode entry : reform.get("/api/items/" + itemId + "/history?size=100").json().get("entries")) {
            if (entry.get("event").asString().equals(event)) {
                return entry;
            }
        }
        throw new AssertionError("no " + event + " in the history of " + itemId);
    }

    private List<String> list(String jurisdiction, String asOf) {
        return baise.itemIds("/api/public/jurisdictions/" + jurisdiction + "/items?asOf=" + asOf + "&size=100");
    }

    private JsonNode item(String jurisdiction, String asOf, String itemId) {
        for (JsonNode item : anonymous.get("/api/public/jurisdictions/" + jurisdiction + "/items?asOf=" + asOf
                + "&size=100").json().get("items")) {
            if (item.get("itemId").asString().equals(itemId)) {
                return item;
            }
        }
        throw new AssertionError(itemId + " not on the list of " + jurisdiction + " on " + asOf);
    }

    private List<String> register(String jurisdiction, String listStatus) {
        var response = reform.get("/api/items/register?jurisdiction=" + jurisdiction + "&listStatus=" + listStatus);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().get("items").forEach(i -> ids.add(i.get("itemId").asString()));
        return ids;
    }

    private JsonNode cleanup(String from, String to) {
        var response = anonymous.get("/api/public/jurisdictions/" + BAISE + "/cleanup-statistics?from=" + from
                + "&to=" + to);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
