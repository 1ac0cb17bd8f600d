package org.quanli.platform.projections;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.quanli.platform.projections.ProjectionStatuses.ProjectionStatus;
import org.quanli.platform.projections.ProjectionStatuses.SegmentStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * The {@code projectionSegments} health: DOWN when a segment of a streaming processor (on any node) has been failing at
 * its position for longer than {@code quanli.projections.health.stuck-after}, or has had no live claim for longer
 * than {@code quanli.projections.health.unclaimed-after}. It counts in {@code /actuator/health} (monitoring sees
 * DOWN, 503) and has its own group {@code /actuator/health/projections}; the liveness and readiness groups leave it
 * out, since commands and reads are still served and a restart would not mend a failing event. Its details also name
 * the indexes a bulk rebuild has set aside ({@link IndexedAfterBulkRebuild}): no fault while a rebuild runs, but
 * searches scan until they are built again.
 */
@Component("projectionSegments")
class ProjectionsHealth extends AbstractHealthIndicator {

    private final ProjectionStatuses statuses;
    private final RebuildIndexes indexes;
    private final Duration stuckAfter;
    private final Duration unclaimedAfter;

    ProjectionsHealth(ProjectionStatuses statuses, RebuildIndexes indexes,
                      @Value("${quanli.projections.health.stuck-after:PT5M}") Duration stuckAfter,
                      @Value("${quanli.projections.health.unclaimed-after:PT2M}") Duration unclaimedAfter) {
        super("Projection status could not be read");
        this.statuses = statuses;
        this.indexes = indexes;
        this.stuckAfter = stuckAfter;
        this.unclaimedAfter = unclaimedAfter;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        List<Map<String, Object>> problems = new ArrayList<>();
        long parked = 0;
        for (ProjectionStatus projection : statuses.all()) {
            parked += projection.parkedEvents();
            for (SegmentStatus segment : projection.segments()) {
                if (segment.erroring() && segment.stuckFor().compareTo(stuckAfter) > 0) {
                    problems.add(problem(projection, segment, "stuck", segment.stuckFor(), segment.lastError()));
                } else if (!segment.claimed() && segment.unclaimedFor().compareTo(unclaimedAfter) > 0) {
                    problems.add(problem(projection, segment, "unclaimed", segment.unclaimedFor(), null));
                }
            }
        }
        (problems.isEmpty() ? health.up() : health.down())
                .withDetail("problems", problems)
                .withDetail("parkedEvents", parked)
                .withDetail("indexesSetAsideByBulkRebuild", indexes.setAside())
                .withDetail("stuckAfter", stuckAfter.toString())
                .withDetail("unclaimedAfter", unclaimedAfter.toString());
    }

    private static Map<String, Object> problem(ProjectionStatus projection, SegmentStatus segment, String what,
                                               Duration since, String error) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("projection", projection.name());
        problem.put("segment", segment.segment());
        problem.put("problem", what);
        problem.put("for", since.toString());
        problem.put("position", segment.position());
        problem.put("behind", segment.behind());
        if (error != null) {
            problem.put("lastError", error);
        }
        return problem;
    }
}
