package org.quanli.command.places;

import java.net.URI;
import java.time.LocalDate;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.quanli.kernel.codes.BodyNature;
import org.quanli.kernel.decision.Decision;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.places.JurisdictionLevel;
import org.quanli.kernel.places.PlacesMessages.AbolishImplementingBody;
import org.quanli.kernel.places.PlacesMessages.MergeImplementingBody;
import org.quanli.kernel.places.PlacesMessages.RegisterImplementingBody;
import org.quanli.kernel.places.PlacesMessages.RegisterJurisdiction;
import org.quanli.kernel.places.PlacesMessages.RenameImplementingBody;
import org.quanli.kernel.places.UnifiedSocialCreditCode;
import org.quanli.platform.messaging.CommandSender;
import org.quanli.platform.security.CurrentActor;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "places", description = "行政区划与实施主体登记,机构改革(更名、合并、撤销)")
class PlacesController {

    private final CommandSender commands;
    private final CurrentActor currentActor;

    PlacesController(CommandSender commands, CurrentActor currentActor) {
        this.commands = commands;
        this.currentActor = currentActor;
    }

    record JurisdictionRequest(@NotBlank @Size(max = 12) String code, @NotBlank @Size(max = 200) String name,
                               @NotNull JurisdictionLevel level, @Size(max = 12) String parentCode,
                               Boolean functionalZone) {
    }

    record BodyRequest(@NotBlank @Size(min = 18, max = 18) String creditCode, @NotBlank @Size(max = 200) String name,
                       @NotBlank @Size(max = 12) String jurisdictionCode, @NotNull BodyNature nature,
                       @NotNull Boolean administrativeSubject) {
    }

    record RenameRequest(@NotBlank @Size(max = 200) String newName, @NotBlank @Size(max = 100) String documentNumber,
                         @NotNull LocalDate effectiveDate) {
    }

    record MergeRequest(@NotBlank @Pattern(regexp = UnifiedSocialCreditCode.FORM, message = UnifiedSocialCreditCode.FORM_MESSAGE) String successorBodyId,
                        @NotBlank @Size(max = 100) String documentNumber, @NotNull LocalDate effectiveDate) {
    }

    record AbolishRequest(@NotBlank @Size(max = 100) String documentNumber, @NotNull LocalDate effectiveDate) {
    }

    @Operation(summary = "登记行政区划 (administrator)")
    @PostMapping("/api/jurisdictions")
    ResponseEntity<Void> registerJurisdiction(@Valid @RequestBody JurisdictionRequest request) {
        commands.send(new RegisterJurisdiction(request.code(), request.name(), request.level(), request.parentCode(),
                Boolean.TRUE.equals(request.functionalZone())), currentActor.actingAs(Role.ADMINISTRATOR));
        return ResponseEntity.created(URI.create("/api/public/jurisdictions/" + request.code())).build();
    }

    @Operation(summary = "登记实施主体 (administrator); the unified social credit code identifies it")
    @PostMapping("/api/bodies")
    ResponseEntity<Void> registerBody(@Valid @RequestBody BodyRequest request) {
        commands.send(new RegisterImplementingBody(request.creditCode(), request.name(), request.jurisdictionCode(),
                request.nature(), request.administrativeSubject()), currentActor.actingAs(Role.ADMINISTRATOR));
        return ResponseEntity.created(URI.create("/api/public/bodies/" + request.creditCode())).build();
    }

    @Operation(summary = "实施主体更名 (reform office of the body's jurisdiction or above), by a document from its effective date")
    @PostMapping("/api/bodies/{bodyId}/rename")
    ResponseEntity<Void> rename(@PathVariable String bodyId,
            @Valid @RequestBody RenameRequest request) {
        return reform(new RenameImplementingBody(bodyId, request.newName(),
                new Decision(request.documentNumber(), request.effectiveDate())));
    }

    @Operation(summary = "实施主体合并至承继单位 (reform office); its open items then pass to the successor one by one")
    @PostMapping("/api/bodies/{bodyId}/merge")
    ResponseEntity<Void> merge(@PathVariable String bodyId,
            @Valid @RequestBody MergeRequest request) {
        return reform(new MergeImplementingBody(bodyId, request.successorBodyId(),
                new Decision(request.documentNumber(), request.effectiveDate())));
    }

    @Operation(summary = "撤销实施主体 (reform office); refused while it still holds an item that has not ended")
    @PostMapping("/api/bodies/{bodyId}/abolish")
    ResponseEntity<Void> abolish(@PathVariable String bodyId,
            @Valid @RequestBody AbolishRequest request) {
        return reform(new AbolishImplementingBody(bodyId,
                new Decision(request.documentNumber(), request.effectiveDate())));
    }

    /**
     * The body's code in the path is not checked for its form: a constraint there would report the request body's
     * invalid fields under the parameter's name instead of each field's. An ill-formed code is an unknown body: 404.
     */
    private ResponseEntity<Void> reform(Object command) {
        commands.send(command, currentActor.actingAs(Role.REFORM_OFFICE));
        return ResponseEntity.noContent().build();
    }
}
