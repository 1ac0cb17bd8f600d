package org.quanli.platform.projections;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.rules.NotFound;
import org.quanli.kernel.rules.RuleViolation;
import org.quanli.platform.security.CurrentActor;
import org.quanli.platform.web.ProblemResponses;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operating the projections of this node: where each one stands against the head of the event store (its progress
 * during a rebuild), how many sequences it has parked as dead letters, and a rebuild from the first event. Every
 * projection can be dropped and rebuilt this way: its reset handler empties its tables, then it replays.
 */
@RestController
@Tag(name = "operations", description = "投影(读模型)运维:进度、死信、重建")
class ProjectionAdminController {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final CurrentActor currentActor;
    private final ProblemResponses problems;

    ProjectionAdminController(EventProcessingConfiguration processing, EventStore eventStore,
                              CurrentActor currentActor, ProblemResponses problems) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.currentActor = currentActor;
        this.problems = problems;
    }

    /**
     * @param behind events between the slowest segment claimed here and the head; null for subscribing processors
     */
    record ProjectionStatus(String name, String kind, boolean running, boolean replaying, long headPosition,
                            List<SegmentStatus> segmentsClaimedHere, Long behind, long parkedSequences) {
    }

    record SegmentStatus(int segment, Long position, boolean caughtUp, boolean replaying, String error) {
    }

    @Operation(summary = "投影状态 (administrator, auditor): progress against the head of the event store")
    @GetMapping("/api/admin/projections")
    List<ProjectionStatus> projections() {
        currentActor.actingAs(Role.ADMINISTRATOR, Role.AUDITOR);
        long head = position(eventStore.createHeadToken()).orElse(0);
        return processing.eventProcessors().values().stream()
                .sorted(Comparator.comparing(EventProcessor::getName))
                .map(processor -> status(processor, head))
                .toList();
    }

    @Operation(summary = "重建投影 (administrator): empties the projection's tables and replays every event")
    @PostMapping("/api/admin/projections/{name}/replay")
    ResponseEntity<?> replay(@PathVariable String name) {
        currentActor.actingAs(Role.ADMINISTRATOR);
        EventProcessor processor = processing.eventProcessor(name)
                .orElseThrow(() -> new NotFound("projection", name));
        if (!(processor instanceof StreamingEventProcessor streaming) || !streaming.supportsReset()) {
            throw new RuleViolation("projection-replayable", "投影 " + name + " 随命令同步更新,不能单独重建");
        }
        streaming.shutDown();
        try {
            streaming.resetTokens();
        } catch (UnableToClaimTokenException e) {
            streaming.start();
            ResponseEntity<ProblemDetail> conflict = problems.entity(HttpStatus.CONFLICT, "projection-claimed-elsewhere",
                    "投影 " + name + " 的部分分段正由其他节点处理;请先在其他节点停止该投影后再重建");
            return conflict;
        }
        streaming.start();
        return ResponseEntity.accepted().location(URI.create("/api/admin/projections")).build();
    }

    private ProjectionStatus status(EventProcessor processor, long head) {
        long parked = processing.deadLetterQueue(processor.getName()).map(q -> q.amountOfSequences()).orElse(0L);
        if (!(processor instanceof StreamingEventProcessor streaming)) {
            return new ProjectionStatus(processor.getName(), "subscribing", processor.isRunning(), false, head,
                    List.of(), null, parked);
        }
        List<SegmentStatus> segments = new ArrayList<>();
        Long slowest = null;
        for (var entry : streaming.processingStatus().entrySet()) {
            var tracker = entry.getValue();
            OptionalLong position = position(tracker.getTrackingToken());
            segments.add(new SegmentStatus(entry.getKey(), position.isPresent() ? position.getAsLong() : null,
                    tracker.isCaughtUp(), tracker.isReplaying(),
                    tracker.isErrorState() && tracker.getError() != null ? tracker.getError().getMessage() : null));
            long at = position.orElse(0);
            slowest = slowest == null ? at : Math.min(slowest, at);
        }
        segments.sort(Comparator.comparingInt(SegmentStatus::segment));
        return new ProjectionStatus(processor.getName(), "streaming", processor.isRunning(), streaming.isReplaying(),
                head, segments, slowest == null ? null : Math.max(0, head - slowest), parked);
    }

    private static OptionalLong position(TrackingToken token) {
        return token == null ? OptionalLong.empty() : token.position();
    }
}
