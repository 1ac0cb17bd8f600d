package org.quanli.query.powerlist;

import java.time.LocalDate;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.powerlist.PowerListQueries.ItemHistory;
import org.quanli.kernel.powerlist.PowerListQueries.ItemHistoryQuery;
import org.quanli.kernel.powerlist.PowerListQueries.ItemQuery;
import org.quanli.kernel.powerlist.PowerListQueries.ItemSummary;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedList;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedListQuery;
import org.quanli.platform.messaging.QueryAsker;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "power lists (read)", description = "权责清单查询:公开清单、事项详情与历史")
class PowerListController {

    private final QueryAsker queries;

    PowerListController(QueryAsker queries) {
        this.queries = queries;
    }

    @Operation(summary = "公开的权责清单 (anonymous): published items in force on a date, default today (Beijing time)")
    @GetMapping("/api/public/jurisdictions/{code}/items")
    PublishedList publishedList(
            @PathVariable @Pattern(regexp = "\\d{6}|\\d{9}|\\d{12}", message = "行政区划代码应为6、9或12位数字") String code,
            @Parameter(description = "effective date the list is read at (yyyy-MM-dd)")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(required = false) String bodyId,
            @RequestParam(required = false) ItemType type,
            @Parameter(description = "text the item name contains") @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return queries.ask(new PublishedListQuery(code, bodyId, type, null, q, asOf, null, page, size), PublishedList.class);
    }

    @Operation(summary = "事项当前状态 (signed-in users); the ETag is the version to send back in If-Match")
    @GetMapping("/api/items/{itemId}")
    ResponseEntity<ItemSummary> item(@PathVariable UUID itemId) {
        ItemSummary item = queries.ask(new ItemQuery(itemId.toString()), ItemSummary.class);
        return ResponseEntity.ok().eTag("\"" + item.version() + "\"").body(item);
    }

    @Operation(summary = "事项全部历史 (signed-in users): every event with actor, document, effective and recorded time")
    @GetMapping("/api/items/{itemId}/history")
    ItemHistory history(@PathVariable UUID itemId,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(500) int size) {
        return queries.ask(new ItemHistoryQuery(itemId.toString(), page, size), ItemHistory.class);
    }
}
