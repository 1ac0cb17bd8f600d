package org.quanli.command.powerlist.imports;

import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.quanli.command.powerlist.imports.ImportPlanner.ImportPlan;
import org.quanli.command.powerlist.ItemDirectory;
import org.quanli.kernel.decision.Decision;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.rules.Forbidden;
import org.quanli.kernel.rules.NotFound;
import org.quanli.platform.security.CurrentActor;
import org.quanli.platform.web.PageSize;
import org.quanli.platform.web.ProblemResponses;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Bulk import of published lists from offices' spreadsheets (back-filling history). A dry run (the default) reads
 * and checks every row and writes nothing; a real run answers 202 at once and works through the rows as a job.
 */
@RestController
@Tag(name = "list imports", description = "权责清单批量导入(补录历史清单)")
class ImportController {

    private final ImportPlanner planner;
    private final ImportJobRunner runner;
    private final ImportJobStore jobs;
    private final ItemDirectory items;
    private final CurrentActor currentActor;

    ImportController(ImportPlanner planner, ImportJobRunner runner, ImportJobStore jobs, ItemDirectory items,
            CurrentActor currentActor) {
        this.planner = planner;
        this.runner = runner;
        this.jobs = jobs;
        this.items = items;
        this.currentActor = currentActor;
    }

    /** What a real run answers: the job to follow. */
    record Accepted(String jobId, ImportJobStatus status, String location) {
    }

    @Operation(summary = "导入权责清单 (reform office): CSV (UTF-8 or GBK) or XLSX; dryRun=true (default) only checks")
    @PostMapping(path = "/api/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<?> importList(@RequestPart("file") MultipartFile file,
            @Parameter(description = "文号 of the decision that published the list")
            @RequestParam @NotBlank @Size(max = 100) String documentNumber,
            @Parameter(description = "effective date of that decision (yyyy-MM-dd)")
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate effectiveDate,
            @RequestParam(defaultValue = "true") boolean dryRun) throws IOException {
        Actor office = currentActor.actingAs(Role.REFORM_OFFICE);
        Decision decision = new Decision(documentNumber, effectiveDate);
        ImportPlan plan = planner.plan(file.getBytes(), office);
        if (dryRun) {
            return ResponseEntity.ok(report(plan, file.getOriginalFilename(), decision));
        }
        String jobId = runner.start(plan, file.getOriginalFilename(), decision, office);
        URI location = URI.create("/api/imports/" + jobId);
        return ResponseEntity.accepted().location(location)
                .body(new Accepted(jobId, ImportJobStatus.RUNNING, location.toString()));
    }

    @Operation(summary = "导入任务进度 (reform office, administrator), with one page of the row errors")
    @GetMapping("/api/imports/{jobId}")
    ImportJob job(@PathVariable UUID jobId,
            @RequestParam(defaultValue = "0") @Min(0) int errorsPage,
            @RequestParam(defaultValue = "200") @PageSize int errorsSize) {
        Actor actor = currentActor.actingAs(Role.REFORM_OFFICE, Role.ADMINISTRATOR);
        ImportJob job = jobs.job(jobId.toString(), errorsPage, errorsSize)
                .orElseThrow(() -> new NotFound("import job", jobId.toString()));
        if (actor.role() == Role.REFORM_OFFICE && !actor.belongsTo(job.startedByBody())) {
            throw new Forbidden("只能查看本单位发起的导入任务");
        }
        return job;
    }

    @Operation(summary = "导入任务列表 (reform office: its own body's; administrator: all), newest first")
    @GetMapping("/api/imports")
    ImportJob.Page list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @PageSize int size) {
        Actor actor = currentActor.actingAs(Role.REFORM_OFFICE, Role.ADMINISTRATOR);
        return jobs.jobs(actor.role() == Role.ADMINISTRATOR ? null : actor.bodyId(), page, size);
    }

    @ExceptionHandler(ImportJobRunner.QueueFull.class)
    ResponseEntity<ProblemDetail> queueFull(ImportJobRunner.QueueFull e) {
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.SERVICE_UNAVAILABLE, "import-queue-full",
                e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "60")
                .contentType(ProblemResponses.PROBLEM_JSON).body(problem);
    }

    private ImportReport report(ImportPlan plan, String fileName, Decision decision) {
        int alreadyPresent = (int) plan.rows().stream().filter(r -> items.item(r.itemId()).isPresent()).count();
        return new ImportReport(true, fileName, plan.format(), plan.encoding(), plan.sheet(), plan.headerRow(),
                decision.documentNumber(), decision.effectiveDate(), plan.total(), plan.rows().size(),
                plan.rows().size() - alreadyPresent, alreadyPresent, plan.failed(), plan.errors(), plan.warnings());
    }
}
