package org.quanli.command.powerlist.imports;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.quanli.command.powerlist.imports.ImportReport.ColumnWarning;
import org.quanli.platform.web.ControlCharacters;

/**
 * The header row of a list and what each column holds. Title rows (“德阳市市场监督管理局权责清单”, often a merged
 * cell) may come first: the header is the first row in which at least {@value #MIN_KNOWN} cells name known columns.
 *
 * @param columns by cell index, only the columns that are read
 * @param headers by cell index, the header text as the file writes it, for messages
 */
record ListHeader(int rowNumber, Map<Integer, ListColumn> columns, Map<Integer, String> headers,
                  List<ColumnWarning> warnings) {

    static final int MIN_KNOWN = 3;
    /** How far down title rows may push the header. */
    static final int SEARCHED_ROWS = 30;

    static Optional<ListHeader> find(List<SheetRow> rows) {
        for (SheetRow row : rows.subList(0, Math.min(rows.size(), SEARCHED_ROWS))) {
            long known = row.cells().stream().map(ListColumn::byHeader)
                    .filter(c -> c.isPresent() && c.get() != ListColumn.IGNORED).count();
            if (known >= MIN_KNOWN) {
                return Optional.of(of(row));
            }
        }
        return Optional.empty();
    }

    private static ListHeader of(SheetRow row) {
        Map<Integer, ListColumn> columns = new LinkedHashMap<>();
        Map<Integer, String> headers = new LinkedHashMap<>();
        List<ColumnWarning> warnings = new ArrayList<>();
        for (int i = 0; i < row.cells().size(); i++) {
            String header = row.cell(i).strip();
            if (header.isEmpty()) {
                continue;
            }
            if (ControlCharacters.refused(header)) {
                warnings.add(new ColumnWarning(letter(i), header.replaceAll("[\\p{Cc}&&[^\\t\\n\\r]]", ""),
                        "列名" + ControlCharacters.describe(header) + ",已忽略"));
                continue;
            }
            headers.put(i, header);
            Optional<ListColumn> column = ListColumn.byHeader(header);
            if (column.isEmpty()) {
                warnings.add(new ColumnWarning(letter(i), header, "未识别的列,已忽略"));
            } else if (column.get() != ListColumn.IGNORED) {
                columns.put(i, column.get());
            }
        }
        return new ListHeader(row.number(), columns, headers, warnings);
    }

    /** The columns a list must have to be read at all, by their usual names. */
    List<String> missingRequiredColumns() {
        Set<ListColumn> present = EnumSet.noneOf(ListColumn.class);
        present.addAll(columns.values());
        List<String> missing = new ArrayList<>();
        for (ListColumn required : List.of(ListColumn.NAME, ListColumn.TYPE, ListColumn.LEGAL_LIMIT)) {
            if (!present.contains(required)) {
                missing.add(required.label());
            }
        }
        if (!present.contains(ListColumn.BODY_CODE) && !present.contains(ListColumn.BODY_NAME)) {
            missing.add(ListColumn.BODY_CODE.label() + "或" + ListColumn.BODY_NAME.label());
        }
        return missing;
    }

    /** The cells of one row that a column is read from, in column order, with their header. */
    List<Cell> cells(SheetRow row, ListColumn column) {
        List<Cell> cells = new ArrayList<>();
        columns.forEach((index, c) -> {
            if (c == column && !row.cell(index).isBlank()) {
                cells.add(new Cell(headers.get(index), row.cell(index)));
            }
        });
        return cells;
    }

    /** The header of the first column read as {@code column}, or its usual name when the file has none. */
    String headerOf(ListColumn column) {
        return columns.entrySet().stream().filter(e -> e.getValue() == column).map(e -> headers.get(e.getKey()))
                .findFirst().orElse(column.label());
    }

    record Cell(String header, String text) {
    }

    /** Excel's column letter (A, B, …, AA) of a cell index. */
    static String letter(int index) {
        StringBuilder letters = new StringBuilder();
        for (int i = index; i >= 0; i = i / 26 - 1) {
            letters.insert(0, (char) ('A' + i % 26));
        }
        return letters.toString();
    }
}
