package org.quanli.query.powerlist.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quanli.kernel.codes.BodyNature;
import org.quanli.kernel.codes.ExerciseLevel;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.codes.PowerSource;
import org.quanli.kernel.decision.Decision;
import org.quanli.kernel.delegation.DelegationMessages.DelegatedItem;
import org.quanli.kernel.delegation.DelegationMessages.DelegationDecided;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemReceived;
import org.quanli.kernel.delegation.DelegationMessages.Receiver;
import org.quanli.kernel.delegation.DelegationMode;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.places.JurisdictionLevel;
import org.quanli.kernel.places.PlacesMessages.ImplementingBodyRegistered;
import org.quanli.kernel.places.PlacesMessages.JurisdictionRegistered;
import org.quanli.kernel.powerlist.ItemContent;
import org.quanli.kernel.powerlist.LegalBasis;
import org.quanli.kernel.powerlist.LegalBasisKind;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemPublished;
import org.quanli.platform.projections.ProjectionStatuses;
import org.quanli.platform.security.demo.DemoTokens;
import org.quanli.query.QuerySideApplication;
import org.quanli.query.powerlist.LedgerEvents;
import org.quanli.query.testing.CaughtUp;
import org.quanli.testing.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Exported lists: their columns and codes, what the public may download, streaming over many pages. */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class ListExportHttpTest {

    static final String GUANGHAN = "510681";
    static final String BUREAU = "115106810087123459";
    static final String TAX_BUREAU = "11510681008712355A";
    static final Actor ADMIN = new Actor("admin", "系统管理员", Role.ADMINISTRATOR, null);
    static final Actor REFORM = new Actor("reform", "王强", Role.REFORM_OFFICE, "11510681008712346C");
    static final Decision DECISION = new Decision("广府发〔2015〕8号", LocalDate.of(2015, 3, 1));
    static final String BOM = "\uFEFF";

    @Autowired
    ProjectionStatuses statuses;
    @Autowired
    EventStore eventStore;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DemoTokens tokens;
    @LocalServerPort
    int port;

    ApiClient anonymous;
    ApiClient signedIn;

    @BeforeEach
    void guanghanHasAPublishedList() {
        anonymous = ApiClient.anonymous(port, tokens);
        signedIn = anonymous.as("auditor", Role.AUDITOR, null);
        if (jdbc.sql("select count(*) from domain_event_entry where aggregate_identifier = ?").param(GUANGHAN)
                .query(Long.class).single() > 0) {
            return;
        }
        append(GUANGHAN, new JurisdictionRegistered(GUANGHAN, "广汉市", JurisdictionLevel.COUNTY, "510600", false));
        append(BUREAU, new ImplementingBodyRegistered(BUREAU, "广汉市市场监督管理局", GUANGHAN, JurisdictionLevel.COUNTY,
                BodyNature.STATUTORY_ORGAN, true));
        append(TAX_BUREAU, new ImplementingBodyRegistered(TAX_BUREAU, "广汉市税务局", GUANGHAN, JurisdictionLevel.COUNTY,
                BodyNature.STATUTORY_ORGAN, true));
        publish(BUREAU, new ItemContent("食品经营许可", ItemType.LICENCE, List.of(
                new LegalBasis(LegalBasisKind.LAW, "《中华人民共和国食品安全法》", "第三十五条"),
                new LegalBasis(LegalBasisKind.DEPARTMENTAL_RULE, "《食品经营许可和备案管理办法》", null)),
                20, 10, ExerciseLevel.COUNTY, "510100-XK-001", BUREAU + "4001", null, null, null, null, null, null,
                null, null, null, null, null));
        publish(BUREAU, new ItemContent("个体工商户登记, \"名称\"变更", ItemType.CONFIRMATION,
                List.of(new LegalBasis(LegalBasisKind.ADMINISTRATIVE_REGULATION, "《促进个体工商户发展条例》", "第八条")),
                5, 0, ExerciseLevel.COUNTY, null, BUREAU + "4002", null, null, null, null, null, null, null, null,
                null, null, null));
        publish(BUREAU, new ItemContent("涉密食品检验机构监督检查", ItemType.INSPECTION,
                List.of(new LegalBasis(LegalBasisKind.LAW, "《中华人民共和国食品安全法》", "第一百一十条")), 15, 10,
                ExerciseLevel.COUNTY, null, BUREAU + "4003", null, null, null, null, null, null, null, null, null,
                null, new ItemContent.Publicity(false, "涉及国家秘密", "广保密备〔2015〕3号")));
        // Enough items for the export to read several pages.
        for (int i = 1; i <= 205; i++) {
            publish(TAX_BUREAU, new ItemContent("税务事项" + i, ItemType.OTHER_POWER,
                    List.of(new LegalBasis(LegalBasisKind.LAW, "《中华人民共和国税收征收管理法》", "第" + i + "条")), 10, 5,
                    ExerciseLevel.COUNTY, null, TAX_BUREAU + String.format("4%03d", i), null, null, null, null, null,
                    null, null, null, null, null, null));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "select count(*) from published_item_version where jurisdiction_code = ?").param(GUANGHAN)
                .query(Long.class).single() == 208);
    }

    private void append(String aggregateId, Object payload) {
        transactions.executeWithoutResult(tx -> eventStore.publish(new GenericDomainEventMessage<>(
                "Test", aggregateId, 0, payload, ADMIN.toMetaData())));
    }

    private void publish(String body, ItemContent content) {
        String itemId = UUID.randomUUID().toString();
        transactions.executeWithoutResult(tx -> eventStore.publish(new GenericDomainEventMessage<>("PowerItem", itemId,
                0, new PowerItemPublished(itemId, body, GUANGHAN, 1, content, DECISION, "batch-1"),
                REFORM.toMetaData())));
    }

    private static List<List<String>> csvLines(String text) {
        List<List<String>> lines = new ArrayList<>();
        for (String line : text.split("\r\n")) {
            lines.add(splitCsv(line));
        }
        return lines;
    }

    /** Enough of RFC 4180 for one line: quoted cells with doubled quotes and commas. */
    private static List<String> splitCsv(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    @Test
    void thePublicCsvHasCodesAndLabelsOpensInExcelAndLeavesOutItemsThatAreNotPublic() {
        var download = anonymous.download("/api/public/jurisdictions/" + GUANGHAN + "/items/export?format=csv&asOf=2016-01-01");

        assertThat(download.status()).isEqualTo(200);
        assertThat(download.contentType()).startsWith("text/csv");
        assertThat(download.contentDisposition()).startsWith("attachment")
                .contains("filename*=UTF-8''" + "%E6%9D%83%E8%B4%A3%E6%B8%85%E5%8D%95-510681-2016-01-01.csv");
        String text = download.text();
        assertThat(text).startsWith(BOM);
        List<List<String>> lines = csvLines(text.substring(1));
        assertThat(lines.get(0)).containsExactly("事项编码(基本编码)", "实施编码", "事项名称", "事项类型代码", "事项类型",
                "行使层级代码", "行使层级", "实施主体", "实施主体统一社会信用代码", "法定时限(工作日)", "承诺时限(工作日)",
                "办件类型代码", "办件类型", "设定依据", "文号", "生效日期", "来源事项", "来源主体", "方式", "受委托主体",
                "委托期限");
        assertThat(lines).hasSize(1 + 207);
        List<String> licence = lines.stream().filter(l -> l.get(2).equals("食品经营许可")).findFirst().orElseThrow();
        assertThat(licence).containsExactly("510100-XK-001", BUREAU + "4001", "食品经营许可", "01", "行政许可", "4",
                "县级", "广汉市市场监督管理局", BUREAU, "20", "10", "2", "承诺件",
                "《中华人民共和国食品安全法》第三十五条；《食品经营许可和备案管理办法》", "广府发〔2015〕8号", "2015-03-01", "", "",
                "", "", "");
        List<String> immediate = lines.stream().filter(l -> l.get(2).startsWith("个体工商户登记")).findFirst().orElseThrow();
        assertThat(immediate.get(2)).isEqualTo("个体工商户登记, \"名称\"变更");
        assertThat(immediate.subList(3, 5)).containsExactly("07", "行政确认");
        assertThat(immediate.subList(10, 13)).containsExactly("0", "1", "即办件");
        assertThat(text).doesNotContain("涉密食品检验机构监督检查");

        var beforeTheDecision = anonymous.download("/api/public/jurisdictions/" + GUANGHAN + "/items/export?asOf=2015-02-28");
        assertThat(csvLines(beforeTheDecision.text().substring(1))).hasSize(1);
    }

    @Test
    void signedInUsersDownloadAnXlsxWithTheItemsThatAreNotPublicAndTextCodes() throws IOException {
        assertThat(anonymous.download("/api/items/export?jurisdiction=" + GUANGHAN).status()).isEqualTo(401);

        var download = signedIn.download("/api/items/export?body=" + BUREAU + "&format=xlsx&asOf=2016-01-01");

        assertThat(download.status()).isEqualTo(200);
        assertThat(download.contentType()).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(download.contentDisposition()).contains(".xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(download.body()))) {
            Sheet sheet = workbook.getSheetAt(0);
            DataFormatter cells = new DataFormatter();
            assertThat(sheet.getPhysicalNumberOfRows()).isEqualTo(1 + 3);
            assertThat(cells.formatCellValue(sheet.getRow(0).getCell(3))).isEqualTo("事项类型代码");
            assertThat(cells.formatCellValue(sheet.getRow(0).getCell(20))).isEqualTo("委托期限");
            List<String> names = new ArrayList<>();
            for (Row row : sheet) {
                names.add(cells.formatCellValue(row.getCell(2)));
            }
            assertThat(names).contains("涉密食品检验机构监督检查", "食品经营许可");
            Row inspection = sheet.getRow(names.indexOf("涉密食品检验机构监督检查"));
            assertThat(cells.formatCellValue(inspection.getCell(3))).isEqualTo("06");
            assertThat(cells.formatCellValue(inspection.getCell(4))).isEqualTo("行政检查");
        }
        assertThat(signedIn.get("/api/items/export").status()).isEqualTo(400);
        assertThat(signedIn.get("/api/items/export?jurisdiction=" + GUANGHAN + "&format=pdf").status()).isEqualTo(400);
    }

    @Test
    void aReceivedItemSaysWhereItCameFromAndAnEntrustedItemWhoExercisesItAndForHowLong() {
        String county = LedgerEvents.newCode(300_000, 500_000);
        String bureau = bodyId();
        String town = bodyId();
        append(county, new JurisdictionRegistered(county, "什邡市", JurisdictionLevel.COUNTY, "510600", false));
        append(bureau, new ImplementingBodyRegistered(bureau, "什邡市市场监督管理局", county, JurisdictionLevel.COUNTY,
                BodyNature.STATUTORY_ORGAN, true));
        append(town, new ImplementingBodyRegistered(town, "什邡市洛水镇人民政府", county, JurisdictionLevel.TOWNSHIP,
                BodyNature.STATUTORY_ORGAN, true));
        ItemContent granted = new ItemContent("户外广告设施设置审批", ItemType.LICENCE,
                List.of(new LegalBasis(LegalBasisKind.LAW, "《中华人民共和国广告法》", "第四十一条")), 20, 10);
        ItemContent entrusted = new ItemContent("食品小作坊登记", ItemType.LICENCE,
                List.of(new LegalBasis(LegalBasisKind.LAW, "《中华人民共和国食品安全法》", "第三十六条")), 20, 10);
        String source = UUID.randomUUID().toString();
        String entrustedItem = UUID.randomUUID().toString();
        String received = UUID.randomUUID().toString();
        append(source, new PowerItemPublished(source, bureau, county, 1, granted, DECISION, null));
        append(entrustedItem, new PowerItemPublished(entrustedItem, bureau, county, 1, entrusted, DECISION, null));
        Decision delegation = new Decision("什府发〔2016〕1号", LocalDate.of(2016, 1, 1));
        append(received, new PowerItemReceived(received, town, county, 1, granted, PowerSource.AUTHORISED_FROM_ABOVE,
                source, bureau, UUID.randomUUID().toString(), DelegationMode.GRANT, delegation));
        String entrustment = UUID.randomUUID().toString();
        append(entrustment, new DelegationDecided(entrustment, DelegationMode.ENTRUST, county,
                List.of(new DelegatedItem(entrustedItem, bureau, county, ItemType.LICENCE)),
                List.of(new Receiver(town, county, JurisdictionLevel.TOWNSHIP)), null, LocalDate.of(2020, 12, 31),
                delegation));
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("""
                select (select count(*) from published_item_version where item_id = ?)
                     + (select count(*) from item_entrustment where item_id = ?)
                     + (select count(*) from body_view where body_id in (?, ?))""")
                .params(received, entrustedItem, bureau, town).query(Long.class).single() == 4);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> CaughtUp.everyStreamingProjection(statuses));

        List<List<String>> bureauLines = csvLines(signedIn.download("/api/items/export?body=" + bureau
                + "&format=csv&asOf=2017-01-01").text().substring(1));
        assertThat(bureauLines.get(0).subList(16, 21)).containsExactly("来源事项", "来源主体", "方式", "受委托主体", "委托期限");
        List<String> entrustedRow = bureauLines.stream().filter(l -> l.get(2).equals("食品小作坊登记")).findFirst()
                .orElseThrow();
        assertThat(entrustedRow.subList(16, 21)).containsExactly("", "", "", "什邡市洛水镇人民政府", "2016-01-01至2020-12-31");
        List<String> sourceRow = bureauLines.stream().filter(l -> l.get(2).equals("户外广告设施设置审批")).findFirst()
                .orElseThrow();
        assertThat(sourceRow.subList(16, 21)).containsOnly("");

        List<List<String>> townLines = csvLines(signedIn.download("/api/items/export?body=" + town
                + "&format=csv&asOf=2017-01-01").text().substring(1));
        assertThat(townLines).hasSize(2);
        assertThat(townLines.get(1).get(2)).isEqualTo("户外广告设施设置审批");
        assertThat(townLines.get(1).subList(16, 21)).containsExactly(source, "什邡市市场监督管理局", "赋权", "", "");
        // After the term the entrusting body's list names no one.
        List<List<String>> afterTheTerm = csvLines(signedIn.download("/api/items/export?body=" + bureau
                + "&format=csv&asOf=2021-01-01").text().substring(1));
        assertThat(afterTheTerm.stream().filter(l -> l.get(2).equals("食品小作坊登记")).findFirst().orElseThrow()
                .subList(19, 21)).containsOnly("");
    }

    private static String bodyId() {
        StringBuilder id = new StringBuilder("1151");
        ThreadLocalRandom.current().ints(14, 0, 10).forEach(id::append);
        return id.toString();
    }

    @Test
    void theJsonExportIsAnArrayOfEveryItemAcrossPages() {
        var all = signedIn.download("/api/items/export?jurisdiction=" + GUANGHAN + "&format=json&asOf=2016-01-01");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.contentType()).startsWith("application/json");
        JsonNode items = all.json();
        assertThat(items.isArray()).isTrue();
        assertThat(items.size()).isEqualTo(208);
        assertThat(items.findValuesAsString("itemId")).doesNotHaveDuplicates();
        JsonNode tax = items.get(items.size() - 1);
        assertThat(tax.get("typeCode").asString()).isEqualTo("10");
        assertThat(tax.get("typeLabel").asString()).isEqualTo("其他行政权力");
        assertThat(tax.get("exerciseLevelCode").asString()).isEqualTo("4");

        JsonNode publicItems = anonymous.download("/api/public/jurisdictions/" + GUANGHAN
                + "/items/export?format=JSON&asOf=2016-01-01").json();
        assertThat(publicItems.size()).isEqualTo(207);
        assertThat(publicItems.findValuesAsString("name")).doesNotContain("涉密食品检验机构监督检查");
    }

    @Test
    void anExportHoldsExactlyTheRowsOfTheListOnScreenWithTheSameFiltersAndTimes() {
        String list = "/api/public/jurisdictions/" + GUANGHAN + "/items";
        String filters = "asOf=2016-01-01&knownAt=2999-01-01T00:00:00Z&body=" + TAX_BUREAU + "&type=OTHER_POWER&level=4&q="
                + java.net.URLEncoder.encode("税务事项1", StandardCharsets.UTF_8);
        List<String> listed = new ArrayList<>();
        JsonNode page = anonymous.get(list + "?size=50&" + filters).json();
        while (true) {
            page.get("items").forEach(i -> listed.add(i.get("itemId").asString()));
            if (page.get("next").isNull()) {
                break;
            }
            page = anonymous.get(list + "?size=50&" + filters + "&after=" + page.get("next").asString()).json();
        }
        // 税务事项1, 10–19 and 100–199.
        assertThat(listed).hasSize(111).doesNotHaveDuplicates();

        var json = anonymous.download(list + "/export?format=json&" + filters);
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.json().findValuesAsString("itemId")).isEqualTo(listed);
        var csv = anonymous.download(list + "/export?format=csv&" + filters);
        assertThat(csv.contentDisposition()).contains("510681-2016-01-01.csv");
        List<List<String>> lines = csvLines(csv.text().substring(1));
        assertThat(lines.subList(1, lines.size())).extracting(l -> l.get(2)).hasSize(111)
                .allSatisfy(name -> assertThat(name).startsWith("税务事项1"));
        // As known at a time before anything was recorded, the same filters hold nothing.
        assertThat(anonymous.download(list + "/export?format=json&asOf=2016-01-01&knownAt=2000-01-01T00:00:00Z&type="
                + "OTHER_POWER").json()).isEmpty();

        // A body's list and its export: the same public items.
        String body = "/api/public/bodies/" + BUREAU + "/items";
        List<String> bodyItems = anonymous.get(body + "?asOf=2016-01-01").json().get("items")
                .findValuesAsString("itemId");
        var bodyExport = anonymous.download(body + "/export?format=json&asOf=2016-01-01&level=4");
        assertThat(bodyExport.status()).isEqualTo(200);
        assertThat(bodyExport.json().findValuesAsString("itemId")).hasSize(2).isEqualTo(bodyItems);
        assertThat(anonymous.download(body + "/export?format=json&asOf=2016-01-01&type=CONFIRMATION").json()
                .findValuesAsString("name")).containsExactly("个体工商户登记, \"名称\"变更");

        var badLevel = anonymous.get(list + "/export?level=x");
        assertThat(badLevel.status()).isEqualTo(400);
        assertThat(badLevel.json().get("errors").get(0).get("field").asString()).isEqualTo("level");
        var badBody = anonymous.get("/api/public/bodies/123/items/export");
        assertThat(badBody.status()).isEqualTo(400);
        assertThat(badBody.json().get("errors").get(0).get("field").asString()).isEqualTo("bodyId");
    }

    static final String SHIFANG = "510682";
    static final String SHIFANG_BUREAU = "115106820087123467";

    /** Items whose free text a spreadsheet would run as a formula, in their own county so as not to touch Guanghan. */
    private void shifangHasFormulaLikeItems() {
        if (jdbc.sql("select count(*) from domain_event_entry where aggregate_identifier = ?").param(SHIFANG)
                .query(Long.class).single() > 0) {
            return;
        }
        append(SHIFANG, new JurisdictionRegistered(SHIFANG, "什邡市", JurisdictionLevel.COUNTY, "510600", false));
        append(SHIFANG_BUREAU, new ImplementingBodyRegistered(SHIFANG_BUREAU, "什邡市市场监督管理局", SHIFANG,
                JurisdictionLevel.COUNTY, BodyNature.STATUTORY_ORGAN, true));
        for (String name : List.of("=HYPERLINK(\"http://evil.example\",\"点此\")", "+1+cmd|' /C calc'!A0",
                "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "普通事项")) {
            String itemId = UUID.randomUUID().toString();
            ItemContent content = new ItemContent(name, ItemType.OTHER_POWER,
                    List.of(new LegalBasis(LegalBasisKind.LAW, "=《食品安全法》", null)), 10, 5, ExerciseLevel.COUNTY,
                    null, null, null, null, null, null, null, null, null, null, null, null, null);
            transactions.executeWithoutResult(tx -> eventStore.publish(new GenericDomainEventMessage<>("PowerItem",
                    itemId, 0, new PowerItemPublished(itemId, SHIFANG_BUREAU, SHIFANG, 1, content, DECISION, "batch-2"),
                    REFORM.toMetaData())));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "select count(*) from published_item_version where jurisdiction_code = ?").param(SHIFANG)
                .query(Long.class).single() == 7);
    }

    @Test
    void csvCellsASpreadsheetWouldRunAsFormulasStartWithAQuoteAndAreQuoted() {
        shifangHasFormulaLikeItems();
        String publicCsv = anonymous.download("/api/public/jurisdictions/" + SHIFANG
                + "/items/export?format=csv&asOf=2016-01-01").text();
        String signedInCsv = signedIn.download("/api/items/export?jurisdiction=" + SHIFANG
                + "&format=csv&asOf=2016-01-01").text();

        for (String text : List.of(publicCsv, signedInCsv)) {
            assertThat(text).contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"点此\"\")\"",
                    ",\"'+1+cmd|' /C calc'!A0\",", ",\"'-2+3\",", ",\"'@SUM(A1:A9)\",", ",\"'\t=1+1\",",
                    ",\"'\r=1+1\",", ",\"'=《食品安全法》\",", ",\"普通事项\",");
            List<List<String>> lines = csvLines(text.substring(1));
            assertThat(lines.stream().skip(1).map(l -> l.get(2)).toList()).contains("'-2+3", "'@SUM(A1:A9)", "普通事项");
            // No cell of any line, once unquoted, starts with a formula character.
            assertThat(lines.stream().skip(1).flatMap(List::stream))
                    .noneMatch(cell -> !cell.isEmpty() && "=+-@\t".indexOf(cell.charAt(0)) >= 0);
            // The time limits, the only numbers, are untouched.
            assertThat(lines.get(1).subList(9, 11)).containsExactly("10", "5");
        }
    }

    @Test
    void xlsxCellsThatLookLikeFormulasStayText() throws IOException {
        shifangHasFormulaLikeItems();
        var download = signedIn.download("/api/items/export?jurisdiction=" + SHIFANG + "&format=xlsx&asOf=2016-01-01");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(download.body()))) {
            List<String> names = new ArrayList<>();
            for (Row row : workbook.getSheetAt(0)) {
                for (var cell : row) {
                    assertThat(cell.getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.STRING);
                }
                names.add(row.getCell(2).getStringCellValue());
            }
            // A text cell is never evaluated: the value is kept exactly, with nothing added.
            assertThat(names).contains("=HYPERLINK(\"http://evil.example\",\"点此\")", "-2+3", "@SUM(A1:A9)");
        }
    }
}
