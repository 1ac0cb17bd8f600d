package org.quanli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.quanli.testing.ApiClient;
import tools.jackson.databind.JsonNode;

/**
 * Whether the read side has taken in everything recorded so far, as the projections' status tells an administrator.
 * One projection showing an event proves nothing about the others, nor about its own other segments: a test that
 * reads several projections waits for this first.
 */
public final class CaughtUp {

    private CaughtUp() {
    }

    /** Asserts, for use inside an await, that no streaming projection is replaying or behind the head of the store. */
    public static void everyStreamingProjection(ApiClient admin) {
        for (JsonNode projection : admin.get("/api/admin/projections").json()) {
            if (projection.get("kind").asString().equals("streaming")) {
                assertThat(projection.get("replaying").asBoolean()).as(projection.toString()).isFalse();
                assertThat(projection.get("behind").isNumber()).as(projection.toString()).isTrue();
                assertThat(projection.get("behind").asLong()).as(projection.toString()).isZero();
            }
        }
    }
}
