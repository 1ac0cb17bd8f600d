package org.quanli.platform.projections;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.junit.jupiter.api.Test;

/**
 * A segment's token after a bulk chunk: every position up to the chunk's end is passed but the gaps still open
 * there, and what the segment had passed beyond the chunk's end stays passed, its gaps there still gaps. A
 * segment's token has passed an event's position when it is at or below its index and none of its gaps.
 */
class BulkTokensTest {

    @Test
    void aSegmentWithoutATokenTakesTheChunksToken() {
        GapAwareTrackingToken reached = GapAwareTrackingToken.newInstance(100, List.of(97L));

        assertThat(BulkRebuild.advanced(null, reached)).isEqualTo(reached);
    }

    @Test
    void aSegmentBehindTheChunkMovesToItsEndWithTheGapsStillOpen() {
        GapAwareTrackingToken from = GapAwareTrackingToken.newInstance(50, List.of(40L, 45L));
        // 45 was filled and read in the chunk; 40 is still open; 97 opened within the chunk.
        GapAwareTrackingToken reached = GapAwareTrackingToken.newInstance(100, List.of(40L, 97L));

        assertThat(BulkRebuild.advanced(from, reached))
                .isEqualTo(GapAwareTrackingToken.newInstance(100, List.of(40L, 97L)));
    }

    @Test
    void aSegmentAheadOfTheChunkKeepsItsPositionAndLosesTheGapsTheChunkFilled() {
        GapAwareTrackingToken from = GapAwareTrackingToken.newInstance(150, List.of(60L, 120L));
        // 60 was filled and read in the chunk; 30 is a gap another segment waits for, which this one passed.
        GapAwareTrackingToken reached = GapAwareTrackingToken.newInstance(100, List.of(30L, 97L));

        assertThat(BulkRebuild.advanced(from, reached))
                .isEqualTo(GapAwareTrackingToken.newInstance(150, List.of(120L)));
    }

    @Test
    void aGapBothWaitForStaysOpen() {
        GapAwareTrackingToken from = GapAwareTrackingToken.newInstance(150, List.of(97L));
        GapAwareTrackingToken reached = GapAwareTrackingToken.newInstance(100, List.of(97L));

        assertThat(BulkRebuild.advanced(from, reached))
                .isEqualTo(GapAwareTrackingToken.newInstance(150, List.of(97L)));
    }

    @Test
    void aTokenHasPassedAPositionAtOrBelowItsIndexThatIsNoGapOfIt() {
        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(150, List.of(60L));

        assertThat(BulkRebuild.passed(token, 97)).isTrue();
        assertThat(BulkRebuild.passed(token, 150)).isTrue();
        assertThat(BulkRebuild.passed(token, 60)).isFalse();
        assertThat(BulkRebuild.passed(token, 151)).isFalse();
        assertThat(BulkRebuild.passed(null, 1)).isFalse();
    }
}
