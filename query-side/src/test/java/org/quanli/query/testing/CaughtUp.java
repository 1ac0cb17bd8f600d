package org.quanli.query.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.quanli.platform.projections.ProjectionStatuses;
import org.quanli.platform.projections.ProjectionStatuses.ProjectionStatus;

/**
 * Whether the read side has taken in everything recorded so far. One projection showing an event proves nothing
 * about the others, nor about its own other segments: a test that reads what several of them wrote waits for this.
 */
public final class CaughtUp {

    private CaughtUp() {
    }

    /** Asserts, for use inside an await, that no streaming projection is replaying or behind the head of the store. */
    public static void everyStreamingProjection(ProjectionStatuses statuses) {
        for (ProjectionStatus projection : statuses.all()) {
            if (projection.kind().equals("streaming")) {
                assertThat(projection.replaying()).as(projection.toString()).isFalse();
                assertThat(projection.behind()).as(projection.toString()).isZero();
            }
        }
    }
}
