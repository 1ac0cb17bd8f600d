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
import org.quanli.platform.web.BadParameter;
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

    /** The person is named by the identity number they applied with, or by the phone number they complained from. */
    record ErasureRequest(@Size(max = 40) @Pattern(regexp = "[0-9A-Za-z -]+") String documentNumber,
                          @Size(max = 20) @Pattern(regexp = "[0-9+ -]+") String phone,
                          @NotNull ErasureGround ground,
                          @NotBlank @Size(max = 100) String decisionDocument, @NotNull LocalDate decidedOn) {
    }

    record Erased(String subjectId) {
    }

    @Operation(summary = "删除个人信息 (personal-information officer): deletes the person's data key",
            description = """
            The person is named by exactly one of documentNumber (an applicant) or phone (a complainant). Every case,
            complaint, trail, figure and statistic stays; the person's name, numbers and address read as "[已删除]"
            everywhere from then on, also after a replay. Recorded as SubjectErased (ground, decision document and
            its date, the officer) without any personal data. 404 when the ledger holds no data about that number
            (or it was erased before).""")
    @PostMapping("/api/personal-data/erasures")
    @ResponseStatus(HttpStatus.CREATED)
    Erased erase(@Valid @RequestBody ErasureRequest request) {
        Actor actor = currentActor.actingAs(Role.PERSONAL_INFORMATION_OFFICER);
        boolean byDocument = request.documentNumber() != null && !request.documentNumber().isBlank();
        boolean byPhone = request.phone() != null && !request.phone().isBlank();
        if (byDocument == byPhone) {
            throw BadParameter.of("documentNumber", "one-of", "请给出证件号码(申请人)或电话号码(投诉人)之一,且只给一个");
        }
        String subject = vault.subjectOf(byDocument ? request.documentNumber() : request.phone())
                .orElseThrow(() -> new NotFound("data subject with that " + (byDocument ? "identity" : "phone")
                        + " number", "(not shown)"));
        commands.send(new EraseSubject(subject, request.ground(), request.decisionDocument().strip(),
                request.decidedOn()), actor);
        return new Erased(subject);
    }
}
