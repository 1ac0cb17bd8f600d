package org.quanli.command.powerlist.imports;

import java.time.LocalDate;
import java.util.List;

/**
 * What a dry run found in a file: every row it could not take, with the reason, and what a real run would do.
 *
 * @param total          data rows (blank rows not counted)
 * @param readable       rows read without error, allowed to the office, not repeated in the file
 * @param toCreate       readable rows whose item the ledger does not hold yet
 * @param alreadyPresent readable rows whose item the ledger already holds (a real run sends nothing for them)
 * @param failed         rows with at least one error
 */
public record ImportReport(boolean dryRun, String fileName, String format, String encoding, String sheet,
                           int headerRow, String documentNumber, LocalDate effectiveDate, int total, int readable,
                           int toCreate, int alreadyPresent, int failed, List<RowError> errors,
                           List<ColumnWarning> warnings) {

    /**
     * @param row    the row number as the user sees it in the spreadsheet (the header is the first row read)
     * @param column the column's header as the file writes it
     */
    public record RowError(int row, String column, String reason) {
    }

    /** @param column the column's letter in the spreadsheet */
    public record ColumnWarning(String column, String header, String message) {
    }
}
