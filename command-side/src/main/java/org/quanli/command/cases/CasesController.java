package org.quanli.command.cases;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.quanli.kernel.cases.Applicant;
import org.quanli.kernel.cases.CaseMessages.*;
import org.quanli.kernel.cases.Channel;
import org.quanli.kernel.cases.IdentityDocument;
import org.quanli.kernel.cases.JointApprovalMessages.ExtendJointApproval;
import org.quanli.kernel.cases.JointApprovalMessages.JointPart;
import org.quanli.kernel.cases.JointApprovalMessages.RecordPartConcluded;
import org.quanli.kernel.cases.JointApprovalMessages.StartJointApproval;
import org.quanli.kernel.cases.Satisfaction;
import org.quanli.kernel.cases.SpecialProcedureKind;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.rules.Forbidden;
import org.quanli.platform.messaging.CommandSender;
import org.quanli.platform.security.CurrentActor;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The life of a case on the command side. Only window officers write, for their own body (taken from the token,
 * never the request). The applicant's identity is accepted by {@code POST /api/cases} and never sent back: every
 * answer carries at most the case id.
 */
@RestController
@Tag(name = "cases", description = "办件:收件、补正、受理、容缺、不予受理、审查、特别程序、延期、决定、办结、送达、撤回、终止")
class CasesController {

    private final CommandSender commands;
    private final CurrentActor currentActor;

    CasesController(CommandSender commands, CurrentActor currentActor) {
        this.commands = commands;
        this.currentActor = currentActor;
    }

    @Schema(name = "CaseCreated")
    record Created(String id) {
    }

    record ApplicantRequest(@NotBlank @Size(max = 200) String name, @NotNull IdentityDocument documentType,
                            @NotBlank @Size(max = 40) @Pattern(regexp = "[0-9A-Za-z-]+") String documentNumber,
                            @Size(max = 20) @Pattern(regexp = "[0-9+-]*") String phone) {

        Applicant toApplicant() {
            return new Applicant(name.strip(), documentType, documentNumber, phone);
        }
    }

    record SubmitRequest(@NotNull UUID itemId, @NotNull Channel channel, @NotNull @Valid ApplicantRequest applicant,
                         @NotNull LocalDate receivedOn, @Size(max = 100) List<@NotBlank @Size(max = 200) String> materials,
                         @Size(max = 100) String window) {
    }

    record CorrectionRequest(@NotEmpty @Size(max = 100) List<@NotBlank @Size(max = 200) String> missing,
                             @NotNull LocalDate noticeDate) {
    }

    record OnDate(@NotNull LocalDate date) {
    }

    record DeficiencyRequest(@NotNull LocalDate acceptedOn,
                             @NotEmpty @Size(max = 100) List<@NotBlank @Size(max = 200) String> missing,
                             @NotNull LocalDate supplyBy) {
    }

    record ReasonsRequest(@NotNull LocalDate date, @Size(max = 50) List<@Size(max = 1000) String> reasons) {
    }

    record ReviewStepRequest(@NotBlank @Size(max = 100) String step, @NotBlank @Size(max = 200) String unit,
                             @NotBlank @Size(max = 100) String officer, @Size(max = 2000) String opinion,
                             @NotNull LocalDate startedOn, @NotNull LocalDate completedOn,
                             @Min(0) @Max(365) Integer limitDays) {
    }

    record ProcedureRequest(@NotNull SpecialProcedureKind kind, @NotBlank @Size(max = 1000) String reason,
                            @NotNull LocalDate startedOn) {
    }

    record ExtensionRequest(@Min(1) @Max(365) int days, @NotBlank @Size(max = 1000) String reason,
                            @NotBlank @Size(max = 100) String approvedBy, @NotNull LocalDate approvedOn) {
    }

    @Schema(name = "CaseDecisionRequest")
    record DecisionRequest(boolean granted, @Size(max = 50) List<@Size(max = 1000) String> reasons,
                           @NotNull LocalDate decidedOn) {
    }

    record DeliveryRequest(@NotNull LocalDate deliveredOn, @Size(max = 100) String method) {
    }

    record EndRequest(@NotNull LocalDate date, @Size(max = 1000) String reason) {
    }

    record EvaluationRequest(@NotNull Satisfaction satisfaction, @NotNull Channel channel,
                             @Size(max = 2000) String comment, @NotNull LocalDate evaluatedOn) {
    }

    record FollowUpRequest(@NotBlank @Size(max = 2000) String rectification, @NotNull LocalDate followedUpOn) {
    }

    record FollowUpRatingRequest(@NotNull Satisfaction satisfaction, @NotNull Channel channel,
                                 @NotNull LocalDate ratedOn) {
    }

    record AppealRequest(@NotBlank @Size(max = 2000) String reason, @NotNull LocalDate appealedOn) {
    }

    /** One part: its case's id is the server's (derived from the joint approval's id and the part's position). */
    record JointPartRequest(@NotNull UUID itemId, @NotBlank @Size(min = 18, max = 18) String bodyId) {
    }

    record JointApprovalRequest(@NotBlank @Size(max = 200) String projectName,
                                @NotEmpty @Size(max = 50) List<@NotNull @Valid JointPartRequest> parts,
                                @NotNull LocalDate receivedOn, @NotNull @Valid ApplicantRequest applicant,
                                @Size(max = 100) List<@NotBlank @Size(max = 200) String> materials,
                                @Size(max = 100) String window) {
    }

    /** The joint approval and its parts' case ids, which the process submits as cases of the parts' bodies. */
    record JointApprovalCreated(String id, List<String> caseIds) {
    }

    record JointPartConclusionRequest(@NotNull UUID caseId, @NotNull LocalDate concludedOn) {
    }

    record AppealReviewRequest(boolean excluded, @NotBlank @Size(max = 2000) String opinion,
                               @NotNull LocalDate reviewedOn) {
    }

    @Operation(summary = "收件 (window officer of the handling body); the applicant's identity is never returned")
    @PostMapping("/api/cases")
    ResponseEntity<Created> submit(@Valid @RequestBody SubmitRequest request) {
        Actor actor = officer();
        String caseId = UUID.randomUUID().toString();
        commands.send(new SubmitCase(caseId, request.itemId().toString(), actor.bodyId(), request.channel(),
                request.applicant().toApplicant(), request.receivedOn(), request.materials(), request.window(), null),
                actor);
        return ResponseEntity.created(URI.create("/api/cases/" + caseId)).body(new Created(caseId));
    }

    @Operation(summary = "一次性告知补正材料")
    @PostMapping("/api/cases/{caseId}/correction-notice")
    ResponseEntity<Void> requestCorrection(@PathVariable UUID caseId, @Valid @RequestBody CorrectionRequest request) {
        return send(new RequestCorrection(caseId.toString(), request.missing(), request.noticeDate()));
    }

    @Operation(summary = "补正完成")
    @PostMapping("/api/cases/{caseId}/correction-completed")
    ResponseEntity<Void> completeCorrection(@PathVariable UUID caseId, @Valid @RequestBody OnDate request) {
        return send(new CompleteCorrection(caseId.toString(), request.date()));
    }

    @Operation(summary = "受理: 204 when accepted; 200 with the outcome NOT_ACCEPTED, the reasons and the applicant's "
            + "rights of review when the body may not accept the item on the date and the ledger recorded a "
            + "non-acceptance")
    @PostMapping("/api/cases/{caseId}/acceptance")
    ResponseEntity<AcceptanceOutcome> accept(@PathVariable UUID caseId, @Valid @RequestBody OnDate request) {
        AcceptanceOutcome outcome = commands.send(new AcceptCase(caseId.toString(), request.date()), officer());
        return outcome.outcome() == AcceptanceOutcome.Outcome.ACCEPTED ? ResponseEntity.noContent().build()
                : ResponseEntity.ok(outcome);
    }

    @Operation(summary = "容缺受理")
    @PostMapping("/api/cases/{caseId}/acceptance-with-deficiency")
    ResponseEntity<Void> acceptWithDeficiency(@PathVariable UUID caseId,
                                              @Valid @RequestBody DeficiencyRequest request) {
        return send(new AcceptCaseWithDeficiency(caseId.toString(), request.acceptedOn(), request.missing(),
                request.supplyBy()));
    }

    @Operation(summary = "容缺材料补齐")
    @PostMapping("/api/cases/{caseId}/deficiency-supplied")
    ResponseEntity<Void> supplyDeficiency(@PathVariable UUID caseId, @Valid @RequestBody OnDate request) {
        return send(new SupplyDeficiency(caseId.toString(), request.date()));
    }

    @Operation(summary = "不予受理; one without reasons is recorded and flagged red (电子监察)")
    @PostMapping("/api/cases/{caseId}/non-acceptance")
    ResponseEntity<Void> reject(@PathVariable UUID caseId, @Valid @RequestBody ReasonsRequest request) {
        return send(new RejectCase(caseId.toString(), request.date(), request.reasons()));
    }

    @Operation(summary = "审查环节")
    @PostMapping("/api/cases/{caseId}/review-steps")
    ResponseEntity<Void> reviewStep(@PathVariable UUID caseId, @Valid @RequestBody ReviewStepRequest request) {
        return send(new RecordReviewStep(caseId.toString(), request.step(), request.unit(), request.officer(),
                request.opinion(), request.startedOn(), request.completedOn(), request.limitDays()));
    }

    @Operation(summary = "特别程序开始 (中止计时)")
    @PostMapping("/api/cases/{caseId}/special-procedures")
    ResponseEntity<Void> startProcedure(@PathVariable UUID caseId, @Valid @RequestBody ProcedureRequest request) {
        return send(new StartSpecialProcedure(caseId.toString(), request.kind(), request.reason(),
                request.startedOn()));
    }

    @Operation(summary = "特别程序结束 (恢复计时)")
    @PostMapping("/api/cases/{caseId}/special-procedures/end")
    ResponseEntity<Void> endProcedure(@PathVariable UUID caseId, @Valid @RequestBody OnDate request) {
        return send(new EndSpecialProcedure(caseId.toString(), request.date()));
    }

    @Operation(summary = "延期 (once, approved, within the cap)")
    @PostMapping("/api/cases/{caseId}/extension")
    ResponseEntity<Void> extend(@PathVariable UUID caseId, @Valid @RequestBody ExtensionRequest request) {
        return send(new ExtendCase(caseId.toString(), request.days(), request.reason(), request.approvedBy(),
                request.approvedOn()));
    }

    @Operation(summary = "准予或不予; a denial without reasons is recorded and flagged red (电子监察)")
    @PostMapping("/api/cases/{caseId}/decision")
    ResponseEntity<Void> decide(@PathVariable UUID caseId, @Valid @RequestBody DecisionRequest request) {
        return send(new DecideCase(caseId.toString(), request.granted(), request.reasons(), request.decidedOn()));
    }

    @Operation(summary = "办结")
    @PostMapping("/api/cases/{caseId}/conclusion")
    ResponseEntity<Void> conclude(@PathVariable UUID caseId, @Valid @RequestBody OnDate request) {
        return send(new ConcludeCase(caseId.toString(), request.date()));
    }

    @Operation(summary = "结果送达")
    @PostMapping("/api/cases/{caseId}/delivery")
    ResponseEntity<Void> deliver(@PathVariable UUID caseId, @Valid @RequestBody DeliveryRequest request) {
        return send(new DeliverResult(caseId.toString(), request.deliveredOn(), request.method()));
    }

    @Operation(summary = "申请人撤回")
    @PostMapping("/api/cases/{caseId}/withdrawal")
    ResponseEntity<Void> withdraw(@PathVariable UUID caseId, @Valid @RequestBody EndRequest request) {
        return send(new WithdrawCase(caseId.toString(), request.date(), request.reason()));
    }

    @Operation(summary = "终止办理")
    @PostMapping("/api/cases/{caseId}/termination")
    ResponseEntity<Void> terminate(@PathVariable UUID caseId, @Valid @RequestBody EndRequest request) {
        return send(new TerminateCase(caseId.toString(), request.date(), request.reason()));
    }

    @Operation(summary = "好差评 (one rating per case, after handling)")
    @PostMapping("/api/cases/{caseId}/evaluation")
    ResponseEntity<Void> evaluate(@PathVariable UUID caseId, @Valid @RequestBody EvaluationRequest request) {
        return send(new EvaluateCase(caseId.toString(), request.satisfaction(), request.channel(), request.comment(),
                request.evaluatedOn()));
    }

    @Operation(summary = "差评整改")
    @PostMapping("/api/cases/{caseId}/bad-review-follow-up")
    ResponseEntity<Void> followUp(@PathVariable UUID caseId, @Valid @RequestBody FollowUpRequest request) {
        return send(new FollowUpBadReview(caseId.toString(), request.rectification(), request.followedUpOn()));
    }

    @Operation(summary = "差评整改评价 (the applicant's rating of the fix, once, after the follow-up)")
    @PostMapping("/api/cases/{caseId}/bad-review-follow-up/rating")
    ResponseEntity<Void> rateFollowUp(@PathVariable UUID caseId, @Valid @RequestBody FollowUpRatingRequest request) {
        return send(new RateFollowUp(caseId.toString(), request.satisfaction(), request.channel(), request.ratedOn()));
    }

    @Operation(summary = "评价申诉 (the handling body)")
    @PostMapping("/api/cases/{caseId}/rating-appeal")
    ResponseEntity<Void> appeal(@PathVariable UUID caseId, @Valid @RequestBody AppealRequest request) {
        return send(new AppealRating(caseId.toString(), request.reason(), request.appealedOn()));
    }

    @Operation(summary = "评价申诉复核 (auditor): an excluded rating leaves the statistics")
    @PostMapping("/api/cases/{caseId}/rating-appeal/review")
    ResponseEntity<Void> reviewAppeal(@PathVariable UUID caseId, @Valid @RequestBody AppealReviewRequest request) {
        commands.send(new ReviewRatingAppeal(caseId.toString(), request.excluded(), request.opinion(),
                request.reviewedOn()), currentActor.actingAs(Role.AUDITOR));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "并联审批收件 (the lead body's comprehensive window); each part becomes a case of its body")
    @PostMapping("/api/joint-approvals")
    ResponseEntity<JointApprovalCreated> startJointApproval(@Valid @RequestBody JointApprovalRequest request) {
        String id = UUID.randomUUID().toString();
        List<JointPart> parts = new ArrayList<>();
        for (int i = 0; i < request.parts().size(); i++) {
            // Never the client's: a chosen id could name an existing case, which the process would then fail on.
            JointPartRequest p = request.parts().get(i);
            UUID caseId = UUID.nameUUIDFromBytes((id + "/part/" + i).getBytes(StandardCharsets.UTF_8));
            parts.add(new JointPart(caseId.toString(), p.itemId().toString(), p.bodyId()));
        }
        commands.send(new StartJointApproval(id, request.projectName(), parts, request.receivedOn(),
                request.applicant().toApplicant(), request.materials(), request.window()), officer());
        return ResponseEntity.created(URI.create("/api/joint-approvals/" + id))
                .body(new JointApprovalCreated(id, parts.stream().map(JointPart::caseId).toList()));
    }

    @Operation(summary = "并联审批的一个部门办件办结")
    @PostMapping("/api/joint-approvals/{jointApprovalId}/part-conclusions")
    ResponseEntity<Void> jointPartConcluded(@PathVariable UUID jointApprovalId,
                                            @Valid @RequestBody JointPartConclusionRequest request) {
        return send(new RecordPartConcluded(jointApprovalId.toString(), request.caseId().toString(),
                request.concludedOn()));
    }

    @Operation(summary = "并联审批延期 (once, at most 15 working days)")
    @PostMapping("/api/joint-approvals/{jointApprovalId}/extension")
    ResponseEntity<Void> extendJointApproval(@PathVariable UUID jointApprovalId,
                                             @Valid @RequestBody ExtensionRequest request) {
        return send(new ExtendJointApproval(jointApprovalId.toString(), request.days(), request.reason(),
                request.approvedBy(), request.approvedOn()));
    }

    private Actor officer() {
        Actor actor = currentActor.actingAs(Role.WINDOW_OFFICER);
        if (actor.bodyId() == null) {
            throw new Forbidden("窗口工作人员须属于一个实施主体");
        }
        return actor;
    }

    private ResponseEntity<Void> send(Object command) {
        commands.send(command, officer());
        return ResponseEntity.noContent().build();
    }
}
