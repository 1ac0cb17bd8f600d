package org.quanli.command.powerlist.imports;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.quanli.command.powerlist.imports.ImportReport.ColumnWarning;
import org.quanli.command.powerlist.imports.ImportReport.RowError;

/**
 * An import job and its progress. processed = created + alreadyPresent + failed; rows that could not be read count
 * as failed and processed from the start.
 *
 * @param errorCount every row error recorded; {@code errors} holds one page of them, in row order
 */
public record ImportJob(String jobId, ImportJobStatus status, String statusLabel, String fileName, String format,
                        String documentNumber, LocalDate effectiveDate, String startedBy, String startedByName,
                        String startedByBody, int total, int processed, int created, int alreadyPresent, int failed,
                        List<ColumnWarning> warnings, Instant startedAt, Instant lastProgressAt, Instant finishedAt,
                        String failure, long errorCount, List<RowError> errors) {

    /** A page of jobs, newest first, without their errors. */
    public record Page(List<ImportJob> jobs, int page, int size, long total) {
    }
}
