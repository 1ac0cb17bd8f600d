package org.quanli.ops.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.quanli.kernel.identity.Role;
import org.quanli.kernel.places.UnifiedSocialCreditCode;
import org.quanli.ops.CaughtUp;
import org.quanli.platform.security.demo.DemoTokens;
import org.quanli.testing.ApiClient;
import tools.jackson.databind.JsonNode;

/**
 * Hangzhou's list put into the all-in-one through the command API, as the portal tests read it: a province-to-village
 * tree, 24 items imported as published on 2018-01-01 and one item drafted with a full guide, amended in 2020 (promised
 * 10 → 5 working days), one item cancelled in 2021, one devolved to Xihu district on 2022-07-01, and three cases in
 * March–April 2024. Lists are read before the devolution where their totals matter. Set up once per application
 * (the portal test classes share one), in its own province so that other tests' data never shows in its figures.
 */
final class PortalFixture {

    static final String ZHEJIANG = "330000";
    static final String HANGZHOU = "330100";
    static final String XIHU = "330106";
    static final String BEISHAN = "330106001";
    static final String SHUGUANG = "330106001001";
    static final String REFORM_OFFICE = code("11330100MB0000001");
    static final String JUSTICE = code("11330100MB0000002");
    static final String MARKET = code("11330100MB0000003");
    static final String HEALTH = code("11330100MB0000004");
    static final String XIHU_MARKET = code("11330106MB0000001");

    static final String GUIDE_ITEM = "食品经营许可(门户)";
    static final String CANCELLED_ITEM = "对无证经营的处罚(门户)";
    static final String DEVOLVED_ITEM = "小餐饮登记(门户)";
    /** Licences, penalties and confirmations imported on 2018-01-01, the guide item besides. */
    static final int LICENCES = 16;
    static final int PENALTIES = 5;
    static final int CONFIRMATIONS = 3;

    /** The fixture of each running application, or what made building it fail (not tried again). */
    private static final Map<Integer, Object> BY_PORT = new ConcurrentHashMap<>();

    final ApiClient anonymous;
    final Map<String, String> itemIds = new HashMap<>();

    private final ApiClient admin;
    private final ApiClient reform;
    private final ApiClient reviewer;
    private final ApiClient clerk;
    private final ApiClient window;

    private PortalFixture(int port, DemoTokens tokens) {
        anonymous = ApiClient.anonymous(port, tokens);
        admin = anonymous.as("admin", Role.ADMINISTRATOR, null);
        reform = anonymous.as("hz-reform", Role.REFORM_OFFICE, REFORM_OFFICE);
        reviewer = anonymous.as("hz-legal", Role.LEGAL_REVIEWER, JUSTICE);
        clerk = anonymous.as("hz-clerk", Role.BODY_CLERK, MARKET);
        window = anonymous.as("hz-window", Role.WINDOW_OFFICER, MARKET);
    }

    static PortalFixture on(int port, DemoTokens tokens) {
        Object fixture = BY_PORT.computeIfAbsent(port, p -> {
            try {
                return new PortalFixture(p, tokens).build();
            } catch (RuntimeException | AssertionError e) {
                return e;
            }
        });
        if (fixture instanceof Throwable failure) {
            throw new IllegalStateException("putting Hangzhou's list into the ledger failed", failure);
        }
        return (PortalFixture) fixture;
    }

    static String code(String first17) {
        return first17 + UnifiedSocialCreditCode.checkCharacter(first17);
    }

    String item(String name) {
        return itemIds.get(name);
    }

    private PortalFixture build() {
        places();
        importList();
        String guide = guideItem();
        itemIds.put(GUIDE_ITEM, guide);
        amendGuideItem(guide);
        cancel(item(CANCELLED_ITEM));
        devolve(item(DEVOLVED_ITEM));
        cases(guide);
        // Every projection the pages read has caught up.
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            CaughtUp.everyStreamingProjection(admin);
            assertThat(list("2022-01-01").get("total").asInt()).isEqualTo(LICENCES + PENALTIES + CONFIRMATIONS);
            assertThat(anonymous.get("/api/public/items/" + item(DEVOLVED_ITEM) + "/lineage").json()
                    .get("root").get("delegations")).hasSize(1);
            JsonNode statistics = anonymous.get("/api/public/statistics/cases?from=2024-03-01&to=2024-04-30"
                    + "&jurisdictionCode=" + HANGZHOU).json();
            assertThat(statistics.get("figures").get(1).get("total").get("value").asInt()).isEqualTo(3);
        });
        return this;
    }

    private void places() {
        expect(201, admin.post("/api/jurisdictions", Map.of("code", ZHEJIANG, "name", "浙江省", "level", "PROVINCE")));
        expect(201, admin.post("/api/jurisdictions", Map.of("code", HANGZHOU, "name", "杭州市", "level", "CITY",
                "parentCode", ZHEJIANG)));
        expect(201, admin.post("/api/jurisdictions", Map.of("code", XIHU, "name", "西湖区", "level", "COUNTY",
                "parentCode", HANGZHOU)));
        expect(201, admin.post("/api/jurisdictions", Map.of("code", BEISHAN, "name", "北山街道", "level", "TOWNSHIP",
                "parentCode", XIHU)));
        expect(201, admin.post("/api/jurisdictions", Map.of("code", SHUGUANG, "name", "曙光社区", "level", "VILLAGE",
                "parentCode", BEISHAN)));
        body(REFORM_OFFICE, "中共杭州市委机构编制委员会办公室", HANGZHOU);
        body(JUSTICE, "杭州市司法局", HANGZHOU);
        body(MARKET, "杭州市市场监督管理局", HANGZHOU);
        body(HEALTH, "杭州市卫生健康委员会", HANGZHOU);
        body(XIHU_MARKET, "杭州市西湖区市场监督管理局", XIHU);
    }

    private void body(String bodyId, String name, String jurisdiction) {
        expect(201, admin.post("/api/bodies", Map.of("creditCode", bodyId, "name", name, "jurisdictionCode",
                jurisdiction, "nature", "STATUTORY_ORGAN", "administrativeSubject", true)));
    }

    /** 24 rows: licences of the market bureau and the health commission, penalties, confirmations. */
    private void importList() {
        StringBuilder csv = new StringBuilder("序号,事项名称,事项类型,实施主体统一社会信用代码,设定依据,法定时限,承诺时限\n");
        int row = 0;
        for (int i = 1; i <= LICENCES; i++) {
            String name = i == 1 ? DEVOLVED_ITEM : "许可事项" + String.format("%02d", i) + "(门户)";
            csv.append(++row).append(',').append(name).append(",行政许可,").append(i % 4 == 0 ? HEALTH : MARKET)
                    .append(",《中华人民共和国行政许可法》第十二条,20个工作日,10个工作日\n");
        }
        for (int i = 1; i <= PENALTIES; i++) {
            String name = i == 1 ? CANCELLED_ITEM : "处罚事项" + String.format("%02d", i) + "(门户)";
            csv.append(++row).append(',').append(name).append(",行政处罚,").append(MARKET)
                    .append(",《中华人民共和国食品安全法》第一百二十二条,90,60\n");
        }
        for (int i = 1; i <= CONFIRMATIONS; i++) {
            csv.append(++row).append(",确认事项").append(String.format("%02d", i)).append("(门户),行政确认,")
                    .append(MARKET).append(",《中华人民共和国广告法》第二十九条,5个工作日,即办\n");
        }
        var started = reform.postFile("/api/imports", Map.of("documentNumber", "杭政发〔2017〕40号",
                "effectiveDate", "2018-01-01", "dryRun", "false"), "list.csv",
                csv.toString().getBytes(StandardCharsets.UTF_8));
        expect(202, started);
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(reform.get(started.location()).json()
                .get("status").asString()).isEqualTo("COMPLETED"));
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                assertThat(list("2019-01-01").get("total").asInt()).isEqualTo(LICENCES + PENALTIES + CONFIRMATIONS));
        list("2019-01-01").get("items").forEach(i -> itemIds.put(i.get("name").asString(), i.get("itemId").asString()));
    }

    private JsonNode list(String asOf) {
        return anonymous.get("/api/public/jurisdictions/" + HANGZHOU + "/items?size=200&asOf=" + asOf).json();
    }

    private String guideItem() {
        var drafted = clerk.post("/api/items", guideContent(10, true));
        expect(201, drafted);
        String itemId = drafted.json().get("itemId").asString();
        expect(204, clerk.post("/api/items/" + itemId + "/submit", Map.of()));
        approveAndPublish(itemId, "杭政发〔2017〕41号", "2018-01-01");
        return itemId;
    }

    private Map<String, Object> guideContent(int promised, boolean withBody) {
        Map<String, Object> content = new HashMap<>(Map.of("name", GUIDE_ITEM, "type", "LICENCE",
                "legalBases", List.of(Map.of("kind", "LAW", "title", "《中华人民共和国食品安全法》", "article", "第三十五条")),
                "legalLimitDays", 20, "promisedLimitDays", promised, "exerciseLevel", "CITY",
                "description", "从事食品销售和餐饮服务活动的许可",
                "conditions", List.of("具有与经营的食品品种、数量相适应的经营场所", "有专职或者兼职的食品安全管理人员"),
                "materials", List.of(Map.of("name", "食品经营许可申请书", "originals", 1, "copies", 0, "required", true),
                        Map.of("name", "营业执照复印件", "originals", 0, "copies", 1, "required", true)),
                "processSteps", List.of(Map.of("name", "申请", "handlingUnit", "申请人"),
                        Map.of("name", "受理", "handlingUnit", "市民中心市场监管窗口", "limitDays", 1),
                        Map.of("name", "审查", "handlingUnit", "食品经营监管处", "limitDays", 5),
                        Map.of("name", "决定", "handlingUnit", "分管局领导", "limitDays", 2),
                        Map.of("name", "送达", "handlingUnit", "市民中心市场监管窗口", "limitDays", 2))));
        content.put("relatedDepartments", List.of("杭州市卫生健康委员会"));
        content.put("riskPoints", List.of(Map.of("description", "现场核查走过场", "controls", "双人核查,全程记录")));
        content.put("supervisionChannels", List.of("12345 政务服务便民热线"));
        content.put("responsibilities", List.of("受理责任", "审查责任", "决定责任"));
        content.put("fees", List.of());
        if (withBody) {
            content.put("bodyId", MARKET);
        }
        return content;
    }

    private void amendGuideItem(String itemId) {
        expect(204, clerk.post("/api/items/" + itemId + "/amendment", guideContent(5, false)));
        expect(204, clerk.post("/api/items/" + itemId + "/submit", Map.of()));
        approveAndPublish(itemId, "杭政发〔2019〕52号", "2020-01-01");
    }

    private void cancel(String itemId) {
        expect(204, reform.post("/api/items/" + itemId + "/adjustment", Map.of("kind", "CANCEL",
                "reason", "改由综合行政执法部门实施")));
        approveAndPublish(itemId, "杭政发〔2020〕60号", "2021-01-01");
    }

    private void approveAndPublish(String itemId, String documentNumber, String effectiveDate) {
        expect(204, reviewer.post("/api/items/" + itemId + "/approve", Map.of("opinion", "同意")));
        expect(204, reform.post("/api/items/" + itemId + "/publish", Map.of("documentNumber", documentNumber,
                "effectiveDate", effectiveDate)));
    }

    private void devolve(String itemId) {
        expect(201, reform.post("/api/delegations", Map.of("mode", "DEVOLVE", "sourceItemIds", List.of(itemId),
                "receiverBodyIds", List.of(XIHU_MARKET), "documentNumber", "杭政发〔2022〕9号",
                "effectiveDate", "2022-07-01")));
    }

    /**
     * March 2024: one case concluded on its acceptance day, one three working days later; April: one concluded the
     * next day. Same-day rate 1/2 in March, 0/1 in April; all three on time.
     */
    private void cases(String itemId) {
        concludedCase(itemId, "2024-03-04", "2024-03-04");
        concludedCase(itemId, "2024-03-05", "2024-03-08");
        concludedCase(itemId, "2024-04-01", "2024-04-02");
    }

    private void concludedCase(String itemId, String accepted, String concluded) {
        var submitted = window.post("/api/cases", Map.of("itemId", itemId, "channel", "WINDOW",
                "applicant", Map.of("name", "王小明", "documentType", "RESIDENT_ID_CARD",
                        "documentNumber", "330106199001011234", "phone", "13912345678"),
                "receivedOn", accepted, "materials", List.of("食品经营许可申请书"), "window", "市民中心2号窗口"));
        expect(201, submitted);
        String path = "/api/cases/" + submitted.json().get("id").asString();
        expect(204, window.post(path + "/acceptance", Map.of("date", accepted)));
        expect(204, window.post(path + "/decision", Map.of("granted", true, "decidedOn", concluded)));
        expect(204, window.post(path + "/conclusion", Map.of("date", concluded)));
    }

    static void expect(int status, ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
    }
}
