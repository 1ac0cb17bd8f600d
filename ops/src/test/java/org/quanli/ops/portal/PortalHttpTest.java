package org.quanli.ops.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quanli.ops.QuanliLedgerApplication;
import org.quanli.platform.security.demo.DemoTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The portal's pages over plain HTTP, without a token, against the all-in-one with Hangzhou's list put in through the
 * command API: status, content type, caching headers and the real values each page shows; unknown codes answer a
 * 404 page and malformed dates a 400 page, never a problem document or a 500.
 */
@SpringBootTest(classes = QuanliLedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "quanli.supervision.back-fill-grace=P30D")
@ActiveProfiles({"test", "demo"})
class PortalHttpTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;

    PortalFixture hangzhou;

    @BeforeEach
    void data() {
        hangzhou = PortalFixture.on(port, tokens);
    }

    private HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> page(String path) {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + "\n" + response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(response.headers().firstValue("Cache-Control").orElse("")).isEqualTo("max-age=60, public");
        assertThat(response.body()).contains("<html lang=\"zh-CN\">");
        return response;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void theHomePageIsPublicAndFindsPlacesAndItems() {
        assertThat(page("/").body()).contains("浙江省").contains("/portal/jurisdictions/330000");
        assertThat(page("/?place=" + encode("曙光")).body()).contains("曙光社区").contains("北山街道")
                .contains("/portal/jurisdictions/330106001001");
        assertThat(page("/?q=" + encode("食品经营许可(门户)")).body()).contains("共 1 项")
                .contains("/portal/items/" + hangzhou.item(PortalFixture.GUIDE_ITEM));
    }

    @Test
    void aJurisdictionsListReadsOnTheDateAskedWithCountsByType() {
        String body = page("/portal/jurisdictions/330100?asOf=2019-06-01").body();
        assertThat(body).contains("<strong id=\"list-total\">25</strong>")
                .contains("行政许可 <span>17</span>").contains("行政处罚 <span>5</span>")
                .contains("/api/public/jurisdictions/330100/items/export?format=xlsx&amp;asOf=2019-06-01")
                .contains("西湖区").contains("杭州市市场监督管理局");
        assertThat(page("/portal/jurisdictions/330100?asOf=2022-01-01").body())
                .contains("<strong id=\"list-total\">24</strong>").doesNotContain(PortalFixture.CANCELLED_ITEM);
        // As the ledger knew it in 2020 (Beijing time), before any of this was recorded: empty.
        assertThat(page("/portal/jurisdictions/330100?asOf=2019-06-01&knownAt=2020-01-01T08:00").body())
                .contains("<strong id=\"list-total\">0</strong>").contains("按 2020-01-01T08:00 时账本所知");
        assertThat(page("/portal/jurisdictions/330100?asOf=2017-06-01").body())
                .contains("<strong id=\"list-total\">0</strong>");
        assertThat(page("/portal/jurisdictions/330100?asOf=2019-06-01&type=02").body())
                .contains("<strong id=\"list-total\">5</strong>").contains(PortalFixture.CANCELLED_ITEM);
        assertThat(page("/portal/bodies/" + PortalFixture.HEALTH + "?asOf=2019-06-01").body())
                .contains("杭州市卫生健康委员会").contains("<strong id=\"list-total\">4</strong>");
        // The village at the bottom of the tree, with its whole path.
        String village = page("/portal/jurisdictions/330106001001").body();
        Matcher breadcrumb = Pattern.compile("<nav aria-label=\"所在位置\" class=\"breadcrumb\">(.*?)</nav>",
                Pattern.DOTALL).matcher(village);
        assertThat(breadcrumb.find()).as("the page has a breadcrumb").isTrue();
        assertThat(breadcrumb.group(1).replaceAll("<[^>]*>", "").replaceAll("\\s+", ""))
                .isEqualTo("首页›浙江省›杭州市›西湖区›北山街道›曙光社区");
    }

    /** The names in the list table of a page, in order. */
    private static List<String> rowNames(String page) {
        List<String> names = new ArrayList<>();
        Matcher row = Pattern.compile("<td data-label=\"事项名称\"><a [^>]*>([^<]*)</a>").matcher(page);
        while (row.find()) {
            names.add(row.group(1));
        }
        return names;
    }

    /** The JSON export link of a list page, as its href reads unescaped. */
    private static String exportLink(String page) {
        Matcher link = Pattern.compile("<a href=\"([^\"]*)\" data-format=\"json\">").matcher(page);
        assertThat(link.find()).as("the page has a JSON export link").isTrue();
        return link.group(1).replace("&amp;", "&");
    }

    @Test
    void theExportLinksOfAListPageExportExactlyTheViewOnScreen() {
        String filtered = page("/portal/jurisdictions/330100?asOf=2019-06-01&type=02&body=" + PortalFixture.MARKET
                + "&q=" + encode("门户")).body();
        String link = exportLink(filtered);
        assertThat(link).startsWith("/api/public/jurisdictions/330100/items/export?format=json&asOf=2019-06-01")
                .contains("body=" + PortalFixture.MARKET).contains("type=PENALTY").contains("q=%E9%97%A8%E6%88%B7");
        List<String> onScreen = rowNames(filtered);
        assertThat(onScreen).hasSize(PortalFixture.PENALTIES).contains(PortalFixture.CANCELLED_ITEM);
        var exported = get(link);
        assertThat(exported.statusCode()).isEqualTo(200);
        assertThat(exported.headers().firstValue("Cache-Control").orElse("")).isEqualTo("max-age=60, public");
        assertThat(JSON.readTree(exported.body()).findValuesAsString("name")).isEqualTo(onScreen);
        assertThat(filtered).contains("format=csv&amp;asOf=2019-06-01").contains("format=xlsx&amp;asOf=2019-06-01");

        // A body's page exports the body's list, on the date and as known at the time on screen.
        String body = page("/portal/bodies/" + PortalFixture.HEALTH + "?asOf=2019-06-01&knownAt=2999-01-01T08:00")
                .body();
        String bodyLink = exportLink(body);
        assertThat(bodyLink).startsWith("/api/public/bodies/" + PortalFixture.HEALTH + "/items/export?format=json")
                .contains("knownAt=2999-01-01T00:00:00Z");
        assertThat(JSON.readTree(get(bodyLink).body()).findValuesAsString("name")).hasSize(4)
                .isEqualTo(rowNames(body));
    }

    @Test
    void anItemGuideShowsTheVersionInForceOnTheDateWithItsFlowChartAndVersions() {
        String item = "/portal/items/" + hangzhou.item(PortalFixture.GUIDE_ITEM);
        String in2019 = page(item + "?asOf=2019-06-01").body();
        assertThat(in2019).contains("<dd id=\"promised-limit\">10 个工作日</dd>").contains("id=\"flow-chart\"")
                .contains("1. 申请").contains("5. 送达").contains("营业执照复印件").contains("杭政发〔2017〕41号")
                .contains("杭政发〔2019〕52号").contains("现场核查走过场");
        assertThat(page(item + "?asOf=2021-06-01").body()).contains("<dd id=\"promised-limit\">5 个工作日</dd>");
        assertThat(page(item + "/lineage").body()).contains(PortalFixture.GUIDE_ITEM);
        assertThat(page("/portal/items/" + hangzhou.item(PortalFixture.DEVOLVED_ITEM) + "/lineage").body())
                .contains("下放").contains("杭政发〔2022〕9号").contains("杭州市西湖区市场监督管理局");
    }

    @Test
    void theChangesBetweenTwoDatesAndTheFiguresAreShownWithTheirValues() {
        String changes = page("/portal/jurisdictions/330100/changes?from=2019-01-01&to=2021-06-01").body();
        assertThat(changes).contains("新增 0 项,减少 1 项,变更 1 项").contains(PortalFixture.CANCELLED_ITEM)
                .contains("杭政发〔2020〕60号").contains("承诺时限");
        String figures = page("/portal/jurisdictions/330100/figures?from=2024-03-01&to=2024-04-30").body();
        assertThat(figures).contains("\"months\":[\"2024-03\",\"2024-04\"]")
                .contains("\"accepted\":[2,1]").contains("\"sameDayRate\":[50.00,0.00]")
                .contains("/portal/assets/echarts.min.js")
                // The cases' applicant is nowhere on the page, not even masked.
                .doesNotContain("王小明").doesNotContain("王*").doesNotContain("199001011234").doesNotContain("****");
        assertThat(page("/portal/bodies/" + PortalFixture.MARKET).body()).contains("名称沿革");
    }

    @Test
    void theByBodyChartShowsEachBodysConcludedCasesAndOnTimeRate() {
        String figures = page("/portal/jurisdictions/330100/figures?from=2024-03-01&to=2024-04-30").body();
        String data = figures.substring(figures.indexOf("id=\"chart-data\">") + "id=\"chart-data\">".length());
        JsonNode charts = JSON.readTree(data.substring(0, data.indexOf("</script>")));
        List<String> bodies = new ArrayList<>();
        charts.get("bodies").forEach(b -> bodies.add(b.asString()));
        assertThat(bodies).containsExactlyInAnyOrder("中共杭州市委机构编制委员会办公室", "杭州市司法局", "杭州市市场监督管理局",
                "杭州市卫生健康委员会");
        for (int i = 0; i < bodies.size(); i++) {
            boolean market = bodies.get(i).equals("杭州市市场监督管理局");
            // The market bureau concluded the three cases, all on time; the others none (no rate).
            assertThat(charts.get("byBody").get("concluded").get(i).asInt()).as(bodies.get(i)).isEqualTo(market ? 3 : 0);
            JsonNode onTime = charts.get("byBody").get("onTimeRate").get(i);
            if (market) {
                assertThat(onTime.decimalValue()).isEqualByComparingTo("100.00");
            } else {
                assertThat(onTime.isNull()).as(bodies.get(i)).isTrue();
            }
        }
    }

    @Test
    void unknownCodesAndBadDatesAnswerStyledErrorPages() {
        var unknown = get("/portal/jurisdictions/990000");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(unknown.body()).contains("<html lang=\"zh-CN\">").contains("未找到");
        assertThat(get("/portal/items/00000000-0000-0000-0000-000000000000").statusCode()).isEqualTo(404);
        var badDate = get("/portal/jurisdictions/330100?asOf=2024-13-45");
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(badDate.body()).contains("请求有误").contains("asOf").contains("2024-13-45");
        assertThat(get("/portal/jurisdictions/33").statusCode()).isEqualTo(400);
        assertThat(get("/portal/jurisdictions/330100/figures?to=%2B999999999-12-31").statusCode()).isEqualTo(400);
        assertThat(get("/portal/items/" + hangzhou.item(PortalFixture.GUIDE_ITEM) + "?asOf=-000001-01-01")
                .statusCode()).isEqualTo(400);
        assertThat(get("/portal/jurisdictions/330100/changes?from=2024-01-01&to=2023-01-01").statusCode())
                .isEqualTo(400);
        assertThat(get("/portal/items/not-a-uuid").statusCode()).isEqualTo(400);
        assertThat(get("/portal/jurisdictions/330100?knownAt=yesterday").statusCode()).isEqualTo(400);
        var badPosition = get("/portal/jurisdictions/330100?after=not-a-position");
        assertThat(badPosition.statusCode()).isEqualTo(400);
        assertThat(badPosition.body()).contains("请求有误").contains("after");
    }

    @Test
    void assetsAreCachedForAWeekAndPagesCarryAnEtag() {
        var script = get("/portal/assets/echarts.min.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Cache-Control").orElse("")).isEqualTo("max-age=604800, public");
        // The home page shows the latest checkpoint, which the sealer may renew between two requests: then the
        // page has changed and answers in full with a new tag; asked again with that tag, it answers 304.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String etag = page("/").headers().firstValue("ETag").orElseThrow();
            var again = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
                    .header("If-None-Match", etag).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(again.statusCode()).isEqualTo(304);
        });
    }
}
