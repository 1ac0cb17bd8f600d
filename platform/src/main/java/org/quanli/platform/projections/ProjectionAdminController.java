package org.quanli.platform.projections;

import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.rules.NotFound;
import org.quanli.kernel.rules.RuleViolation;
import org.quanli.platform.projections.ProjectionStatuses.ProjectionStatus;
import org.quanli.platform.security.CurrentActor;
import org.quanli.platform.web.ProblemResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operating the projections: where every segment of each one stands against the head of the event store (its
 * progress during a rebuild), on this node or another ({@link ProjectionStatuses}), what it has parked as dead
 * letters, and a rebuild from the first event. Every
 * projection can be dropped and rebuilt this way: its reset handler empties its tables, then it replays.
 */
@RestController
@Tag(name = "operations", description = "投影(读模型)运维:进度、死信、重建")
class ProjectionAdminController {

    private static final Logger log = LoggerFactory.getLogger(ProjectionAdminController.class);

    private final EventProcessingConfiguration processing;
    private final ProjectionStatuses statuses;
    private final SegmentErrors errors;
    private final CurrentActor currentActor;
    private final ProblemResponses problems;

    private final BulkRebuild bulkRebuild;
    private final BulkRuns runs;
    private final ExecutorService rebuilds = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "projection-bulk-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    ProjectionAdminController(EventProcessingConfiguration processing, ProjectionStatuses statuses,
                              SegmentErrors errors, CurrentActor currentActor, ProblemResponses problems,
                              BulkRebuild bulkRebuild, BulkRuns runs) {
        this.bulkRebuild = bulkRebuild;
        this.runs = runs;
        this.processing = processing;
        this.statuses = statuses;
        this.errors = errors;
        this.currentActor = currentActor;
        this.problems = problems;
    }

    @Operation(summary = "投影状态 (administrator, auditor): every segment of every processor, from the token table")
    @GetMapping("/api/admin/projections")
    List<ProjectionStatus> projections() {
        currentActor.actingAs(Role.ADMINISTRATOR, Role.AUDITOR);
        return statuses.all();
    }

    /** The named processor, if it is a projection that can be emptied and projected again. */
    private StreamingEventProcessor replayable(String name) {
        EventProcessor processor = processing.eventProcessor(name)
                .orElseThrow(() -> new NotFound("projection", name));
        if (!(processor instanceof StreamingEventProcessor streaming)) {
            throw new RuleViolation("projection-replayable", "投影 " + name + " 随命令同步更新,不能单独重建");
        }
        if (!bulkRebuild.supports(name)) {
            throw new RuleViolation("projection-replayable", name + " 是依据事件发送命令的流程,不是投影;重放会再次发送命令,不能重建");
        }
        return streaming;
    }

    @Operation(summary = "重建投影 (administrator): empties the projection's tables and replays every event")
    @PostMapping("/api/admin/projections/{name}/replay")
    ResponseEntity<?> replay(@PathVariable String name) {
        currentActor.actingAs(Role.ADMINISTRATOR);
        StreamingEventProcessor streaming = replayable(name);
        return runs.without(List.of(name), () -> {
            streaming.shutDown();
            try {
                streaming.resetTokens();
            } catch (UnableToClaimTokenException e) {
                streaming.start();
                return problems.entity(HttpStatus.CONFLICT, "projection-claimed-elsewhere",
                        "投影 " + name + " 的部分分段正由其他节点处理;请先在其他节点停止该投影后再重建");
            }
            errors.forget(name);
            streaming.start();
            return ResponseEntity.accepted().location(URI.create("/api/admin/projections")).build();
        });
    }

    @Operation(summary = "批量重建投影 (administrator): empties the projection's tables and rebuilds them from one read of "
            + "the store in large chunks, then follows the tail")
    @PostMapping("/api/admin/projections/{name}/rebuild")
    ResponseEntity<?> rebuild(@PathVariable String name) {
        currentActor.actingAs(Role.ADMINISTRATOR);
        replayable(name);
        rebuilds.submit(() -> {
            try {
                BulkRebuild.Outcome outcome = bulkRebuild.rebuild(List.of(name));
                log.info("Bulk rebuild of {}: {} events, up to position {}{}", name, outcome.events(),
                        outcome.position(), outcome.stoppedBy() == null ? "" : "; stopped: " + outcome.stoppedBy());
            } catch (RuntimeException e) {
                log.warn("Bulk rebuild of {} failed: {}", name, e.getMessage());
            }
        });
        return ResponseEntity.accepted().location(URI.create("/api/admin/projections")).build();
    }
}
