package org.quanli.platform.storage;

import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The aggregates a node loaded last, kept so that the next command to one of them need not read and apply its events
 * again; checked against the store at every use, so a node never decides on an aggregate another node has changed
 * since. At a hit one indexed query asks for the aggregate's last sequence number in the store; if it is not the one
 * the kept aggregate reached, the aggregate is dropped and loaded from its events. Two nodes deciding on one aggregate
 * at the same moment still meet at the event table's unique key, as without a cache.
 *
 * <p>Axon's caching repository keeps an aggregate here after each command that committed and drops it when a
 * command on it rolls back. At most {@code capacity} aggregates, the least recently used dropped first.
 */
public class CheckedAggregateCache implements Cache {

    /** Axon's cache entry does not expose the version it keeps; the check needs it. */
    private static final Field VERSION;

    static {
        try {
            VERSION = AggregateCacheEntry.class.getDeclaredField("version");
            VERSION.setAccessible(true);
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError("Axon's AggregateCacheEntry no longer has the field 'version': " + e);
        }
    }

    private static final String LAST_SEQUENCE =
            "select max(sequence_number) from domain_event_entry where aggregate_identifier = ?";

    private final int capacity;
    private final JdbcTemplate jdbc;
    private final Map<Object, Object> entries;
    private final List<EntryListener> listeners = new CopyOnWriteArrayList<>();
    private final Counter hits;
    private final Counter misses;
    private final Counter stale;

    public CheckedAggregateCache(int capacity, JdbcTemplate jdbc, MeterRegistry meters) {
        this.capacity = capacity;
        this.jdbc = jdbc;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
                if (size() <= CheckedAggregateCache.this.capacity) {
                    return false;
                }
                listeners.forEach(listener -> listener.onEntryExpired(eldest.getKey()));
                return true;
            }
        };
        String name = "quanli.aggregate_cache.loads";
        String description = "Aggregates asked of the aggregate cache, by outcome";
        this.hits = Counter.builder(name).tag("result", "hit").description(description).register(meters);
        this.misses = Counter.builder(name).tag("result", "miss").description(description).register(meters);
        this.stale = Counter.builder(name).tag("result", "stale").description(description).register(meters);
        Gauge.builder("quanli.aggregate_cache.size", this, CheckedAggregateCache::size)
                .description("Aggregates kept in the aggregate cache").register(meters);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object entry;
        synchronized (entries) {
            entry = entries.get(key);
        }
        if (entry == null) {
            misses.increment();
            return null;
        }
        if (entry instanceof AggregateCacheEntry<?> aggregate
                && !Objects.equals(version(aggregate), jdbc.queryForObject(LAST_SEQUENCE, Long.class, key))) {
            stale.increment();
            remove(key);
            return null;
        }
        hits.increment();
        listeners.forEach(listener -> listener.onEntryRead(key, entry));
        return (V) entry;
    }

    @Override
    public void put(Object key, Object value) {
        if (capacity <= 0) {
            return;
        }
        Object previous;
        synchronized (entries) {
            previous = entries.put(key, value);
        }
        listeners.forEach(previous == null ? listener -> listener.onEntryCreated(key, value)
                : listener -> listener.onEntryUpdated(key, value));
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        if (capacity <= 0) {
            return false;
        }
        synchronized (entries) {
            if (entries.containsKey(key)) {
                return false;
            }
            entries.put(key, value);
        }
        listeners.forEach(listener -> listener.onEntryCreated(key, value));
        return true;
    }

    @Override
    public boolean remove(Object key) {
        boolean removed;
        synchronized (entries) {
            removed = entries.remove(key) != null;
        }
        if (removed) {
            listeners.forEach(listener -> listener.onEntryRemoved(key));
        }
        return removed;
    }

    @Override
    public boolean containsKey(Object key) {
        synchronized (entries) {
            return entries.containsKey(key);
        }
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private static Long version(AggregateCacheEntry<?> entry) {
        try {
            return (Long) VERSION.get(entry);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read the version of a cached aggregate", e);
        }
    }
}
