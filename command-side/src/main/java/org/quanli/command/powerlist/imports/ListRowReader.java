package org.quanli.command.powerlist.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.quanli.command.powerlist.imports.CellText.Unreadable;
import org.quanli.command.powerlist.imports.ImportReport.RowError;
import org.quanli.command.powerlist.imports.ListHeader.Cell;
import org.quanli.kernel.codes.ExerciseLevel;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.powerlist.ItemContent;
import org.quanli.kernel.powerlist.LegalBasis;
import org.quanli.platform.web.ControlCharacters;

/**
 * Reads one data row into an item's content and a reference to its body, collecting an error for every cell it
 * cannot read instead of stopping at the first. A missing promised limit is taken as the legal limit: the item
 * promises no speed-up.
 */
final class ListRowReader {

    private final ListHeader header;

    ListRowReader(ListHeader header) {
        this.header = header;
    }

    /** A row as read: {@code content} is null when any error was found. */
    record ReadRow(int row, String bodyCode, String bodyName, ItemContent content, List<RowError> errors) {
    }

    ReadRow read(SheetRow row) {
        List<RowError> errors = new ArrayList<>();
        for (int i = 0; i < row.cells().size(); i++) {
            String text = row.cell(i);
            if (ControlCharacters.refused(text)) {
                errors.add(new RowError(row.number(), header.headers().getOrDefault(i, "第" + (i + 1) + "列"),
                        ControlCharacters.describe(text)));
            }
        }
        if (!errors.isEmpty()) {
            return new ReadRow(row.number(), null, null, null, errors);
        }
        Reading reading = new Reading(row, errors);
        String name = reading.text(ListColumn.NAME);
        if (name == null) {
            errors.add(error(row, ListColumn.NAME, "事项名称不能为空"));
        }
        ItemType type = reading.required(ListColumn.TYPE, CellText::itemType, "事项类型不能为空");
        Integer legal = reading.required(ListColumn.LEGAL_LIMIT, CellText::workingDays, "法定时限不能为空");
        Integer promised = reading.optional(ListColumn.PROMISED_LIMIT, CellText::workingDays);
        ExerciseLevel level = reading.optional(ListColumn.EXERCISE_LEVEL, CellText::exerciseLevel);
        List<LegalBasis> bases = reading.all(ListColumn.LEGAL_BASES, LegalBasisText::parse);
        String bodyCode = reading.text(ListColumn.BODY_CODE);
        String bodyName = reading.text(ListColumn.BODY_NAME);
        if (bodyCode == null && bodyName == null) {
            errors.add(error(row, header.columns().containsValue(ListColumn.BODY_CODE) ? ListColumn.BODY_CODE
                    : ListColumn.BODY_NAME, "未填写实施主体(统一社会信用代码或名称)"));
        }
        ItemContent.Publicity publicity = publicity(reading, row, errors);
        List<ItemContent.Fee> fees = fees(reading);
        if (!errors.isEmpty()) {
            return new ReadRow(row.number(), bodyCode, bodyName, null, errors);
        }
        ItemContent content = new ItemContent(name, type, bases, legal, promised == null ? legal : promised, level,
                reading.text(ListColumn.CATALOGUE_CODE), reading.text(ListColumn.IMPLEMENTATION_CODE),
                reading.text(ListColumn.DESCRIPTION), reading.all(ListColumn.CONDITIONS, CellText::entries),
                reading.all(ListColumn.MATERIALS, CellText::materials), fees, null, null, null, null,
                reading.all(ListColumn.RESPONSIBILITIES, CellText::entries), supervision(reading), publicity);
        return new ReadRow(row.number(), bodyCode, bodyName, content, errors);
    }

    private ItemContent.Publicity publicity(Reading reading, SheetRow row, List<RowError> errors) {
        Boolean isPublic = reading.optional(ListColumn.PUBLICITY, CellText::yes);
        if (isPublic == null || isPublic) {
            return ItemContent.Publicity.PUBLIC;
        }
        String reason = reading.text(ListColumn.NON_PUBLIC_REASON);
        String filing = reading.text(ListColumn.FILING_REFERENCE);
        if (reason == null || filing == null) {
            errors.add(error(row, ListColumn.PUBLICITY, "不公开的事项必须在“不公开理由”和“备案文号”列中说明理由和备案文号"));
        }
        return new ItemContent.Publicity(false, reason, filing);
    }

    /** 是否收费 否 means no fee; a standard and a basis, when given, describe the one fee charged. */
    private static List<ItemContent.Fee> fees(Reading reading) {
        String standard = null;
        String basis = null;
        boolean charged = false;
        for (Cell cell : reading.cells(ListColumn.FEES)) {
            if (CellText.free(cell.text())) {
                continue;
            }
            charged = true;
            String header = ListColumn.normalise(cell.header());
            if (header.contains("依据")) {
                basis = CellText.clean(cell.text());
            } else if (header.contains("标准")) {
                standard = CellText.clean(cell.text());
            }
        }
        return charged ? List.of(new ItemContent.Fee("收费", standard, basis)) : List.of();
    }

    /** 监督方式 lists channels; a phone column becomes one channel named after its header. */
    private static List<String> supervision(Reading reading) {
        List<String> channels = new ArrayList<>();
        for (Cell cell : reading.cells(ListColumn.SUPERVISION)) {
            String header = ListColumn.normalise(cell.header());
            if (header.contains("电话")) {
                channels.add(header + ":" + CellText.clean(cell.text()));
            } else {
                channels.addAll(CellText.entries(cell.text()));
            }
        }
        return channels;
    }

    private RowError error(SheetRow row, ListColumn column, String reason) {
        return new RowError(row.number(), header.headerOf(column), reason);
    }

    /** The cells of one row, read column by column; unreadable cells become errors. */
    private final class Reading {
        private final SheetRow row;
        private final List<RowError> errors;

        Reading(SheetRow row, List<RowError> errors) {
            this.row = row;
            this.errors = errors;
        }

        List<Cell> cells(ListColumn column) {
            return header.cells(row, column);
        }

        /** The first non-blank cell of the column, cleaned. */
        String text(ListColumn column) {
            List<Cell> cells = cells(column);
            return cells.isEmpty() ? null : CellText.optional(cells.get(0).text());
        }

        <T> T optional(ListColumn column, Function<String, T> reader) {
            List<Cell> cells = cells(column);
            if (cells.isEmpty()) {
                return null;
            }
            try {
                return reader.apply(cells.get(0).text());
            } catch (Unreadable e) {
                errors.add(new RowError(row.number(), cells.get(0).header(), e.getMessage()));
                return null;
            }
        }

        <T> T required(ListColumn column, Function<String, T> reader, String whenMissing) {
            if (cells(column).isEmpty()) {
                errors.add(error(row, column, whenMissing));
                return null;
            }
            return optional(column, reader);
        }

        /** Every cell of the column read and joined, for list fields that several columns may feed. */
        <T> List<T> all(ListColumn column, Function<String, List<T>> reader) {
            List<T> values = new ArrayList<>();
            for (Cell cell : cells(column)) {
                values.addAll(reader.apply(cell.text()));
            }
            return values;
        }
    }
}
