package org.quanli.platform.projections;

import java.util.List;

import org.quanli.platform.projections.ProjectionStatuses.ProjectionStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A node that starts with projections far behind the head of the store (it was down while commands went on, or its
 * projections were stopped) brings them up in one bulk catch-up ({@link BulkRebuild#catchUp}) on a thread of its
 * own, instead of leaving every processor to read and project the events one by one: the processors follow the tail
 * once it is done, and the projection status shows their segments moving meanwhile. A processor whose segments
 * another node holds is left out.
 */
@Component
public class BulkCatchUp {

    private static final Logger log = LoggerFactory.getLogger(BulkCatchUp.class);

    private final BulkRebuild bulk;
    private final ProjectionStatuses statuses;
    private final long behind;

    public BulkCatchUp(BulkRebuild bulk, ProjectionStatuses statuses,
                @Value("${quanli.projections.bulk-catch-up-behind:20000}") long behind) {
        this.bulk = bulk;
        this.statuses = statuses;
        this.behind = behind;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        if (behind <= 0) {
            return;
        }
        Thread thread = new Thread(this::catchUpLagging, "projection-bulk-catch-up");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Catches up together every projection that can be rebuilt in bulk and is at least the configured number of
     * events behind; null when none is.
     */
    public BulkRebuild.Outcome catchUpLagging() {
        List<String> lagging = List.of();
        try {
            lagging = statuses.all().stream()
                    .filter(status -> status.behind() != null && status.behind() >= behind && !status.replaying())
                    .map(ProjectionStatus::name)
                    .filter(bulk::supports)
                    .toList();
            if (lagging.isEmpty()) {
                return null;
            }
            BulkRebuild.Outcome outcome = bulk.catchUp(lagging);
            log.info("Bulk catch-up of {}: {} events, up to position {}{}", outcome.projections(), outcome.events(),
                    outcome.position(), outcome.stoppedBy() == null ? "" : "; stopped: " + outcome.stoppedBy());
            return outcome;
        } catch (RuntimeException e) {
            log.warn("Bulk catch-up of {} failed, their processors follow event by event: {}", lagging, e.toString());
            return null;
        }
    }
}
