package org.quanli.command.powerlist.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.quanli.kernel.rules.RuleViolation;

/**
 * Reads CSV (RFC 4180: comma-separated, double-quoted cells that may hold commas, quotes doubled, and line breaks)
 * with Apache Commons CSV. Excel in Chinese offices saves CSV in GBK, other tools in UTF-8 with or without a byte-order mark: a file that is
 * not strictly valid UTF-8 is read as GB18030, which contains GBK.
 */
final class CsvRows {

    static final Charset GB18030 = Charset.forName("GB18030");

    /**
     * Lenient as Excel is: a blank line is a row of one empty cell (so row numbers stay those of the file), a quote
     * inside an unquoted cell is text, characters after a closing quote belong to the cell; a quote left open at the
     * end of the file is refused.
     */
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false)
            .setTrailingData(true).get();

    private CsvRows() {
    }

    record Decoded(String text, String encoding) {
    }

    static SpreadsheetReader.ReadSheet read(byte[] bytes) {
        Decoded decoded = decode(bytes);
        return new SpreadsheetReader.ReadSheet("CSV", decoded.encoding(), null, parse(decoded.text()));
    }

    static Decoded decode(byte[] bytes) {
        boolean bom = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF;
        int start = bom ? 3 : 0;
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString();
            return new Decoded(text, bom ? "UTF-8 (BOM)" : "UTF-8");
        } catch (CharacterCodingException notUtf8) {
            return new Decoded(new String(bytes, GB18030), "GB18030");
        }
    }

    static List<SheetRow> parse(String text) {
        List<SheetRow> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(text, FORMAT)) {
            for (CSVRecord record : parser) {
                rows.add(new SheetRow(rows.size() + 1,
                        record.stream().map(CsvRows::withoutFormulaGuard).toList()));
            }
        } catch (IOException | UncheckedIOException broken) {
            throw new RuleViolation("import-file-unreadable",
                    "CSV 文件第" + (rows.size() + 1) + "行起的引号没有闭合,文件可能不完整");
        }
        return rows;
    }

    /**
     * A single quote in front of =, +, -, @, tab or CR is how a spreadsheet, and the ledger's own CSV export, keeps a
     * cell from being run as a formula: the value is what follows it, so that an export imports as it was.
     */
    static String withoutFormulaGuard(String cell) {
        return cell.length() > 1 && cell.charAt(0) == '\'' && "=+-@\t\r".indexOf(cell.charAt(1)) >= 0
                ? cell.substring(1) : cell;
    }
}
