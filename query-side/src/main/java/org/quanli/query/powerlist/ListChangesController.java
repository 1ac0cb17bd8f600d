package org.quanli.query.powerlist;

import java.time.LocalDate;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.quanli.kernel.powerlist.PowerListQueries.CleanupStatistics;
import org.quanli.kernel.powerlist.PowerListQueries.CleanupStatisticsQuery;
import org.quanli.kernel.powerlist.PowerListQueries.ListDiff;
import org.quanli.kernel.powerlist.PowerListQueries.ListDiffQuery;
import org.quanli.platform.messaging.QueryAsker;
import org.quanli.platform.web.BadParameter;
import org.quanli.platform.web.PageSize;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** How a public list changed between two dates, and the figures of its clean-up. Anonymous. */
@RestController
@Tag(name = "power list changes (read)", description = "权责清单变化:两个日期之间的差异与清理统计")
class ListChangesController {

    private static final String DIFF = "Items added to, removed from (with the outcome: CANCELLED, TRANSFERRED, "
            + "MERGED, SUSPENDED, PASSED, DEVOLVED or NOT_PUBLIC, and the deciding document and date) and changed on "
            + "the public list between the effective dates from and to (from ≤ to), as known now; for changed items "
            + "the fields that differ with their old and new values. Each part is paged alike and counted in full.";
    private static final String FROM = "first effective date (yyyy-MM-dd), not after to";
    private static final String TO = "last effective date (yyyy-MM-dd)";

    private final QueryAsker queries;

    ListChangesController(QueryAsker queries) {
        this.queries = queries;
    }

    @Operation(summary = "清单变化 (anonymous): a jurisdiction's public list between two dates", description = DIFF)
    @GetMapping("/api/public/jurisdictions/{code}/diff")
    ListDiff jurisdictionDiff(
            @PathVariable @Pattern(regexp = PowerListController.JURISDICTION_CODE,
                    message = PowerListController.JURISDICTION_CODE_MESSAGE) String code,
            @Parameter(description = FROM) @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @Parameter(description = TO) @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @PageSize int size) {
        return queries.ask(new ListDiffQuery(code, null, from, notBefore(from, to), true, page, size), ListDiff.class);
    }

    @Operation(summary = "实施主体清单变化 (anonymous): a body's public list between two dates", description = DIFF)
    @GetMapping("/api/public/bodies/{bodyId}/diff")
    ListDiff bodyDiff(
            @PathVariable @Pattern(regexp = PowerListController.BODY_ID,
                    message = PowerListController.BODY_ID_MESSAGE) String bodyId,
            @Parameter(description = FROM) @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @Parameter(description = TO) @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @PageSize int size) {
        return queries.ask(new ListDiffQuery(null, bodyId, from, notBefore(from, to), true, page, size),
                ListDiff.class);
    }

    @Operation(summary = "清理统计 (anonymous): clean-up figures of a jurisdiction's own bodies",
            description = CleanupStatisticsQueryHandler.DEFINITION)
    @GetMapping("/api/public/jurisdictions/{code}/cleanup-statistics")
    CleanupStatistics jurisdictionStatistics(
            @PathVariable @Pattern(regexp = PowerListController.JURISDICTION_CODE,
                    message = PowerListController.JURISDICTION_CODE_MESSAGE) String code,
            @Parameter(description = FROM) @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @Parameter(description = TO) @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return queries.ask(new CleanupStatisticsQuery(code, null, from, notBefore(from, to)),
                CleanupStatistics.class);
    }

    @Operation(summary = "实施主体清理统计 (anonymous): clean-up figures of a body",
            description = CleanupStatisticsQueryHandler.DEFINITION)
    @GetMapping("/api/public/bodies/{bodyId}/cleanup-statistics")
    CleanupStatistics bodyStatistics(
            @PathVariable @Pattern(regexp = PowerListController.BODY_ID,
                    message = PowerListController.BODY_ID_MESSAGE) String bodyId,
            @Parameter(description = FROM) @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @Parameter(description = TO) @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return queries.ask(new CleanupStatisticsQuery(null, bodyId, from, notBefore(from, to)),
                CleanupStatistics.class);
    }

    private static LocalDate notBefore(LocalDate from, LocalDate to) {
        if (from.isAfter(to)) {
            throw BadParameter.of("from", "from-not-after-to", "开始日期 " + from + " 不得晚于结束日期 " + to);
        }
        return to;
    }
}
