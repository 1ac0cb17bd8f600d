package org.quanli.query.powerlist.export;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedList;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Downloads of a published list as CSV, XLSX or JSON, streamed as they are read. The public download leaves out
 * items that are not public; signed-in users download them all.
 */
@RestController
@Tag(name = "list exports", description = "权责清单导出 (CSV / XLSX / JSON)")
class ListExportController {

    private static final String DIVISION_CODE = "\\d{6}|\\d{9}|\\d{12}";

    private final ListExport export;

    ListExportController(ListExport export) {
        this.export = export;
    }

    @Operation(summary = "导出公开的权责清单 (anonymous): items in force on asOf (default today), public ones only")
    @GetMapping("/api/public/jurisdictions/{code}/items/export")
    ResponseEntity<StreamingResponseBody> publicList(
            @PathVariable @Pattern(regexp = DIVISION_CODE, message = "行政区划代码应为6、9或12位数字") String code,
            @Parameter(description = "csv (default), xlsx or json") @RequestParam(defaultValue = "csv") String format,
            @Parameter(description = "effective date the list is read at (yyyy-MM-dd)")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        return download(ListExport.Scope.of(code, null, asOf, true), ExportFormat.named(format), code);
    }

    @Operation(summary = "导出权责清单 (signed-in users): a jurisdiction's or body's list, non-public items included")
    @GetMapping("/api/items/export")
    ResponseEntity<StreamingResponseBody> fullList(
            @RequestParam(required = false) @Pattern(regexp = DIVISION_CODE, message = "行政区划代码应为6、9或12位数字")
            String jurisdiction,
            @RequestParam(required = false) @Pattern(regexp = "[0-9A-Z]{18}", message = "统一社会信用代码应为18位")
            String body,
            @Parameter(description = "csv (default), xlsx or json") @RequestParam(defaultValue = "csv") String format,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        if (jurisdiction == null && body == null) {
            throw new IllegalArgumentException("请指定 jurisdiction(行政区划代码)或 body(实施主体统一社会信用代码)");
        }
        return download(ListExport.Scope.of(jurisdiction, body, asOf, false), ExportFormat.named(format),
                jurisdiction != null ? jurisdiction : body);
    }

    private ResponseEntity<StreamingResponseBody> download(ListExport.Scope scope, ExportFormat format, String place) {
        PublishedList first = export.firstPage(scope);
        String fileName = "权责清单-" + place + "-" + scope.asOf() + "." + format.extension();
        return ResponseEntity.ok()
                .contentType(format.mediaType())
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString())
                .body(out -> export.write(scope, first, format, out));
    }
}
