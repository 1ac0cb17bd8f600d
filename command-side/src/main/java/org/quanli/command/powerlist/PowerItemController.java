package org.quanli.command.powerlist;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.decision.Decision;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.powerlist.ItemContent;
import org.quanli.kernel.powerlist.LegalBasis;
import org.quanli.kernel.powerlist.LegalBasisKind;
import org.quanli.kernel.powerlist.PowerListMessages.ApprovePowerItem;
import org.quanli.kernel.powerlist.PowerListMessages.DraftPowerItem;
import org.quanli.kernel.powerlist.PowerListMessages.PublishPowerItem;
import org.quanli.kernel.powerlist.PowerListMessages.ReturnPowerItem;
import org.quanli.kernel.powerlist.PowerListMessages.SubmitPowerItem;
import org.quanli.platform.messaging.CommandSender;
import org.quanli.platform.security.CurrentActor;
import org.quanli.platform.web.IfMatch;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The power-item lifecycle. Each transition may carry {@code If-Match: "<version>"}: the item version the client
 * saw (from the query side); a newer stored version refuses the command with 409.
 */
@RestController
@Tag(name = "power items", description = "权责清单事项:起草、报送、审核、发布")
class PowerItemController {

    private final CommandSender commands;
    private final CurrentActor currentActor;

    PowerItemController(CommandSender commands, CurrentActor currentActor) {
        this.commands = commands;
        this.currentActor = currentActor;
    }

    record LegalBasisRequest(@NotNull LegalBasisKind kind, @NotBlank @Size(max = 300) String title,
                             @Size(max = 300) String article) {
        LegalBasis toLegalBasis() {
            return new LegalBasis(kind, title.strip(), article == null ? null : article.strip());
        }
    }

    record DraftRequest(@NotBlank @Size(min = 18, max = 18) String bodyId, @NotBlank @Size(max = 200) String name,
                        @NotNull ItemType type, @Valid @Size(max = 50) List<@NotNull LegalBasisRequest> legalBases,
                        @NotNull @Min(0) @Max(3650) Integer legalLimitDays,
                        @NotNull @Min(0) @Max(3650) Integer promisedLimitDays) {
    }

    record Drafted(String itemId) {
    }

    record ReturnRequest(@NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 500) String> reasons) {
    }

    record ApproveRequest(@Size(max = 1000) String opinion) {
    }

    record PublishRequest(@NotBlank @Size(max = 100) String documentNumber, @NotNull LocalDate effectiveDate) {
    }

    @Operation(summary = "起草事项 (body clerk, for the clerk's own body)")
    @PostMapping("/api/items")
    ResponseEntity<Drafted> draft(@Valid @RequestBody DraftRequest request) {
        String itemId = UUID.randomUUID().toString();
        List<LegalBasis> bases = request.legalBases() == null ? List.of()
                : request.legalBases().stream().map(LegalBasisRequest::toLegalBasis).toList();
        ItemContent content = new ItemContent(request.name().strip(), request.type(), bases,
                request.legalLimitDays(), request.promisedLimitDays());
        commands.send(new DraftPowerItem(itemId, request.bodyId(), content), currentActor.actingAs(Role.BODY_CLERK));
        return ResponseEntity.created(URI.create("/api/items/" + itemId)).body(new Drafted(itemId));
    }

    @Operation(summary = "报送审核 (body clerk)")
    @PostMapping("/api/items/{itemId}/submit")
    ResponseEntity<Void> submit(@PathVariable UUID itemId, @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        commands.send(new SubmitPowerItem(itemId.toString(), IfMatch.expectedVersion(ifMatch)),
                currentActor.actingAs(Role.BODY_CLERK));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "退回修改,须说明理由 (legal reviewer)")
    @PostMapping("/api/items/{itemId}/return")
    ResponseEntity<Void> returnForRevision(@PathVariable UUID itemId, @Valid @RequestBody ReturnRequest request,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        commands.send(new ReturnPowerItem(itemId.toString(), request.reasons(), IfMatch.expectedVersion(ifMatch)),
                currentActor.actingAs(Role.LEGAL_REVIEWER));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "审核通过 (legal reviewer)")
    @PostMapping("/api/items/{itemId}/approve")
    ResponseEntity<Void> approve(@PathVariable UUID itemId, @Valid @RequestBody(required = false) ApproveRequest request,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        commands.send(new ApprovePowerItem(itemId.toString(), request == null ? null : request.opinion(),
                IfMatch.expectedVersion(ifMatch)), currentActor.actingAs(Role.LEGAL_REVIEWER));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "发布,注明文号和生效日期 (reform office)")
    @PostMapping("/api/items/{itemId}/publish")
    ResponseEntity<Void> publish(@PathVariable UUID itemId, @Valid @RequestBody PublishRequest request,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        commands.send(new PublishPowerItem(itemId.toString(), new Decision(request.documentNumber(),
                request.effectiveDate()), IfMatch.expectedVersion(ifMatch)), currentActor.actingAs(Role.REFORM_OFFICE));
        return ResponseEntity.noContent().build();
    }
}
