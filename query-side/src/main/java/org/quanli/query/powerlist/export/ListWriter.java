package org.quanli.query.powerlist.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedItem;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/** Writes a list item by item as it is read, so that an export of any size holds one page in memory. */
interface ListWriter extends AutoCloseable {

    void write(PublishedItem item) throws IOException;

    /** Completes the file; the stream stays open for the caller to close. */
    void finish() throws IOException;

    @Override
    default void close() throws IOException {
    }

    static ListWriter of(ExportFormat format, OutputStream out, JsonMapper json) throws IOException {
        return switch (format) {
            case CSV -> new Csv(out);
            case XLSX -> new Xlsx(out);
            case JSON -> new Json(out, json);
        };
    }

    /**
     * RFC 4180 (Apache Commons CSV), CRLF line ends, every cell quoted. A cell a spreadsheet would take for a formula
     * (starting with =, +, -, @, tab or CR) is neutralised as OWASP's CSV-injection guidance says: a single quote in
     * front, inside the quotes. No exported number can be negative (time limits are whole days, zero or more), so a
     * leading minus only ever comes from free text.
     */
    final class Csv implements ListWriter {
        private static final String FORMULA_STARTS = "=+-@\t\r";
        private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL).get();
        private final Writer writer;
        private final CSVPrinter csv;

        Csv(OutputStream out) throws IOException {
            writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            writer.write('\uFEFF');
            csv = new CSVPrinter(writer, FORMAT);
            csv.printRecord(ExportColumn.ALL.stream().map(ExportColumn::header));
        }

        @Override
        public void write(PublishedItem item) throws IOException {
            csv.printRecord(ExportColumn.ALL.stream().map(c -> neutralised(c.valueOf(item))));
        }

        private static String neutralised(String cell) {
            return !cell.isEmpty() && FORMULA_STARTS.indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
        }

        @Override
        public void finish() throws IOException {
            csv.flush();
        }
    }

    /** A streaming workbook: rows beyond a small window are flushed to a temporary file until written out. */
    final class Xlsx implements ListWriter {
        private static final int WINDOW = 200;
        private final OutputStream out;
        private final SXSSFWorkbook workbook = new SXSSFWorkbook(WINDOW);
        private final Sheet sheet = workbook.createSheet("权责清单");
        private int next;

        Xlsx(OutputStream out) {
            this.out = out;
            Font bold = workbook.createFont();
            bold.setBold(true);
            CellStyle header = workbook.createCellStyle();
            header.setFont(bold);
            Row row = sheet.createRow(next++);
            for (int i = 0; i < ExportColumn.ALL.size(); i++) {
                Cell cell = row.createCell(i);
                cell.setCellValue(ExportColumn.ALL.get(i).header());
                cell.setCellStyle(header);
                sheet.setColumnWidth(i, 16 * 256);
            }
            sheet.createFreezePane(0, 1);
        }

        @Override
        public void write(PublishedItem item) {
            Row row = sheet.createRow(next++);
            for (int i = 0; i < ExportColumn.ALL.size(); i++) {
                // Text cells throughout: codes such as 01 keep their leading zero.
                row.createCell(i).setCellValue(ExportColumn.ALL.get(i).valueOf(item));
            }
        }

        @Override
        public void finish() throws IOException {
            workbook.write(out);
        }

        @Override
        public void close() throws IOException {
            workbook.close();   // also removes the temporary files
        }
    }

    /** A JSON array, one element written per item. */
    final class Json implements ListWriter {
        private final JsonGenerator generator;
        private final JsonMapper json;

        Json(OutputStream out, JsonMapper json) {
            this.json = json;
            this.generator = json.createGenerator(out);
            generator.writeStartArray();
        }

        @Override
        public void write(PublishedItem item) {
            json.writeValue(generator, item);
        }

        @Override
        public void finish() {
            generator.writeEndArray();
            generator.flush();
        }

        @Override
        public void close() {
            generator.close();
        }
    }
}
