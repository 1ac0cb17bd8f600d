package org.quanli.command.complaints;

import java.net.URI;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.quanli.kernel.cases.IdentityDocument;
import org.quanli.kernel.complaints.Complainant;
import org.quanli.kernel.complaints.ComplaintCategory;
import org.quanli.kernel.complaints.ComplaintChannel;
import org.quanli.kernel.complaints.ComplaintMessages.*;
import org.quanli.kernel.complaints.ComplaintOutcome;
import org.quanli.kernel.complaints.ComplaintRating;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.places.UnifiedSocialCreditCode;
import org.quanli.platform.messaging.CommandSender;
import org.quanli.platform.security.CurrentActor;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The life of a complaint on the command side. The role decides who may send each step, the complaint itself
 * whether the user's body or jurisdiction allows it. The complainant's identity is accepted by
 * {@code POST /api/complaints} and never sent back: every answer carries at most the complaint's id.
 */
@RestController
@Tag(name = "complaints", description = "投诉:登记、按责转办、转交、受理、调查、办结、答复、评价、重新办理、提级办理")
class ComplaintsController {

    private static final String CREDIT_CODE = UnifiedSocialCreditCode.FORM;

    private final CommandSender commands;
    private final CurrentActor currentActor;

    ComplaintsController(CommandSender commands, CurrentActor currentActor) {
        this.commands = commands;
        this.currentActor = currentActor;
    }

    @Schema(name = "ComplaintCreated")
    record Created(String id) {
    }

    /** Leave the complainant out for an anonymous complaint. */
    record ComplainantRequest(@NotBlank @Size(max = 200) String name,
                              @NotBlank @Size(max = 20) @Pattern(regexp = "[0-9+ -]+") String phone,
                              IdentityDocument documentType,
                              @Size(max = 40) @Pattern(regexp = "[0-9A-Za-z-]*") String documentNumber,
                              @Size(max = 500) String address) {

        Complainant toComplainant() {
            return new Complainant(name, phone, documentNumber == null || documentNumber.isBlank() ? null
                    : documentType, documentNumber, address);
        }
    }

    record RegisterRequest(@NotNull ComplaintChannel channel, @NotNull LocalDateTime receivedAt,
                           @NotBlank @Size(max = 10000) String text, @Valid ComplainantRequest complainant,
                           @NotBlank @Pattern(regexp = CREDIT_CODE) String bodyId, UUID itemId, UUID caseId,
                           @NotNull ComplaintCategory category) {
    }

    record TransferRequest(@NotBlank @Pattern(regexp = CREDIT_CODE) String toBodyId,
                           @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 1000) String> reasons,
                           @NotNull LocalDate date) {
    }

    record StepDate(@NotNull LocalDate date) {
    }

    record InvestigationRequest(@NotBlank @Size(max = 5000) String summary,
                                @NotBlank @Size(max = 100) String investigator, @NotNull LocalDate investigatedOn) {
    }

    record ConclusionRequest(@NotNull ComplaintOutcome outcome, @NotBlank @Size(max = 5000) String findings,
                             @Size(max = 50) List<@NotBlank @Size(max = 1000) String> measures,
                             @NotNull LocalDate concludedOn) {
    }

    record ReplyRequest(@NotBlank @Size(max = 5000) String feedback, @Size(max = 5000) String publicReply,
                        @NotNull LocalDate repliedOn) {
    }

    record RatingRequest(@NotNull ComplaintRating rating, @Size(max = 2000) String comment,
                         @NotNull LocalDate ratedOn) {
    }

    record ReopenRequest(@NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 1000) String> reasons,
                         @NotNull LocalDate reopenedOn) {
    }

    @Operation(summary = "登记投诉 (unified reception or supervision office); leave out the complainant for an "
            + "anonymous complaint; the complainant's identity is never returned")
    @PostMapping("/api/complaints")
    ResponseEntity<Created> register(@Valid @RequestBody RegisterRequest request) {
        Actor actor = reception();
        String id = UUID.randomUUID().toString();
        commands.send(new RegisterComplaint(id, request.channel(), request.receivedAt(), request.text(),
                request.complainant() == null ? null : request.complainant().toComplainant(), request.bodyId(),
                request.itemId() == null ? null : request.itemId().toString(),
                request.caseId() == null ? null : request.caseId().toString(), request.category()), actor);
        return ResponseEntity.created(URI.create("/api/complaints/" + id)).body(new Created(id));
    }

    @Operation(summary = "按责转办 to the responsible body (reception or supervision office); starts the reply "
            + "limit of the complaint's category")
    @PostMapping("/api/complaints/{complaintId}/transfer")
    ResponseEntity<Void> transfer(@PathVariable UUID complaintId, @Valid @RequestBody TransferRequest request) {
        return send(new TransferComplaint(complaintId.toString(), request.toBodyId(), request.reasons(),
                request.date()), reception());
    }

    @Operation(summary = "转交: the body is not responsible (its complaint handler) or the reception or "
            + "supervision office re-routes it; the due date stays")
    @PostMapping("/api/complaints/{complaintId}/transfer-on")
    ResponseEntity<Void> transferOn(@PathVariable UUID complaintId, @Valid @RequestBody TransferRequest request) {
        return send(new TransferComplaintOn(complaintId.toString(), request.toBodyId(), request.reasons(),
                request.date()), currentActor.actingAs(Role.COMPLAINT_HANDLER, Role.COMPLAINT_RECEPTION,
                Role.SUPERVISION_OFFICE));
    }

    @Operation(summary = "受理 (the responsible body's complaint handler)")
    @PostMapping("/api/complaints/{complaintId}/acceptance")
    ResponseEntity<Void> accept(@PathVariable UUID complaintId, @Valid @RequestBody StepDate request) {
        return send(new AcceptComplaint(complaintId.toString(), request.date()), handler());
    }

    @Operation(summary = "调查核实 (the responsible body's complaint handler)")
    @PostMapping("/api/complaints/{complaintId}/investigations")
    ResponseEntity<Void> investigate(@PathVariable UUID complaintId,
                                     @Valid @RequestBody InvestigationRequest request) {
        return send(new RecordComplaintInvestigation(complaintId.toString(), request.summary(),
                request.investigator(), request.investigatedOn()), handler());
    }

    @Operation(summary = "办结 with the findings and measures (the responsible body's complaint handler)")
    @PostMapping("/api/complaints/{complaintId}/conclusion")
    ResponseEntity<Void> conclude(@PathVariable UUID complaintId, @Valid @RequestBody ConclusionRequest request) {
        return send(new ConcludeComplaint(complaintId.toString(), request.outcome(), request.findings(),
                request.measures(), request.concludedOn()), handler());
    }

    @Operation(summary = "答复投诉人 (the responsible body's complaint handler), optionally with a public reply "
            + "(no personal data)")
    @PostMapping("/api/complaints/{complaintId}/reply")
    ResponseEntity<Void> reply(@PathVariable UUID complaintId, @Valid @RequestBody ReplyRequest request) {
        return send(new ReplyToComplaint(complaintId.toString(), request.feedback(), request.publicReply(),
                request.repliedOn()), handler());
    }

    @Operation(summary = "回访评价: 满意 / 基本满意 / 不满意 (reception or supervision office)")
    @PostMapping("/api/complaints/{complaintId}/rating")
    ResponseEntity<Void> rate(@PathVariable UUID complaintId, @Valid @RequestBody RatingRequest request) {
        return send(new RateComplaint(complaintId.toString(), request.rating(), request.comment(),
                request.ratedOn()), reception());
    }

    @Operation(summary = "重新办理 (reception or supervision office): once, after a 不满意 rating, under a new limit")
    @PostMapping("/api/complaints/{complaintId}/reopening")
    ResponseEntity<Void> reopen(@PathVariable UUID complaintId, @Valid @RequestBody ReopenRequest request) {
        return send(new ReopenComplaint(complaintId.toString(), request.reasons(), request.reopenedOn()),
                reception());
    }

    @Operation(summary = "提级办理 to a body of the jurisdiction above (supervision office), under a new limit")
    @PostMapping("/api/complaints/{complaintId}/escalation")
    ResponseEntity<Void> escalate(@PathVariable UUID complaintId, @Valid @RequestBody TransferRequest request) {
        return send(new EscalateComplaint(complaintId.toString(), request.toBodyId(), request.reasons(),
                request.date()), currentActor.actingAs(Role.SUPERVISION_OFFICE));
    }

    private Actor reception() {
        return currentActor.actingAs(Role.COMPLAINT_RECEPTION, Role.SUPERVISION_OFFICE);
    }

    private Actor handler() {
        return currentActor.actingAs(Role.COMPLAINT_HANDLER);
    }

    private ResponseEntity<Void> send(Object command, Actor actor) {
        commands.send(command, actor);
        return ResponseEntity.noContent().build();
    }
}
