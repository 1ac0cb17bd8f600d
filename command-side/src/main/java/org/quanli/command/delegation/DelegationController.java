package org.quanli.command.delegation;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.quanli.kernel.decision.Decision;
import org.quanli.kernel.delegation.CapacityGapKind;
import org.quanli.kernel.delegation.DelegationMessages.ArrangeTransition;
import org.quanli.kernel.delegation.DelegationMessages.CloseCapacityGap;
import org.quanli.kernel.delegation.DelegationMessages.ConfirmReceipt;
import org.quanli.kernel.delegation.DelegationMessages.DecideDelegation;
import org.quanli.kernel.delegation.DelegationMessages.RecallDelegation;
import org.quanli.kernel.delegation.DelegationMessages.RecordGuidance;
import org.quanli.kernel.delegation.DelegationMessages.RecordHandover;
import org.quanli.kernel.delegation.DelegationMessages.ReportCapacityGap;
import org.quanli.kernel.delegation.DelegationMode;
import org.quanli.kernel.delegation.GuidanceForm;
import org.quanli.kernel.identity.Role;
import org.quanli.platform.messaging.CommandSender;
import org.quanli.platform.security.CurrentActor;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "delegation", description = "下放、赋权、委托:决定、承接、能力缺口、业务指导、过渡期、交接、收回")
class DelegationController {

    private final CommandSender commands;
    private final CurrentActor currentActor;

    DelegationController(CommandSender commands, CurrentActor currentActor) {
        this.commands = commands;
        this.currentActor = currentActor;
    }

    @Schema(name = "DelegationDecisionRequest")
    record DecisionRequest(@NotNull DelegationMode mode,
                           @NotEmpty @Size(max = 500) List<@NotNull UUID> sourceItemIds,
                           @NotEmpty @Size(max = 200) List<@NotBlank @Size(min = 18, max = 18) String> receiverBodyIds,
                           LocalDate transitionEnd, LocalDate termEnd,
                           @NotBlank @Size(max = 100) String documentNumber, @NotNull LocalDate effectiveDate) {
    }

    @Schema(name = "DelegationCreated")
    record Created(String id) {
    }

    record ConfirmationRequest(@NotBlank @Size(min = 18, max = 18) String receiverBodyId, @NotNull LocalDate confirmedOn) {
    }

    record GapRequest(@NotBlank @Size(min = 18, max = 18) String receiverBodyId, @NotNull CapacityGapKind kind,
                      @NotBlank @Size(max = 1000) String description, @NotBlank @Size(max = 1000) String measure,
                      @NotBlank @Size(min = 18, max = 18) String leadBodyId, @NotNull LocalDate deadline) {
    }

    record CloseGapRequest(@NotNull LocalDate closedOn, @Size(max = 1000) String remedy) {
    }

    record GuidanceRequest(@NotBlank @Size(min = 18, max = 18) String givingBodyId, @NotNull LocalDate givenOn,
                           @NotNull GuidanceForm form, @Size(max = 1000) String description) {
    }

    record TransitionRequest(@NotBlank @Size(min = 18, max = 18) String actingBodyId,
                             @NotBlank @Size(min = 18, max = 18) String onBehalfOfBodyId, @NotNull LocalDate until) {
    }

    record HandoverRequest(@NotBlank @Size(min = 18, max = 18) String receiverBodyId, @NotNull LocalDate handedOverOn) {
    }

    record RecallRequest(@NotBlank @Size(max = 100) String documentNumber, @NotNull LocalDate effectiveDate) {
    }

    @Operation(summary = "作出下放、赋权或委托决定 (reform office of the deciding government)")
    @PostMapping("/api/delegations")
    ResponseEntity<Created> decide(@Valid @RequestBody DecisionRequest request) {
        String delegationId = UUID.randomUUID().toString();
        commands.send(new DecideDelegation(delegationId, request.mode(),
                request.sourceItemIds().stream().map(UUID::toString).toList(), request.receiverBodyIds(),
                request.transitionEnd(), request.termEnd(),
                new Decision(request.documentNumber(), request.effectiveDate())), currentActor.actingAs(Role.REFORM_OFFICE));
        return ResponseEntity.created(URI.create("/api/delegations/" + delegationId)).body(new Created(delegationId));
    }

    @Operation(summary = "承接确认 (the receiver's clerk, or the reform office)")
    @PostMapping("/api/delegations/{delegationId}/confirmations")
    ResponseEntity<Void> confirm(@PathVariable UUID delegationId, @Valid @RequestBody ConfirmationRequest request) {
        return send(new ConfirmReceipt(delegationId.toString(), request.receiverBodyId(), request.confirmedOn()),
                Role.BODY_CLERK, Role.REFORM_OFFICE);
    }

    @Operation(summary = "登记承接能力缺口,含整改措施、牵头单位和时限 (receiver's clerk or reform office)")
    @PostMapping("/api/delegations/{delegationId}/capacity-gaps")
    ResponseEntity<Created> reportGap(@PathVariable UUID delegationId, @Valid @RequestBody GapRequest request) {
        String gapId = UUID.randomUUID().toString();
        send(new ReportCapacityGap(delegationId.toString(), gapId, request.receiverBodyId(), request.kind(),
                request.description(), request.measure(), request.leadBodyId(), request.deadline()),
                Role.BODY_CLERK, Role.REFORM_OFFICE);
        return ResponseEntity.created(URI.create("/api/delegations/" + delegationId + "/capacity-gaps/" + gapId))
                .body(new Created(gapId));
    }

    @Operation(summary = "承接能力缺口整改完成 (receiver's clerk or reform office)")
    @PostMapping("/api/delegations/{delegationId}/capacity-gaps/{gapId}/close")
    ResponseEntity<Void> closeGap(@PathVariable UUID delegationId, @PathVariable UUID gapId,
            @Valid @RequestBody CloseGapRequest request) {
        return send(new CloseCapacityGap(delegationId.toString(), gapId.toString(), request.closedOn(),
                request.remedy()), Role.BODY_CLERK, Role.REFORM_OFFICE);
    }

    @Operation(summary = "记录业务指导、培训 (the devolving body's clerk, or the reform office)")
    @PostMapping("/api/delegations/{delegationId}/guidance")
    ResponseEntity<Void> guidance(@PathVariable UUID delegationId, @Valid @RequestBody GuidanceRequest request) {
        return send(new RecordGuidance(delegationId.toString(), request.givingBodyId(), request.givenOn(),
                request.form(), request.description()), Role.BODY_CLERK, Role.REFORM_OFFICE);
    }

    @Operation(summary = "安排过渡期帮办代办 (reform office)")
    @PostMapping("/api/delegations/{delegationId}/transitions")
    ResponseEntity<Void> transition(@PathVariable UUID delegationId, @Valid @RequestBody TransitionRequest request) {
        return send(new ArrangeTransition(delegationId.toString(), request.actingBodyId(), request.onBehalfOfBodyId(),
                request.until()), Role.REFORM_OFFICE);
    }

    @Operation(summary = "记录交接 (receiver's clerk or reform office)")
    @PostMapping("/api/delegations/{delegationId}/handovers")
    ResponseEntity<Void> handover(@PathVariable UUID delegationId, @Valid @RequestBody HandoverRequest request) {
        return send(new RecordHandover(delegationId.toString(), request.receiverBodyId(), request.handedOverOn()),
                Role.BODY_CLERK, Role.REFORM_OFFICE);
    }

    @Operation(summary = "收回 (reform office of the deciding government)")
    @PostMapping("/api/delegations/{delegationId}/recall")
    ResponseEntity<Void> recall(@PathVariable UUID delegationId, @Valid @RequestBody RecallRequest request) {
        return send(new RecallDelegation(delegationId.toString(), new Decision(request.documentNumber(),
                request.effectiveDate())), Role.REFORM_OFFICE);
    }

    private ResponseEntity<Void> send(Object command, Role... roles) {
        commands.send(command, currentActor.actingAs(roles));
        return ResponseEntity.noContent().build();
    }
}
