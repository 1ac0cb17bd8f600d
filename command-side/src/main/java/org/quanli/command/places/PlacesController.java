package org.quanli.command.places;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.quanli.kernel.codes.BodyNature;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.places.JurisdictionLevel;
import org.quanli.kernel.places.PlacesMessages.RegisterImplementingBody;
import org.quanli.kernel.places.PlacesMessages.RegisterJurisdiction;
import org.quanli.platform.messaging.CommandSender;
import org.quanli.platform.security.CurrentActor;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "places", description = "行政区划与实施主体登记")
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
}
