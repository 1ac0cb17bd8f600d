package org.quanli.query.powerlist.export;

import java.nio.charset.StandardCharsets;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.quanli.platform.web.BadParameter;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Downloads of a published list as CSV, XLSX or JSON, streamed as they are read, with the same times and filters as
 * the list it is downloaded from. The public downloads leave out items that are not public; signed-in users
 * download them all.
 */
@RestController
@Tag(name = "list exports", description = "权责清单导出 (CSV / XLSX / JSON)")
class ListExportController {

    private static final String DIVISION_CODE = "\\d{6}|\\d{9}|\\d{12}";
    private static final String DIVISION_CODE_MESSAGE = "行政区划代码应为6、9或12位数字";
    private static final String BODY_ID = "[0-9A-HJ-NPQRTUWXY]{18}";
    private static final String BODY_ID_MESSAGE = "实施主体应为18位统一社会信用代码";
    /** Public lists change only by decisions: a download may be reused for a minute, like the portal's pages. */
    private static final CacheControl PUBLIC_CACHE = CacheControl.maxAge(java.time.Duration.ofSeconds(60))
            .cachePublic();

    private final ListExport export;

    ListExportController(ListExport export) {
        this.export = export;
    }

    // Path and place parameters are checked by hand, so that a bad filter is named in the 400 as the list
    // endpoints name it (a constraint on a plain parameter would switch the method to method validation).

    @Operation(summary = "导出公开的权责清单 (anonymous): a jurisdiction's items in force on asOf as known at knownAt, "
            + "filtered like the list, public ones only")
    @GetMapping("/api/public/jurisdictions/{code}/items/export")
    ResponseEntity<StreamingResponseBody> publicList(@PathVariable String code,
            @Parameter(description = "implementing body (unified social credit code)") @RequestParam(required = false)
            String body,
            @Valid @ParameterObject ExportFilters filters) {
        String jurisdiction = BadParameter.requireMatching("code", code, DIVISION_CODE, DIVISION_CODE_MESSAGE);
        return download(export.scope(jurisdiction, bodyId("body", body), filters, true), filters, code, true);
    }

    @Operation(summary = "导出实施主体的公开清单 (anonymous): a body's items in force on asOf as known at knownAt, "
            + "filtered like the list, public ones only")
    @GetMapping("/api/public/bodies/{bodyId}/items/export")
    ResponseEntity<StreamingResponseBody> publicBodyList(@PathVariable String bodyId,
            @Valid @ParameterObject ExportFilters filters) {
        String body = bodyId("bodyId", bodyId);
        return download(export.scope(null, body, filters, true), filters, body, true);
    }

    @Operation(summary = "导出权责清单 (signed-in users): a jurisdiction's or body's list, non-public items included")
    @GetMapping("/api/items/export")
    ResponseEntity<StreamingResponseBody> fullList(
            @RequestParam(required = false) String jurisdiction,
            @RequestParam(required = false) String body,
            @Valid @ParameterObject ExportFilters filters) {
        BadParameter.requireMatching("jurisdiction", jurisdiction, DIVISION_CODE, DIVISION_CODE_MESSAGE);
        bodyId("body", body);
        if (jurisdiction == null && body == null) {
            throw new IllegalArgumentException("请指定 jurisdiction(行政区划代码)或 body(实施主体统一社会信用代码)");
        }
        return download(export.scope(jurisdiction, body, filters, false), filters,
                jurisdiction != null ? jurisdiction : body, false);
    }

    private static String bodyId(String parameter, String value) {
        return BadParameter.requireMatching(parameter, value, BODY_ID, BODY_ID_MESSAGE);
    }

    private ResponseEntity<StreamingResponseBody> download(ListExport.Scope scope, ExportFilters filters,
                                                           String place, boolean cacheable) {
        ExportFormat format = filters.exportFormat();
        ListExport.Reading first = export.firstPage(scope);
        String fileName = "权责清单-" + place + "-" + scope.asOf() + "." + format.extension();
        ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                .contentType(format.mediaType())
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString());
        if (cacheable) {
            response.cacheControl(PUBLIC_CACHE);
        }
        return response.body(out -> export.write(first, format, out));
    }
}
