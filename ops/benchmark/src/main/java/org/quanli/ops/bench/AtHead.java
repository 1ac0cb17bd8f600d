package org.quanli.ops.bench;

import java.util.Map;
import java.util.OptionalLong;

import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.quanli.platform.projections.BulkRuns;

/** Whether a projection has passed a position: by the bulk run that projects it here, or by its processor. */
final class AtHead {

    private AtHead() {
    }

    /**
     * @param segments how many segments the processor has (a processor that has not claimed them all has not
     *                 passed anything in the others); -1: as many as it has claimed, at least one
     */
    static boolean passed(BulkRuns runs, StreamingEventProcessor processor, long segments, long position) {
        if (runs.inBulkRun(processor.getName())) {
            OptionalLong reached = runs.position(processor.getName());
            return reached.isPresent() && reached.getAsLong() >= position;
        }
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        return (segments < 0 ? !status.isEmpty() : status.size() == segments) && status.values().stream()
                .allMatch(segment -> segment.getCurrentPosition().orElse(-1) >= position);
    }
}
