package org.quanli.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.quanli.kernel.identity.Role;
import org.quanli.platform.security.demo.DemoTokens;
import org.quanli.testing.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * A reform office back-fills a list from a spreadsheet, then records the decisions that changed it over the years,
 * all back-dated: an amendment (2015), a merger (2016) and a cancellation (2017). The list as of each date, the
 * difference between dates, and the list as the ledger knew it before those decisions were recorded all come out
 * of the same events.
 */
@SpringBootTest(classes = QuanliLedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class PowerListHistoryEndToEndTest {

    private static final String LIST_CSV = """
            序号,事项名称,事项类型,实施主体统一社会信用代码,设定依据,法定时限,承诺时限
            1,食品经营许可(历史测试),行政许可,11510600008654321B,《中华人民共和国食品安全法》第三十五条,20个工作日,10个工作日
            2,食品生产许可(历史测试),行政许可,11510600008654321B,《中华人民共和国食品安全法》第三十五条,20个工作日,15个工作日
            3,小作坊登记(历史测试),行政许可,11510600008654321B,《四川省食品小作坊小经营店及摊贩管理条例》第十条,20个工作日,20个工作日
            4,对无证经营的处罚(历史测试),行政处罚,11510600008654321B,《中华人民共和国食品安全法》第一百二十二条,90,60
            5,广告发布登记(历史测试),行政确认,11510600008654321B,《中华人民共和国广告法》第二十九条,5个工作日,即办
            """;

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;

    private Walkthrough deyang;

    private JsonNode list(String query) {
        return ApiClient.anonymous(port, tokens).get("/api/public/jurisdictions/510600/items?size=200&q="
                + URLEncoder.encode("历史测试", StandardCharsets.UTF_8) + query).json();
    }

    private Map<String, Integer> versionsByName(JsonNode list) {
        Map<String, Integer> versions = new HashMap<>();
        list.get("items").forEach(item -> versions.put(item.get("name").asString(), item.get("version").asInt()));
        return versions;
    }

    private void reviewAndPublish(String itemId, String documentNumber, String effectiveDate) {
        Walkthrough.expect(204, deyang.reviewer.post("/api/items/" + itemId + "/approve", Map.of()));
        Walkthrough.expect(204, deyang.reform.post("/api/items/" + itemId + "/publish",
                Map.of("documentNumber", documentNumber, "effectiveDate", effectiveDate)));
    }

    @Test
    void anImportedListChangedByBackDatedDecisionsReadsRightOnEveryDateAndAsKnownBefore() {
        deyang = new Walkthrough(ApiClient.anonymous(port, tokens));
        deyang.registerPlaces();

        // 1. Back-fill the 2013 list from a spreadsheet.
        var dryRun = deyang.reform.postFile("/api/imports", Map.of("documentNumber", "德府发〔2013〕24号",
                "effectiveDate", "2013-07-01", "dryRun", "true"), "list.csv", LIST_CSV.getBytes(StandardCharsets.UTF_8));
        assertThat(dryRun.status()).as(dryRun.body()).isEqualTo(200);
        assertThat(dryRun.json().get("errors")).isEmpty();
        var started = deyang.reform.postFile("/api/imports", Map.of("documentNumber", "德府发〔2013〕24号",
                "effectiveDate", "2013-07-01", "dryRun", "false"), "list.csv", LIST_CSV.getBytes(StandardCharsets.UTF_8));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(deyang.reform.get(started.location()).json().get("status").asString()).isEqualTo("COMPLETED"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(list("&asOf=2014-01-01").get("total").asInt()).isEqualTo(5));
        Map<String, String> ids = new HashMap<>();
        list("&asOf=2014-01-01").get("items").forEach(i -> ids.put(i.get("name").asString(), i.get("itemId").asString()));
        String licence = ids.get("食品经营许可(历史测试)");
        String production = ids.get("食品生产许可(历史测试)");
        String workshop = ids.get("小作坊登记(历史测试)");
        String penalty = ids.get("对无证经营的处罚(历史测试)");
        Instant knownBeforeTheChanges = Instant.now();
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(knownBeforeTheChanges));

        // 2. Amendment effective 2015-03-01: the licence is promised in 5 working days instead of 10.
        Map<String, Object> faster = new HashMap<>(Map.of("name", "食品经营许可(历史测试)", "type", "LICENCE",
                "legalBases", List.of(Map.of("kind", "LAW", "title", "《中华人民共和国食品安全法》", "article", "第三十五条")),
                "legalLimitDays", 20, "promisedLimitDays", 5));
        Walkthrough.expect(204, deyang.clerk.post("/api/items/" + licence + "/amendment", faster));
        Walkthrough.expect(204, deyang.clerk.post("/api/items/" + licence + "/submit", Map.of()));
        reviewAndPublish(licence, "德府发〔2015〕6号", "2015-03-01");

        // 3. Merger effective 2016-01-01: the small-workshop registration is merged into the production licence.
        Walkthrough.expect(204, deyang.reform.post("/api/items/" + workshop + "/adjustment", Map.of("kind", "MERGE",
                "reason", "职能相近,整合办理", "mergeTargetItemId", production)));
        reviewAndPublish(workshop, "德府发〔2015〕30号", "2016-01-01");

        // 4. Cancellation effective 2017-01-01.
        Walkthrough.expect(204, deyang.reform.post("/api/items/" + penalty + "/adjustment", Map.of("kind", "CANCEL",
                "reason", "改由综合执法部门实施")));
        reviewAndPublish(penalty, "德府发〔2016〕41号", "2017-01-01");

        // The list on three dates. Items live in different segments of the projection, which catch up
        // independently: every read waits until all of them show the recorded decisions.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(list("&asOf=2017-06-01").get("total").asInt()).isEqualTo(3);
            assertThat(versionsByName(list("&asOf=2014-01-01"))).hasSize(5).containsEntry("食品经营许可(历史测试)", 1);
            JsonNode in2015 = list("&asOf=2015-06-01");
            assertThat(versionsByName(in2015)).hasSize(5).containsEntry("食品经营许可(历史测试)", 2);
            assertThat(in2015.get("items").findValues("promisedLimitDays").stream().map(JsonNode::asInt))
                    .contains(5).doesNotContain(10);
            assertThat(versionsByName(list("&asOf=2016-06-01"))).hasSize(4).doesNotContainKey("小作坊登记(历史测试)");
            assertThat(versionsByName(list("&asOf=2017-06-01"))).hasSize(3)
                    .doesNotContainKeys("小作坊登记(历史测试)", "对无证经营的处罚(历史测试)");

            // The difference between 2014 and 2017: one changed (which field, old and new), two removed (how, by what).
            JsonNode diff = ApiClient.anonymous(port, tokens)
                    .get("/api/public/jurisdictions/510600/diff?from=2014-01-01&to=2017-06-01").json();
            assertThat(diff.get("added")).isEmpty();
            Map<String, String> removed = new HashMap<>();
            diff.get("removed").forEach(r -> removed.put(r.get("item").get("itemId").asString(), r.get("outcome").asString()));
            assertThat(removed).containsEntry(workshop, "MERGED").containsEntry(penalty, "CANCELLED").hasSize(2);
            JsonNode changed = diff.get("changed");
            assertThat(changed).hasSize(1);
            assertThat(changed.get(0).get("after").get("itemId").asString()).isEqualTo(licence);
            JsonNode change = changed.get(0).get("changes").get(0);
            assertThat(change.get("field").asString()).isEqualTo("promisedLimitDays");
            assertThat(change.get("before").asInt()).isEqualTo(10);
            assertThat(change.get("after").asInt()).isEqualTo(5);
            // Between 2015 and 2016 only the merger happened.
            JsonNode oneYear = ApiClient.anonymous(port, tokens)
                    .get("/api/public/jurisdictions/510600/diff?from=2015-06-01&to=2016-06-01").json();
            assertThat(oneYear.get("removed")).hasSize(1);
            assertThat(oneYear.get("removed").get(0).get("outcome").asString()).isEqualTo("MERGED");
            assertThat(oneYear.get("removed").get(0).get("documentNumber").asString()).isEqualTo("德府发〔2015〕30号");
            assertThat(oneYear.get("changed")).isEmpty();
        });

        // As the ledger knew it before the back-dated decisions were recorded, 2017's list was still the 2013 one.
        JsonNode knownThen = list("&asOf=2017-06-01&knownAt=" + knownBeforeTheChanges);
        assertThat(versionsByName(knownThen)).hasSize(5).containsEntry("食品经营许可(历史测试)", 1);
    }
}
