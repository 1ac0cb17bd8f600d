package org.quanli.query.places;

import java.time.LocalDate;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.quanli.kernel.places.BodyStatus;
import org.quanli.kernel.places.DivisionCode;
import org.quanli.kernel.places.PlacesQueries.BodyDetail;
import org.quanli.kernel.places.PlacesQueries.BodyList;
import org.quanli.kernel.places.PlacesQueries.BodyQuery;
import org.quanli.kernel.places.PlacesQueries.JurisdictionBodiesQuery;
import org.quanli.kernel.places.PlacesQueries.JurisdictionDetail;
import org.quanli.kernel.places.PlacesQueries.JurisdictionQuery;
import org.quanli.kernel.places.UnifiedSocialCreditCode;
import org.quanli.platform.messaging.QueryAsker;
import org.quanli.platform.web.PageSize;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "places (read)", description = "行政区划与实施主体查询:机构改革后的名称、状态与承继关系")
class PlacesReadController {

    private final QueryAsker queries;

    PlacesReadController(QueryAsker queries) {
        this.queries = queries;
    }

    @Operation(summary = "实施主体详情 (anonymous): current name, status, successor, predecessors and every former name")
    @GetMapping("/api/public/bodies/{bodyId}")
    BodyDetail body(@PathVariable @Pattern(regexp = UnifiedSocialCreditCode.FORM,
            message = UnifiedSocialCreditCode.FORM_MESSAGE) String bodyId) {
        return queries.ask(new BodyQuery(bodyId), BodyDetail.class);
    }

    @Operation(summary = "行政区划的实施主体 (anonymous), named as on a date (default today); optionally one status")
    @GetMapping("/api/public/jurisdictions/{code}/bodies")
    BodyList bodies(@PathVariable @Pattern(regexp = DivisionCode.FORM, message = DivisionCode.FORM_MESSAGE) String code,
            @Parameter(description = "ACTIVE, MERGED or ABOLISHED") @RequestParam(required = false) BodyStatus status,
            @Parameter(description = "effective date the names are read at (yyyy-MM-dd), default today")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @PageSize int size) {
        return queries.ask(new JurisdictionBodiesQuery(code, status, asOf, page, size), BodyList.class);
    }

    @Operation(summary = "行政区划详情 (anonymous): its parent and a page of the jurisdictions directly below it")
    @GetMapping("/api/public/jurisdictions/{code}")
    JurisdictionDetail jurisdiction(
            @PathVariable @Pattern(regexp = DivisionCode.FORM, message = DivisionCode.FORM_MESSAGE) String code,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "200") @PageSize int size) {
        return queries.ask(new JurisdictionQuery(code, page, size), JurisdictionDetail.class);
    }
}
