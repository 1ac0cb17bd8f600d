package org.quanli.ops.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.quanli.kernel.calendar.ChinaTime;
import org.quanli.ops.QuanliLedgerApplication;
import org.quanli.platform.security.demo.DemoTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The portal in a real browser (headless Chromium through chromedriver), clicked through as a person would, against
 * the all-in-one with Hangzhou's list put in through the command API ({@link PortalFixture}). Each page is saved as
 * a screenshot under {@code target/portal-screenshots}. Chromium and chromedriver are Debian's packages
 * ({@code chromium}, {@code chromium-driver}); {@code .ci/run} installs them, and without them these tests fail.
 */
@SpringBootTest(classes = QuanliLedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "quanli.supervision.back-fill-grace=P30D")
@ActiveProfiles({"test", "demo"})
class PortalBrowserTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("quanli.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("quanli.chromedriver",
            "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "portal-screenshots");

    private static ChromeDriver browser;
    private static Path profile;

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;

    PortalFixture hangzhou;

    @BeforeAll
    static void startBrowser() throws IOException {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("the browser tests need Debian's chromium and chromium-driver (%s, %s): "
                        + "apt-get install -y chromium chromium-driver (as root; .ci/run does)", CHROMIUM, CHROMEDRIVER)
                .isTrue();
        profile = Files.createTempDirectory("quanli-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--lang=zh-CN", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @BeforeEach
    void data() {
        hangzhou = PortalFixture.on(port, tokens);
        browser.manage().window().setSize(new Dimension(1280, 1700));
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    private WebElement find(String css) {
        return browser.findElement(By.cssSelector(css));
    }

    private List<WebElement> all(String css) {
        return browser.findElements(By.cssSelector(css));
    }

    private Object script(String code) {
        return ((JavascriptExecutor) browser).executeScript(code);
    }

    /** Sets a date field's value as a person picking a date does, whatever the browser's date format. */
    private void pick(String id, String value) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", find("#" + id), value);
    }

    private void screenshot(String name) {
        try {
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Clicks what leads to another page and waits until that page has replaced this one. While the old document is
     * being torn down, Chromium may answer the staleness probe with an inspector error instead of "stale": the wait
     * asks again.
     */
    private void go(WebElement target) {
        WebElement page = find("html");
        target.click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(WebDriverException.class)
                .until(ExpectedConditions.stalenessOf(page));
    }

    /** The names in a JSON export, fetched as a browser's download would. */
    private static List<String> exportedNames(String url) {
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(url)).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body())
                    .findValuesAsString("name");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String total() {
        return find("#list-total").getText();
    }

    @Test
    void aPersonChoosesAJurisdictionFiltersPagesAndGoesBackInTime() {
        open("/");
        assertThat(find("html").getAttribute("lang")).isEqualTo("zh-CN");
        // The first key press reaches the skip link: the page can be used from the keyboard.
        find("body").sendKeys(Keys.TAB);
        assertThat(browser.switchTo().activeElement().getText()).isEqualTo("跳到主要内容");
        screenshot("01-home");
        // The ledger's latest signed checkpoint, and where to read how to check it.
        assertThat(Long.parseLong(find("#checkpoint-size").getText())).isPositive();
        assertThat(find("#checkpoint-root").getText()).hasSize(44);
        assertThat(find("#checkpoint-json").getAttribute("href")).endsWith("/api/public/ledger/checkpoints/latest");
        go(find("#checkpoint-verify"));
        assertThat(find("h1").getText()).isEqualTo("如何验证账本");
        open("/");

        go(browser.findElement(By.linkText("浙江省")));
        assertThat(find("h1").getText()).startsWith("浙江省");
        go(find("#children").findElement(By.linkText("杭州市")));
        assertThat(find("h1").getText()).startsWith("杭州市");
        assertThat(find("#asOf").getAttribute("value")).isEqualTo(ChinaTime.today(java.time.Clock.systemUTC()).toString());
        screenshot("02-list");

        // In mid-2021: 25 published in 2018, one penalty cancelled: 24 items on two pages.
        pick("asOf", "2021-06-01");
        go(find("#apply"));
        assertThat(total()).isEqualTo("24");
        assertThat(all("#items tbody tr")).hasSize(20);
        go(find(".pager a[rel=next]"));
        assertThat(all("#items tbody tr")).hasSize(4);
        assertThat(browser.getCurrentUrl()).contains("page=1").contains("asOf=2021-06-01");
        go(find(".pager a[rel=prev]"));
        assertThat(all("#items tbody tr")).hasSize(20);
        assertThat(browser.getCurrentUrl()).contains("before=").contains("asOf=2021-06-01");

        new Select(find("#type")).selectByValue("01");
        go(find("#apply"));
        assertThat(total()).isEqualTo("17");
        assertThat(all("#items tbody tr")).hasSize(17)
                .allSatisfy(row -> assertThat(row.findElements(By.tagName("td")).get(1).getText()).isEqualTo("行政许可"));
        assertThat(find(".type-tabs a.active").getText()).startsWith("行政许可");
        // The JSON export offered under the list holds the rows on screen, in the same order.
        List<String> onScreen = all("#items tbody tr td:first-child a").stream().map(WebElement::getText).toList();
        String export = find("#exports a[data-format=json]").getAttribute("href");
        assertThat(export).contains("type=LICENCE").contains("asOf=2021-06-01");
        assertThat(exportedNames(export)).isEqualTo(onScreen);

        // Back to 2017, before the list was published: nothing; in 2019: all 25, the cancelled penalty among them.
        new Select(find("#type")).selectByValue("");
        pick("asOf", "2017-06-01");
        go(find("#apply"));
        assertThat(total()).isEqualTo("0");
        assertThat(find("#items tbody").getText()).contains("该日期没有符合条件的公开事项");
        pick("asOf", "2019-06-01");
        go(find("#apply"));
        assertThat(total()).isEqualTo("25");
        new Select(find("#type")).selectByValue("02");
        go(find("#apply"));
        assertThat(find("#items tbody").getText()).contains(PortalFixture.CANCELLED_ITEM);
        screenshot("03-list-2019-penalties");

        // On a phone's width the list needs no sideways scrolling.
        browser.manage().window().setSize(new Dimension(390, 844));
        open("/portal/jurisdictions/330100?asOf=2019-06-01");
        assertThat((Long) script("return document.documentElement.scrollWidth - window.innerWidth"))
                .isLessThanOrEqualTo(0L);
        screenshot("04-list-phone");
    }

    @Test
    void anItemGuideDrawsItsProcessAndShowsTheVersionOfTheDate() {
        open("/portal/jurisdictions/330100?asOf=2019-06-01&q=" + "食品经营");
        go(browser.findElement(By.linkText(PortalFixture.GUIDE_ITEM)));
        assertThat(find("h1").getText()).startsWith(PortalFixture.GUIDE_ITEM);
        assertThat(find("#promised-limit").getText()).isEqualTo("10 个工作日");
        WebElement chart = find("#flow-chart");
        assertThat(chart.getSize().getHeight()).isGreaterThan(300);
        assertThat(chart.findElements(By.cssSelector("rect"))).hasSize(5).allSatisfy(box -> {
            assertThat(box.getSize().getWidth()).isGreaterThan(100);
            assertThat(box.getSize().getHeight()).isGreaterThan(20);
        });
        assertThat(chart.findElements(By.cssSelector("text.step-name"))).extracting(WebElement::getText)
                .containsExactly("1. 申请", "2. 受理", "3. 审查", "4. 决定", "5. 送达");
        assertThat(chart.findElements(By.cssSelector("line"))).hasSize(4);
        assertThat(chart.getAttribute("aria-label")).contains("申请").contains("送达");
        assertThat(all("#version-table tbody tr")).hasSize(2);
        screenshot("05-item-guide");

        pick("asOf", "2021-06-01");
        go(find("form.inline-form button"));
        assertThat(find("#promised-limit").getText()).isEqualTo("5 个工作日");
    }

    @Test
    void theChangesBetweenTwoDatesAndWhereADevolvedPowerWent() {
        open("/portal/jurisdictions/330100");
        go(browser.findElement(By.linkText("清单变化")));
        pick("from", "2019-01-01");
        pick("to", "2021-06-01");
        go(find("#compare"));
        assertThat(find("#diff-summary").getText()).endsWith("新增 0 项,减少 1 项,变更 1 项");
        assertThat(find("#removed").getText()).contains(PortalFixture.CANCELLED_ITEM).contains("取消")
                .contains("杭政发〔2020〕60号");
        WebElement change = find("table.field-changes tbody tr");
        assertThat(change.findElement(By.tagName("th")).getText()).isEqualTo("承诺时限");
        assertThat(change.findElement(By.cssSelector("td.before")).getText()).isEqualTo("10");
        assertThat(change.findElement(By.cssSelector("td.after")).getText()).isEqualTo("5");
        screenshot("06-changes");

        open("/portal/items/" + hangzhou.item(PortalFixture.DEVOLVED_ITEM) + "/lineage");
        List<WebElement> nodes = all("#lineage .node-card");
        assertThat(nodes).hasSize(2);
        assertThat(nodes.get(0).getText()).contains(PortalFixture.DEVOLVED_ITEM).contains("杭州市市场监督管理局");
        assertThat(nodes.get(1).getText()).contains("杭州市西湖区市场监督管理局");
        assertThat(find("#lineage .edge").getText()).contains("下放").contains("杭政发〔2022〕9号").contains("2022-07-01");
        screenshot("07-lineage");
    }

    @Test
    void theStatisticsPageDrawsItsChartsWithTheFiguresBelow() {
        open("/portal/jurisdictions/330100");
        go(browser.findElement(By.linkText("统计数据")));
        pick("from", "2024-03-01");
        pick("to", "2024-04-30");
        go(find("#apply"));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> all("#chart-monthly canvas").size() == 1);
        for (String chart : List.of("chart-monthly", "chart-rates", "chart-speed", "chart-bodies")) {
            WebElement canvas = find("#" + chart + " canvas");
            assertThat(canvas.getSize().getWidth()).as(chart).isGreaterThan(200);
            assertThat(canvas.getSize().getHeight()).as(chart).isGreaterThan(200);
        }
        assertThat(script("return echarts.getInstanceByDom(document.getElementById('chart-monthly')).getOption()"
                + ".series.map(s => s.data)")).isEqualTo(List.of(List.of(2L, 1L), List.of(2L, 1L)));
        assertThat(script("return echarts.getInstanceByDom(document.getElementById('chart-rates')).getOption()"
                + ".series.map(s => s.data)")).isEqualTo(List.of(List.of(50L, 0L), List.of(100L, 100L)));
        assertThat(script("return echarts.getInstanceByDom(document.getElementById('chart-bodies')).getOption()"
                + ".xAxis[0].data")).asList().contains("杭州市市场监督管理局");
        WebElement sameDay = find("#case-figures tr[data-code=sameDayRate]");
        assertThat(sameDay.findElement(By.cssSelector(".value")).getText()).isEqualTo("33.33%");
        assertThat(sameDay.findElement(By.cssSelector(".numerator")).getText()).isEqualTo("1");
        assertThat(sameDay.findElement(By.cssSelector(".denominator")).getText()).isEqualTo("3");
        assertThat(sameDay.findElement(By.cssSelector(".formula")).getText()).isNotBlank();
        assertThat(find("#case-figures tr[data-code=accepted] .value").getText()).isEqualTo("3");
        screenshot("08-figures");
    }

    @Test
    void anUnknownCodeShowsTheErrorPageInThePortalsStyle() {
        open("/portal/jurisdictions/990000");
        assertThat(find("h1").getText()).isEqualTo("未找到");
        assertThat(find(".error-status").getText()).isEqualTo("404");
        open("/portal/jurisdictions/330100?asOf=2024-02-30");
        assertThat(find(".error-status").getText()).isEqualTo("400");
        screenshot("09-bad-date");
    }
}
