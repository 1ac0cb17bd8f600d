package org.quanli.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/**
 * The cache's bound: at most its capacity, the least recently used entry dropped first, and nothing kept at capacity
 * zero. (The check against the store is {@code AggregateCacheTest}'s, on the command side; entries that are not
 * Axon's aggregate entries, as here, are not checked.)
 */
class CheckedAggregateCacheTest {

    @Test
    void keepsAtMostItsCapacityDroppingTheLeastRecentlyUsedFirst() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        CheckedAggregateCache cache = new CheckedAggregateCache(2, null, meters);
        cache.put("a", "A");
        cache.put("b", "B");
        assertThat((String) cache.get("a")).isEqualTo("A");

        cache.put("c", "C");

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.containsKey("b")).isFalse();
        assertThat((String) cache.get("a")).isEqualTo("A");
        assertThat((String) cache.get("c")).isEqualTo("C");
        assertThat((String) cache.get("b")).isNull();
        assertThat(meters.counter("quanli.aggregate_cache.loads", "result", "miss").count()).isEqualTo(1);
        assertThat(meters.counter("quanli.aggregate_cache.loads", "result", "hit").count()).isEqualTo(3);
    }

    @Test
    void keepsNothingAtCapacityZero() {
        CheckedAggregateCache cache = new CheckedAggregateCache(0, null, new SimpleMeterRegistry());
        cache.put("a", "A");
        assertThat(cache.putIfAbsent("b", "B")).isFalse();
        assertThat(cache.size()).isZero();
        assertThat((String) cache.get("a")).isNull();
    }
}
