package org.quanli.command.powerlist.imports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.quanli.kernel.rules.RuleViolation;

/** Turns an uploaded file into rows of text: XLSX (every sheet, in order) or CSV, told apart by their content. */
final class SpreadsheetReader {

    private SpreadsheetReader() {
    }

    /** The rows of one sheet; {@code encoding} only for CSV, {@code sheetName} only for XLSX. */
    record ReadSheet(String format, String encoding, String sheetName, List<SheetRow> rows) {
    }

    static List<ReadSheet> read(byte[] bytes) {
        if (bytes.length == 0) {
            throw new RuleViolation("import-file-unreadable", "上传的文件是空的");
        }
        if (startsWith(bytes, 0x50, 0x4B, 0x03, 0x04)) {
            return xlsx(bytes);
        }
        if (startsWith(bytes, 0xD0, 0xCF, 0x11, 0xE0)) {
            throw new RuleViolation("import-file-format", "不支持旧版 Excel(.xls)文件,请在 Excel 中另存为 .xlsx 或 CSV 后上传");
        }
        return List.of(CsvRows.read(bytes));
    }

    private static List<ReadSheet> xlsx(byte[] bytes) {
        DataFormatter formatter = new DataFormatter();
        // A formula cell is read as the value Excel last computed, as the user saw it.
        formatter.setUseCachedValuesForFormulaCells(true);
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            List<ReadSheet> sheets = new ArrayList<>();
            for (Sheet sheet : workbook) {
                List<SheetRow> rows = new ArrayList<>();
                for (Row row : sheet) {
                    List<String> cells = new ArrayList<>();
                    for (int c = 0; c < Math.max(row.getLastCellNum(), 0); c++) {
                        Cell cell = row.getCell(c);
                        cells.add(cell == null ? "" : formatter.formatCellValue(cell));
                    }
                    rows.add(new SheetRow(row.getRowNum() + 1, cells));
                }
                sheets.add(new ReadSheet("XLSX", null, sheet.getSheetName(), rows));
            }
            return sheets;
        } catch (IOException | RuntimeException e) {
            throw new RuleViolation("import-file-unreadable", "无法读取 Excel 文件(" + e.getClass().getSimpleName()
                    + "),请确认文件完整且为 .xlsx 格式");
        }
    }

    private static boolean startsWith(byte[] bytes, int... magic) {
        if (bytes.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((bytes[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
