package org.quanli.query.powerlist.export;

import java.time.Instant;
import java.time.LocalDate;

import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.quanli.kernel.codes.ItemType;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * Which rows of a list an export holds: the same times and filters as the list endpoints and the portal's list page,
 * so that a download holds exactly the view on screen, in the same order.
 */
record ExportFilters(
        @Parameter(description = "csv (default), xlsx or json") String format,
        @Parameter(description = "effective date the list is read at (yyyy-MM-dd); default today in Beijing")
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
        @Parameter(description = "the list as the ledger knew it at this recorded time (ISO instant); default now")
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant knownAt,
        @Parameter(description = "item type") ItemType type,
        @Parameter(description = "exercise level code (GB/T 39046: 1 national … 6 village, 7 graded)")
        @Pattern(regexp = "\\d", message = "行使层级代码应为1位数字") String level,
        @Parameter(description = "text the item name contains") @Size(max = 100) String q) {

    ExportFormat exportFormat() {
        return ExportFormat.named(format == null || format.isBlank() ? "csv" : format);
    }
}
