package org.quanli.command.powerlist.imports;

import java.util.List;

/**
 * One row of a spreadsheet as text, numbered as the user sees it: the row number in Excel, or the record number in
 * a CSV file (a quoted cell may span lines, the record is still one row).
 */
record SheetRow(int number, List<String> cells) {

    SheetRow {
        cells = List.copyOf(cells);
    }

    String cell(int index) {
        return index < cells.size() ? cells.get(index) : "";
    }

    boolean isBlank() {
        return cells.stream().allMatch(String::isBlank);
    }
}
