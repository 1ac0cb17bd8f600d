package org.quanli.command.powerlist.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.quanli.command.powerlist.imports.ImportReport.RowError;
import org.quanli.command.powerlist.imports.ListRowReader.ReadRow;
import org.quanli.kernel.codes.ExerciseLevel;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.powerlist.ItemContent;
import org.quanli.kernel.powerlist.LegalBasis;
import org.quanli.kernel.powerlist.LegalBasisKind;
import org.quanli.kernel.rules.RuleViolation;

/** Reading offices' spreadsheets: formats, encodings, title rows, header synonyms and the cells' many spellings. */
class ListFileReadingTest {

    private static final String HEADER = "序号,事项名称,事项类型,设定依据,行使层级,实施主体,法定时限,承诺时限,备注";
    private static final String ROW = "1,食品经营许可,行政许可,《中华人民共和国食品安全法》第三十五条,市级,德阳市市场监督管理局,20个工作日,10,";

    private static List<ReadRow> rows(SpreadsheetReader.ReadSheet sheet) {
        ListHeader header = ListHeader.find(sheet.rows()).orElseThrow();
        ListRowReader reader = new ListRowReader(header);
        return sheet.rows().stream().filter(r -> r.number() > header.rowNumber() && !r.isBlank()).map(reader::read)
                .toList();
    }

    private static SpreadsheetReader.ReadSheet only(byte[] file) {
        List<SpreadsheetReader.ReadSheet> sheets = SpreadsheetReader.read(file);
        assertThat(sheets).hasSize(1);
        return sheets.get(0);
    }

    @Test
    void aGbkCsvAsExcelSavesItInChineseOfficesIsRecognisedAndRead() {
        byte[] gbk = (HEADER + "\r\n" + ROW + "\r\n").getBytes(CsvRows.GB18030);
        SpreadsheetReader.ReadSheet sheet = only(gbk);
        assertThat(sheet.encoding()).isEqualTo("GB18030");
        ItemContent content = rows(sheet).get(0).content();
        assertThat(content.name()).isEqualTo("食品经营许可");
        assertThat(content.type()).isEqualTo(ItemType.LICENCE);
        assertThat(content.legalLimitDays()).isEqualTo(20);
        assertThat(content.promisedLimitDays()).isEqualTo(10);
        assertThat(content.exerciseLevel()).isEqualTo(ExerciseLevel.CITY);
    }

    @Test
    void aUtf8CsvIsReadWithOrWithoutAByteOrderMark() {
        byte[] plain = (HEADER + "\n" + ROW + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[plain.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(plain, 0, bom, 3, plain.length);
        assertThat(only(plain).encoding()).isEqualTo("UTF-8");
        SpreadsheetReader.ReadSheet withBom = only(bom);
        assertThat(withBom.encoding()).isEqualTo("UTF-8 (BOM)");
        // The mark must not end up in the first header, or “序号” would be unknown.
        assertThat(ListHeader.find(withBom.rows()).orElseThrow().warnings()).isEmpty();
        assertThat(rows(withBom).get(0).content().name()).isEqualTo("食品经营许可");
    }

    @Test
    void quotedCsvCellsMayHoldCommasQuotesAndLineBreaksAndStayOneRow() {
        String csv = HEADER + "\r\n"
                + "1,\"食品经营许可(含\"\"小餐饮\"\")\",01,\"《中华人民共和国食品安全法》第三十五条\n《食品经营许可和备案管理办法》第二条\","
                + "3,德阳市市场监督管理局,20,10,\"备注,有逗号\"\r\n"
                + "2,食品生产许可,01,《中华人民共和国食品安全法》第三十五条,3,德阳市市场监督管理局,20,即办,\r\n";
        List<SheetRow> parsed = CsvRows.parse(csv);
        assertThat(parsed).hasSize(3);
        assertThat(parsed.get(1).cell(1)).isEqualTo("食品经营许可(含\"小餐饮\")");
        assertThat(parsed.get(1).cell(8)).isEqualTo("备注,有逗号");
        List<ReadRow> rows = rows(only(csv.getBytes(StandardCharsets.UTF_8)));
        assertThat(rows).extracting(ReadRow::row).containsExactly(2, 3);
        assertThat(rows.get(0).content().legalBases()).containsExactly(
                new LegalBasis(LegalBasisKind.LAW, "《中华人民共和国食品安全法》", "第三十五条"),
                new LegalBasis(LegalBasisKind.DEPARTMENTAL_RULE, "《食品经营许可和备案管理办法》", "第二条"));
        assertThat(rows.get(1).content().promisedLimitDays()).isZero();
        assertThat(rows.get(1).content().immediate()).isTrue();
    }

    @Test
    void aCellTheExportGuardedAgainstFormulasIsReadAsItsValue() {
        String csv = HEADER + "\r\n"
                + "1,\"'-食品经营许可\",01,\"'=《中华人民共和国食品安全法》第三十五条\",市级,德阳市市场监督管理局,20,10,\r\n";
        ReadRow row = rows(only(csv.getBytes(StandardCharsets.UTF_8))).get(0);
        assertThat(row.content().name()).isEqualTo("-食品经营许可");
        assertThat(row.content().legalBases().get(0).title()).doesNotStartWith("'");
        // A quote before anything else is text.
        assertThat(CsvRows.withoutFormulaGuard("'备注")).isEqualTo("'备注");
    }

    @Test
    void anUnclosedQuoteMakesTheFileUnreadable() {
        assertThatThrownBy(() -> CsvRows.parse(HEADER + "\n1,\"食品经营许可,01\n"))
                .isInstanceOf(RuleViolation.class).hasMessageContaining("引号没有闭合");
    }

    @Test
    void titleRowsBeforeTheHeaderAreSkippedAndRowsKeepTheirSpreadsheetNumbers() {
        String csv = "德阳市市场监督管理局权责清单,,,\n"
                + "(2013年版),,,\n"
                + "\n"
                + "职权名称,职权类别,实施依据,实施机关,法定期限,承诺期限\n"
                + "食品经营许可,许可,《中华人民共和国食品安全法》第三十五条,德阳市市场监督管理局,20,10\n";
        SpreadsheetReader.ReadSheet sheet = only(csv.getBytes(StandardCharsets.UTF_8));
        ListHeader header = ListHeader.find(sheet.rows()).orElseThrow();
        assertThat(header.rowNumber()).isEqualTo(4);
        assertThat(header.columns()).containsValues(ListColumn.NAME, ListColumn.TYPE, ListColumn.LEGAL_BASES,
                ListColumn.BODY_NAME, ListColumn.LEGAL_LIMIT, ListColumn.PROMISED_LIMIT);
        assertThat(rows(sheet)).singleElement().satisfies(r -> {
            assertThat(r.row()).isEqualTo(5);
            assertThat(r.bodyName()).isEqualTo("德阳市市场监督管理局");
        });
    }

    @Test
    void headerSynonymsAndUnitsInBracketsNameTheSameColumns() {
        assertThat(ListColumn.byHeader("权力事项名称")).contains(ListColumn.NAME);
        assertThat(ListColumn.byHeader("职权事项")).contains(ListColumn.NAME);
        assertThat(ListColumn.byHeader("权力类型")).contains(ListColumn.TYPE);
        assertThat(ListColumn.byHeader("设定和实施依据")).contains(ListColumn.LEGAL_BASES);
        assertThat(ListColumn.byHeader("实施层级及权限")).contains(ListColumn.EXERCISE_LEVEL);
        assertThat(ListColumn.byHeader("主体代码")).contains(ListColumn.BODY_CODE);
        assertThat(ListColumn.byHeader("责任主体")).contains(ListColumn.BODY_NAME);
        assertThat(ListColumn.byHeader("法定办结时限（工作日）")).contains(ListColumn.LEGAL_LIMIT);
        assertThat(ListColumn.byHeader(" 承诺办结时限 ")).contains(ListColumn.PROMISED_LIMIT);
        assertThat(ListColumn.byHeader("事项编码(基本编码)")).contains(ListColumn.CATALOGUE_CODE);
        assertThat(ListColumn.byHeader("*事项实施编码")).contains(ListColumn.IMPLEMENTATION_CODE);
        assertThat(ListColumn.byHeader("投诉电话")).contains(ListColumn.SUPERVISION);
        assertThat(ListColumn.byHeader("备注")).contains(ListColumn.IGNORED);
        assertThat(ListColumn.byHeader("联系人")).isEmpty();
    }

    @Test
    void unknownColumnsAreWarningsNamingTheirLetterNotErrors() {
        String csv = "事项名称,事项类型,法定时限,实施主体,联系人,承诺时限\n食品经营许可,01,20,德阳市市场监督管理局,张三,10\n";
        SpreadsheetReader.ReadSheet sheet = only(csv.getBytes(StandardCharsets.UTF_8));
        ListHeader header = ListHeader.find(sheet.rows()).orElseThrow();
        assertThat(header.warnings()).singleElement().satisfies(w -> {
            assertThat(w.column()).isEqualTo("E");
            assertThat(w.header()).isEqualTo("联系人");
        });
        assertThat(rows(sheet).get(0).errors()).isEmpty();
    }

    @Test
    void anExportsDelegationColumnsAreKnownAndNotReadBecauseOnlyADelegationDecisionSaysThem() {
        String csv = "事项名称,事项类型,法定时限,实施主体,承诺时限,来源事项,来源主体,方式,受委托主体,委托期限\n"
                + "食品经营许可,01,20,德阳市市场监督管理局,10,6b1a3f0e-0000-4000-8000-000000000002,德阳市人民政府,下放,"
                + "旌阳区孝泉镇人民政府,2016-01-01至2020-12-31\n";
        SpreadsheetReader.ReadSheet sheet = only(csv.getBytes(StandardCharsets.UTF_8));
        ListHeader header = ListHeader.find(sheet.rows()).orElseThrow();
        assertThat(header.warnings()).isEmpty();
        assertThat(header.columns()).hasSize(5).doesNotContainValue(ListColumn.IGNORED);
        assertThat(rows(sheet).get(0).errors()).isEmpty();
    }

    @Test
    void anXlsxWithAMergedTitleRowAndOtherSynonymsIsRead() throws IOException {
        byte[] xlsx;
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("权责清单");
            sheet.createRow(0).createCell(0).setCellValue("广汉市市场监督管理局权责清单");
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, 6));
            write(sheet.createRow(1), "权力名称", "权力类型", "法律依据", "层级", "统一社会信用代码", "法定办结时限", "承诺办结时限");
            write(sheet.createRow(2), "对无证经营的处罚", "02", "《无证无照经营查处办法》第十三条", "4", "115106810087123459", "", "");
            Row numbers = sheet.createRow(3);
            write(numbers, "特种设备使用登记", "行政许可", "《中华人民共和国特种设备安全法》第三十三条", "县级", "115106810087123459");
            numbers.createCell(5).setCellValue(15);   // a numeric cell, as Excel stores typed numbers
            numbers.createCell(6).setCellValue(5);
            workbook.write(out);
            xlsx = out.toByteArray();
        }
        SpreadsheetReader.ReadSheet sheet = only(xlsx);
        assertThat(sheet.format()).isEqualTo("XLSX");
        List<ReadRow> rows = rows(sheet);
        assertThat(rows).extracting(ReadRow::row).containsExactly(3, 4);
        assertThat(rows.get(0).errors()).containsExactly(new RowError(3, "法定办结时限", "法定时限不能为空"));
        ItemContent licence = rows.get(1).content();
        assertThat(rows.get(1).bodyCode()).isEqualTo("115106810087123459");
        assertThat(licence.legalLimitDays()).isEqualTo(15);
        assertThat(licence.promisedLimitDays()).isEqualTo(5);
        assertThat(licence.exerciseLevel()).isEqualTo(ExerciseLevel.COUNTY);
    }

    private static void write(Row row, String... values) {
        for (int i = 0; i < values.length; i++) {
            row.createCell(i).setCellValue(values[i]);
        }
    }

    @Test
    void anOldXlsFileIsRefusedWithAdviceToSaveAsXlsx() {
        byte[] xls = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 0, 0};
        assertThatThrownBy(() -> SpreadsheetReader.read(xls)).isInstanceOf(RuleViolation.class)
                .hasMessageContaining(".xlsx");
    }

    @Test
    void limitsAreWorkingDaysWrittenInTheUsualWaysAndImmediateIsZero() {
        assertThat(CellText.workingDays("20")).isEqualTo(20);
        assertThat(CellText.workingDays("20个工作日")).isEqualTo(20);
        assertThat(CellText.workingDays("20 个工作日内")).isEqualTo(20);
        assertThat(CellText.workingDays("20日")).isEqualTo(20);
        assertThat(CellText.workingDays("２０个工作日")).isEqualTo(20);
        assertThat(CellText.workingDays("即办")).isZero();
        assertThatThrownBy(() -> CellText.workingDays("30天")).hasMessageContaining("自然日");
        assertThatThrownBy(() -> CellText.workingDays("三个月")).hasMessageContaining("无法识别");
    }

    @Test
    void typesAndLevelsAreReadFromCodesOrLabels() {
        assertThat(CellText.itemType("01")).isEqualTo(ItemType.LICENCE);
        assertThat(CellText.itemType("1")).isEqualTo(ItemType.LICENCE);
        assertThat(CellText.itemType("行政处罚")).isEqualTo(ItemType.PENALTY);
        assertThat(CellText.itemType("处罚类")).isEqualTo(ItemType.PENALTY);
        assertThat(CellText.itemType("其他权力")).isEqualTo(ItemType.OTHER_POWER);
        assertThat(CellText.itemType("其他行政权力")).isEqualTo(ItemType.OTHER_POWER);
        assertThat(CellText.itemType("公共服务")).isEqualTo(ItemType.PUBLIC_SERVICE);
        assertThat(CellText.itemType("20")).isEqualTo(ItemType.PUBLIC_SERVICE);
        assertThat(CellText.itemType("06 行政检查")).isEqualTo(ItemType.INSPECTION);
        assertThatThrownBy(() -> CellText.itemType("01 行政处罚")).hasMessageContaining("无法识别");
        assertThatThrownBy(() -> CellText.itemType("审批")).hasMessageContaining("无法识别");
        assertThat(CellText.exerciseLevel("3")).isEqualTo(ExerciseLevel.CITY);
        assertThat(CellText.exerciseLevel("乡镇级")).isEqualTo(ExerciseLevel.TOWNSHIP);
        assertThat(CellText.exerciseLevel("分级管理")).isEqualTo(ExerciseLevel.GRADED);
        assertThat(CellText.exerciseLevel("村(社区)级")).isEqualTo(ExerciseLevel.VILLAGE);
        assertThatThrownBy(() -> CellText.exerciseLevel("8")).hasMessageContaining("行使层级");
    }

    @Test
    void legalBasesAreSplitAndTheirKindGuessedFromTheTitleWithTheArticleApart() {
        List<LegalBasis> bases = LegalBasisText.parse("""
                1.《中华人民共和国行政许可法》第十二条第一款；《医疗机构管理条例》第九条、第十条
                《四川省食品小作坊、小经营店及摊贩管理条例》第十二条;《德阳市城市管理条例》
                《食品经营许可和备案管理办法》（国家市场监督管理总局令第78号）第二条、《四川省行政执法监督办法》第五条
                国务院对确需保留的行政审批项目设定行政许可的决定第18项
                《城市市容和环境卫生管理条例》第十四条
                德阳市市场监督管理局职能配置、内设机构和人员编制规定
                关于进一步加强食品安全工作的通知""");
        assertThat(bases).containsExactly(
                new LegalBasis(LegalBasisKind.LAW, "《中华人民共和国行政许可法》", "第十二条第一款"),
                new LegalBasis(LegalBasisKind.ADMINISTRATIVE_REGULATION, "《医疗机构管理条例》", "第九条、第十条"),
                new LegalBasis(LegalBasisKind.LOCAL_REGULATION, "《四川省食品小作坊、小经营店及摊贩管理条例》", "第十二条"),
                new LegalBasis(LegalBasisKind.LOCAL_REGULATION, "《德阳市城市管理条例》", null),
                new LegalBasis(LegalBasisKind.DEPARTMENTAL_RULE, "《食品经营许可和备案管理办法》", "第二条"),
                new LegalBasis(LegalBasisKind.LOCAL_RULE, "《四川省行政执法监督办法》", "第五条"),
                new LegalBasis(LegalBasisKind.ADMINISTRATIVE_REGULATION, "国务院对确需保留的行政审批项目设定行政许可的决定", "第18项"),
                new LegalBasis(LegalBasisKind.ADMINISTRATIVE_REGULATION, "《城市市容和环境卫生管理条例》", "第十四条"),
                new LegalBasis(LegalBasisKind.THREE_DETERMINATIONS, "德阳市市场监督管理局职能配置、内设机构和人员编制规定", null),
                new LegalBasis(LegalBasisKind.NORMATIVE_DOCUMENT, "关于进一步加强食品安全工作的通知", null));
    }

    @Test
    void everyUnreadableCellOfARowIsReportedWithItsRowColumnAndReason() {
        String csv = "德阳市权责清单\n"
                + "事项名称,事项类型,法定时限,承诺时限,实施主体,公开属性\n"
                + ",审批,30天,即办,,否\n"
                + "行政检查事项,06,20,10,德阳市市场监督管理局,是\n";
        List<ReadRow> rows = rows(only(csv.getBytes(StandardCharsets.UTF_8)));
        assertThat(rows.get(0).content()).isNull();
        assertThat(rows.get(0).errors()).extracting(RowError::row, RowError::column).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(3, "事项名称"), org.assertj.core.groups.Tuple.tuple(3, "事项类型"),
                org.assertj.core.groups.Tuple.tuple(3, "法定时限"), org.assertj.core.groups.Tuple.tuple(3, "实施主体"),
                org.assertj.core.groups.Tuple.tuple(3, "公开属性"));
        assertThat(rows.get(0).errors()).extracting(RowError::reason).anySatisfy(r -> assertThat(r).contains("自然日"))
                .anySatisfy(r -> assertThat(r).contains("不公开理由"));
        assertThat(rows.get(1).errors()).isEmpty();
        assertThat(rows.get(1).content().publicity().isPublic()).isTrue();
    }

    @Test
    void listCellsBecomeEntriesAndANonPublicItemKeepsItsReasonAndFiling() {
        String csv = "事项名称,事项类型,法定时限,实施主体,申请条件,申请材料,责任事项,投诉电话,是否收费,公开属性,不公开理由,备案文号\n"
                + "涉密事项审批,01,20,德阳市市场监督管理局,\"1.具有法人资格；2.有固定场所\","
                + "\"1.申请书(原件1份)\n2.营业执照(复印件2份)\",受理责任；审查责任,0838-12345,否,否,涉及国家秘密,德保密备〔2013〕1号\n";
        ItemContent content = rows(only(csv.getBytes(StandardCharsets.UTF_8))).get(0).content();
        assertThat(content.conditions()).containsExactly("具有法人资格", "有固定场所");
        assertThat(content.materials()).containsExactly(new ItemContent.Material("申请书", 1, 0, true),
                new ItemContent.Material("营业执照", 0, 2, true));
        assertThat(content.responsibilities()).containsExactly("受理责任", "审查责任");
        assertThat(content.supervisionChannels()).containsExactly("投诉电话:0838-12345");
        assertThat(content.fees()).isEmpty();
        assertThat(content.publicity()).isEqualTo(new ItemContent.Publicity(false, "涉及国家秘密", "德保密备〔2013〕1号"));
        assertThat(content.promisedLimitDays()).as("no promise: the legal limit").isEqualTo(20);
    }
}
