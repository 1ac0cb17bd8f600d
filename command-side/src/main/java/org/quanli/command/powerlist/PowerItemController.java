package org.quanli.command.powerlist;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.quanli.kernel.decision.Decision;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.powerlist.ChangeKind;
import org.quanli.kernel.powerlist.PowerListMessages.ApprovePowerItem;
import org.quanli.kernel.powerlist.PowerListMessages.DraftAmendment;
import org.quanli.kernel.powerlist.PowerListMessages.DraftPowerItem;
import org.quanli.kernel.powerlist.PowerListMessages.ProposeAdjustment;
import org.quanli.kernel.powerlist.PowerListMessages.PublishPowerItem;
import org.quanli.kernel.powerlist.PowerListMessages.ReturnPowerItem;
import org.quanli.kernel.powerlist.PowerListMessages.ReviseDraft;
import org.quanli.kernel.powerlist.PowerListMessages.SubmitPowerItem;
import org.quanli.kernel.powerlist.PowerListMessages.WithdrawPendingChange;
import org.quanli.platform.messaging.CommandSender;
import org.quanli.platform.security.CurrentActor;
import org.quanli.platform.web.IfMatch;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The power-item lifecycle. Every transition may carry {@code If-Match: "<version>"}: the item version the client
 * saw (the ETag of {@code GET /api/items/{id}}); a newer stored version refuses the command with 409.
 */
@RestController
@Tag(name = "power items", description = "权责清单事项:起草、变更、调整、审核、发布")
class PowerItemController {

    private final CommandSender commands;
    private final CurrentActor currentActor;

    PowerItemController(CommandSender commands, CurrentActor currentActor) {
        this.commands = commands;
        this.currentActor = currentActor;
    }

    record Created(String itemId) {
    }

    record AdjustmentRequest(@NotNull ChangeKind kind, @Size(max = 1000) String reason, UUID mergeTargetItemId,
                             @Size(max = 200) String transferee) {
    }

    record ReasonRequest(@Size(max = 1000) String reason) {
    }

    record ReturnRequest(@NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 500) String> reasons) {
    }

    record ApproveRequest(@Size(max = 1000) String opinion) {
    }

    record PublishRequest(@NotBlank @Size(max = 100) String documentNumber, @NotNull LocalDate effectiveDate) {
    }

    @Operation(summary = "起草事项 (body clerk, for the clerk's own body)")
    @PostMapping("/api/items")
    ResponseEntity<Created> draft(@Validated(ItemContentRequest.Draft.class) @RequestBody ItemContentRequest request) {
        String itemId = UUID.randomUUID().toString();
        commands.send(new DraftPowerItem(itemId, request.bodyId(), request.toContent()),
                currentActor.actingAs(Role.BODY_CLERK));
        return ResponseEntity.created(URI.create("/api/items/" + itemId)).body(new Created(itemId));
    }

    @Operation(summary = "修改草稿 (body clerk): a draft not yet submitted, or returned")
    @PutMapping("/api/items/{itemId}/draft")
    ResponseEntity<Void> revise(@PathVariable UUID itemId, @Valid @RequestBody ItemContentRequest request,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        return send(new ReviseDraft(itemId.toString(), request.toContent(), IfMatch.expectedVersion(ifMatch)),
                Role.BODY_CLERK);
    }

    @Operation(summary = "起草变更 (body clerk): a new version of a published item, reviewed before it takes effect")
    @PostMapping("/api/items/{itemId}/amendment")
    ResponseEntity<Void> amend(@PathVariable UUID itemId, @Valid @RequestBody ItemContentRequest request,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        return send(new DraftAmendment(itemId.toString(), request.toContent(), IfMatch.expectedVersion(ifMatch)),
                Role.BODY_CLERK);
    }

    @Operation(summary = "提出调整 (reform office, or the body's clerk): cancel, transfer out, merge, suspend, resume, keep; "
            + "proposing it submits it for review, no submit needed")
    @PostMapping("/api/items/{itemId}/adjustment")
    ResponseEntity<Void> adjust(@PathVariable UUID itemId, @Valid @RequestBody AdjustmentRequest request,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        return send(new ProposeAdjustment(itemId.toString(), request.kind(), request.reason(),
                request.mergeTargetItemId() == null ? null : request.mergeTargetItemId().toString(),
                request.transferee(), IfMatch.expectedVersion(ifMatch)), Role.REFORM_OFFICE, Role.BODY_CLERK);
    }

    @Operation(summary = "撤回待审变更 (body clerk or reform office)")
    @PostMapping("/api/items/{itemId}/withdraw")
    ResponseEntity<Void> withdraw(@PathVariable UUID itemId, @Valid @RequestBody(required = false) ReasonRequest request,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        return send(new WithdrawPendingChange(itemId.toString(), request == null ? null : request.reason(),
                IfMatch.expectedVersion(ifMatch)), Role.BODY_CLERK, Role.REFORM_OFFICE);
    }

    @Operation(summary = "报送审核 (body clerk or reform office): a draft, an amendment or a returned change; 204 when "
            + "submitted now, 200 with where it stands when it already was (an adjustment is, once proposed)")
    @PostMapping("/api/items/{itemId}/submit")
    ResponseEntity<AlreadySubmitted> submit(@PathVariable UUID itemId,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        AlreadySubmitted already = commands.send(new SubmitPowerItem(itemId.toString(),
                IfMatch.expectedVersion(ifMatch)), currentActor.actingAs(Role.BODY_CLERK, Role.REFORM_OFFICE));
        return already == null ? ResponseEntity.noContent().build() : ResponseEntity.ok(already);
    }

    @Operation(summary = "退回修改,须说明理由 (legal reviewer)")
    @PostMapping("/api/items/{itemId}/return")
    ResponseEntity<Void> returnForRevision(@PathVariable UUID itemId, @Valid @RequestBody ReturnRequest request,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        return send(new ReturnPowerItem(itemId.toString(), request.reasons(), IfMatch.expectedVersion(ifMatch)),
                Role.LEGAL_REVIEWER);
    }

    @Operation(summary = "审核通过 (legal reviewer)")
    @PostMapping("/api/items/{itemId}/approve")
    ResponseEntity<Void> approve(@PathVariable UUID itemId, @Valid @RequestBody(required = false) ApproveRequest request,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        return send(new ApprovePowerItem(itemId.toString(), request == null ? null : request.opinion(),
                IfMatch.expectedVersion(ifMatch)), Role.LEGAL_REVIEWER);
    }

    @Operation(summary = "发布审核通过的变更,注明文号和生效日期 (reform office)")
    @PostMapping("/api/items/{itemId}/publish")
    ResponseEntity<Void> publish(@PathVariable UUID itemId, @Valid @RequestBody PublishRequest request,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        return send(new PublishPowerItem(itemId.toString(), new Decision(request.documentNumber(),
                request.effectiveDate()), IfMatch.expectedVersion(ifMatch)), Role.REFORM_OFFICE);
    }

    private ResponseEntity<Void> send(Object command, Role... roles) {
        Actor actor = currentActor.actingAs(roles);
        commands.send(command, actor);
        return ResponseEntity.noContent().build();
    }
}
