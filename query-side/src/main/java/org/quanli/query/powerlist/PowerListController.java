package org.quanli.query.powerlist;

import java.time.LocalDate;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.powerlist.ListStatus;
import org.quanli.kernel.powerlist.PowerListQueries.ItemHistory;
import org.quanli.kernel.powerlist.PowerListQueries.ItemHistoryQuery;
import org.quanli.kernel.powerlist.PowerListQueries.ItemQuery;
import org.quanli.kernel.powerlist.PowerListQueries.ItemRegister;
import org.quanli.kernel.powerlist.PowerListQueries.ItemRegisterQuery;
import org.quanli.kernel.powerlist.PowerListQueries.ItemSummary;
import org.quanli.kernel.powerlist.PowerListQueries.ItemVersions;
import org.quanli.kernel.powerlist.PowerListQueries.ItemVersionsQuery;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedItemDetail;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedItemQuery;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedList;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedListQuery;
import org.quanli.kernel.powerlist.ReviewStatus;
import org.quanli.platform.messaging.QueryAsker;
import org.quanli.platform.web.BadParameter;
import org.quanli.platform.web.PageSize;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Published lists and items. {@code /api/public/**} is the portal: anonymous, and never shows an item whose content
 * is not public. Signed-in users of any role read the same lists with those items included, and each item's state,
 * history and versions.
 */
@RestController
@Tag(name = "power lists (read)", description = "权责清单查询:公开清单、事项详情、版本与历史")
class PowerListController {

    static final String JURISDICTION_CODE = "\\d{6}|\\d{9}|\\d{12}";
    static final String JURISDICTION_CODE_MESSAGE = "行政区划代码应为6、9或12位数字";
    static final String BODY_ID = "[0-9A-HJ-NPQRTUWXY]{18}";
    static final String BODY_ID_MESSAGE = "实施主体应为18位统一社会信用代码";
    private static final String AS_OF = "effective date (yyyy-MM-dd); default today in Beijing";

    private final QueryAsker queries;

    PowerListController(QueryAsker queries) {
        this.queries = queries;
    }

    // The list parameters are one validated object, so a bad one is named in the 400; the path and the place
    // filters are checked by hand to keep it that way (a constraint on a plain parameter would switch the method to
    // method validation, which names the object instead).

    @Operation(summary = "公开的权责清单 (anonymous): a jurisdiction's published items on a date",
            description = "Items in force on asOf as known at knownAt; items whose content is not public are left out.")
    @GetMapping("/api/public/jurisdictions/{code}/items")
    PublishedList jurisdictionList(@PathVariable String code,
            @Parameter(description = "implementing body (unified social credit code)") @RequestParam(required = false)
            String body,
            @Valid @ParameterObject ListParameters parameters) {
        return queries.ask(parameters.query(jurisdiction("code", code), body("body", body), true), PublishedList.class);
    }

    @Operation(summary = "实施主体的公开清单 (anonymous): a body's published items on a date",
            description = "Items in force on asOf as known at knownAt; items whose content is not public are left out.")
    @GetMapping("/api/public/bodies/{bodyId}/items")
    PublishedList bodyList(@PathVariable String bodyId, @Valid @ParameterObject ListParameters parameters) {
        return queries.ask(parameters.query(null, body("bodyId", bodyId), true), PublishedList.class);
    }

    @Operation(summary = "权责清单,含不予公开的事项 (signed-in users, any role)",
            description = "The published list on asOf as known at knownAt, of a jurisdiction and/or a body, "
                    + "including items whose content is not public.")
    @GetMapping("/api/items")
    PublishedList fullList(
            @Parameter(description = "jurisdiction (administrative-division code)") @RequestParam(required = false)
            String jurisdiction,
            @Parameter(description = "implementing body (unified social credit code)") @RequestParam(required = false)
            String body,
            @Valid @ParameterObject ListParameters parameters) {
        return queries.ask(parameters.query(jurisdiction("jurisdiction", jurisdiction), body("body", body), false),
                PublishedList.class);
    }

    @Operation(summary = "事项台账 (signed-in users): every item in whatever state, newest change first",
            description = "Filter by jurisdiction, body, listStatus (UNPUBLISHED, IN_FORCE, SUSPENDED, CANCELLED, "
                    + "TRANSFERRED, MERGED, DEVOLVED, RECALLED, WITHDRAWN), reviewStatus of the pending change "
                    + "(NONE, DRAFT, SUBMITTED, RETURNED, APPROVED), type and name text.")
    @GetMapping("/api/items/register")
    ItemRegister register(
            @RequestParam(required = false) String jurisdiction,
            @RequestParam(required = false) String body,
            @RequestParam(required = false) ListStatus listStatus,
            @RequestParam(required = false) ReviewStatus reviewStatus,
            @RequestParam(required = false) ItemType type,
            @Parameter(description = "text the item name contains") @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @PageSize int size) {
        return queries.ask(new ItemRegisterQuery(jurisdiction("jurisdiction", jurisdiction), body("body", body),
                listStatus, reviewStatus, type, q, page, size), ItemRegister.class);
    }

    @Operation(summary = "事项公开内容 (anonymous): the full published content of an item on a date",
            description = "404 when the item is not on a list on asOf (default today in Beijing) or is not public.")
    @GetMapping("/api/public/items/{itemId}")
    PublishedItemDetail publishedItem(@PathVariable UUID itemId,
            @Parameter(description = AS_OF) @RequestParam(required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        return queries.ask(new PublishedItemQuery(itemId.toString(), asOf, true), PublishedItemDetail.class);
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
            @RequestParam(defaultValue = "100") @PageSize int size) {
        return queries.ask(new ItemHistoryQuery(itemId.toString(), page, size), ItemHistory.class);
    }

    @Operation(summary = "事项各版本 (signed-in users): every period on a list with its documents",
            description = "Each period during which a version stood on a body's list: effective from and to "
                    + "(exclusive), the opening and ending decisions' documents and recorded times, what ended it.")
    @GetMapping("/api/items/{itemId}/versions")
    ItemVersions versions(@PathVariable UUID itemId) {
        return queries.ask(new ItemVersionsQuery(itemId.toString()), ItemVersions.class);
    }

    static String jurisdiction(String parameter, String code) {
        return BadParameter.requireMatching(parameter, code, JURISDICTION_CODE, JURISDICTION_CODE_MESSAGE);
    }

    static String body(String parameter, String bodyId) {
        return BadParameter.requireMatching(parameter, bodyId, BODY_ID, BODY_ID_MESSAGE);
    }
}
