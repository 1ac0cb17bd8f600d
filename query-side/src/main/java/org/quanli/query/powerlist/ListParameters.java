package org.quanli.query.powerlist;

import java.time.Instant;
import java.time.LocalDate;

import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.powerlist.ListCursor;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedListQuery;
import org.quanli.platform.web.BadParameter;
import org.quanli.platform.web.PageSize;
import org.springframework.format.annotation.DateTimeFormat;

/** The query parameters every published-list endpoint takes: the two times, the filters and the page. */
record ListParameters(
        @Parameter(description = "effective date the list is read at (yyyy-MM-dd); default today in Beijing")
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
        @Parameter(description = "the list as the ledger knew it at this recorded time (ISO instant, e.g. "
                + "2024-01-01T00:00:00Z): decisions recorded later are ignored, even back-dated ones; default now")
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant knownAt,
        @Parameter(description = "item type") ItemType type,
        @Parameter(description = "exercise level code (GB/T 39046: 1 national … 6 village, 7 graded)")
        @Pattern(regexp = "\\d", message = "行使层级代码应为1位数字") String level,
        @Parameter(description = "text the item name contains") @Size(max = 100) String q,
        @Parameter(description = "page, from 0") @Min(0) Integer page,
        @Parameter(description = "items per page, at most " + PageSize.MAX + " (default 50)") @PageSize Integer size,
        @Parameter(description = "the page after this position: the `next` of the page before (flat at any depth; "
                + "`page` then only numbers the page)") @Size(max = 2000) String after,
        @Parameter(description = "the page before this position: the `previous` of the page after")
        @Size(max = 2000) String before) {

    PublishedListQuery query(String jurisdictionCode, String bodyId, boolean publicOnly) {
        if (after != null && before != null) {
            throw BadParameter.of("before", "one-cursor", "after 与 before 只能给出一个");
        }
        return new PublishedListQuery(jurisdictionCode, bodyId, type, level, q, asOf, knownAt,
                page == null ? 0 : page, size == null ? 50 : size, publicOnly, cursor("after", after),
                cursor("before", before));
    }

    private static ListCursor cursor(String name, String text) {
        try {
            return ListCursor.decode(text);
        } catch (IllegalArgumentException e) {
            throw BadParameter.of(name, "cursor", "不是本账本给出的分页位置(应原样使用上一次回答中的 next 或 previous)");
        }
    }
}
