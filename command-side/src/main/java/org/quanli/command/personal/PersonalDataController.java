package org.quanli.command.personal;

import java.time.LocalDate;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.personal.PersonalDataMessages.EraseSubject;
import org.quanli.kernel.personal.PersonalDataMessages.ErasureGround;
import org.quanli.kernel.rules.NotFound;
import org.quanli.platform.messaging.CommandSender;
import org.quanli.platform.personal.PersonalDataVault;
import org.quanli.platform.security.CurrentActor;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Erasure requests of the personal-information officer (个人信息保护负责人). The person is named by identity number
 * in the request body (never in a URL, which proxies log); the answer carries only the subject id.
 */
@RestController
@Tag(name = "personal data", description = "个人信息删除(个人信息保护负责人)")
class PersonalDataController {

    private final CommandSender commands;
    private final CurrentActor currentActor;
    private final PersonalDataVault vault;

    PersonalDataController(CommandSender commands, CurrentActor currentActor, PersonalDataVault vault) {
        this.commands = commands;
        this.currentActor = currentActor;
        this.vault = vault;
    }

    record ErasureRequest(@NotBlank @Size(max = 40) @Pattern(regexp = "[0-9A-Za-z -]+") String documentNumber,
                          @NotNull ErasureGround ground,
                          @NotBlank @Size(max = 100) String decisionDocument, @NotNull LocalDate decidedOn) {
    }

    record Erased(String subjectId) {
    }

    @Operation(summary = "删除个人信息 (personal-information officer): deletes the applicant's data key",
            description = """
            Every case, trail, figure and statistic stays; the applicant's name, identity number and phone read as
            "[已删除]" everywhere from then on, also after a replay. Recorded as SubjectErased (ground, decision
            document and its date, the officer) without any personal data. 404 when the ledger holds no data about
            that identity number (or it was erased before).""")
    @PostMapping("/api/personal-data/erasures")
    @ResponseStatus(HttpStatus.CREATED)
    Erased erase(@Valid @RequestBody ErasureRequest request) {
        Actor actor = currentActor.actingAs(Role.PERSONAL_INFORMATION_OFFICER);
        String subject = vault.subjectOf(request.documentNumber())
                .orElseThrow(() -> new NotFound("data subject with that identity number", "(not shown)"));
        commands.send(new EraseSubject(subject, request.ground(), request.decisionDocument().strip(),
                request.decidedOn()), actor);
        return new Erased(subject);
    }
}
