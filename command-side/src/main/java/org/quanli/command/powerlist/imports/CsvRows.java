package org.quanli.command.powerlist.imports;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.quanli.kernel.rules.RuleViolation;

/**
 * Reads CSV (RFC 4180: comma-separated, double-quoted cells that may hold commas, quotes doubled, and line breaks).
 * Excel in Chinese offices saves CSV in GBK, other tools in UTF-8 with or without a byte-order mark: a file that is
 * not strictly valid UTF-8 is read as GB18030, which contains GBK.
 */
final class CsvRows {

    static final Charset GB18030 = Charset.forName("GB18030");

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
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean cellStarted = false;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && !cellStarted) {
                quoted = true;
                cellStarted = true;
            } else if (c == ',') {
                cells.add(withoutFormulaGuard(cell.toString()));
                cell.setLength(0);
                cellStarted = false;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                cells.add(withoutFormulaGuard(cell.toString()));
                rows.add(new SheetRow(rows.size() + 1, cells));
                cells = new ArrayList<>();
                cell.setLength(0);
                cellStarted = false;
            } else {
                // A quote inside an unquoted cell is kept as text, as Excel does.
                cell.append(c);
                cellStarted = true;
            }
            i++;
        }
        if (quoted) {
            throw new RuleViolation("import-file-unreadable",
                    "CSV 文件第" + (rows.size() + 1) + "行起的引号没有闭合,文件可能不完整");
        }
        if (cellStarted || !cell.isEmpty() || !cells.isEmpty()) {
            cells.add(withoutFormulaGuard(cell.toString()));
            rows.add(new SheetRow(rows.size() + 1, cells));
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
