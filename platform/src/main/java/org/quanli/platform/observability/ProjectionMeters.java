package org.quanli.platform.observability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.quanli.platform.projections.ProjectionStatuses;
import org.quanli.platform.projections.ProjectionStatuses.ProjectionStatus;
import org.quanli.platform.projections.ProjectionStatuses.SegmentStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * The projections' state as gauges, read from the token table and the dead-letter queue by
 * {@link ProjectionStatuses} (so segments another node claims, or none does, are measured too): per processor the
 * events parked as dead letters and how far its slowest segment is behind; per segment how far it is behind, whether
 * it is claimed and whether it is failing at its position. One reading serves a whole scrape.
 */
public class ProjectionMeters {

    private static final Logger log = LoggerFactory.getLogger(ProjectionMeters.class);
    private static final Duration FRESH_FOR = Duration.ofSeconds(2);

    private final ProjectionStatuses statuses;
    private final MeterRegistry registry;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private final Clock clock;
    private volatile Map<String, ProjectionStatus> reading = Map.of();
    private volatile Instant readAt = Instant.EPOCH;

    public ProjectionMeters(ProjectionStatuses statuses, MeterRegistry registry, Clock clock) {
        this.statuses = statuses;
        this.registry = registry;
        this.clock = clock;
    }

    /** Registers the gauges of every processor and segment known once the application runs. */
    @EventListener(ApplicationReadyEvent.class)
    public void registerKnown() {
        current();
    }

    private synchronized Map<String, ProjectionStatus> current() {
        if (Duration.between(readAt, clock.instant()).compareTo(FRESH_FOR) < 0) {
            return reading;
        }
        try {
            Map<String, ProjectionStatus> read = new ConcurrentHashMap<>();
            statuses.all().forEach(status -> read.put(status.name(), status));
            reading = read;
        } catch (RuntimeException e) {
            // The database may be down: the gauges show nothing new, and the database gauge says why.
            log.debug("projection gauges not read: {}", e.getMessage());
        }
        readAt = clock.instant();
        reading.values().forEach(this::register);
        return reading;
    }

    private void register(ProjectionStatus status) {
        String processor = status.name();
        if (registered.add(processor)) {
            Tags tags = Tags.of("processor", processor);
            gauge("quanli.dead.letters.parked", tags, "Events parked as dead letters", processor,
                    ProjectionStatus::parkedEvents);
            gauge("quanli.dead.letters.sequences", tags, "Sequences (aggregates) with parked dead letters",
                    processor, ProjectionStatus::parkedSequences);
            gauge("quanli.projection.behind", tags, "Events between the slowest segment and the head of the store",
                    processor, s -> s.behind() == null ? 0 : s.behind());
            gauge("quanli.projection.bulk", tags, "1 while a bulk run on this node (a rebuild, a catch-up or the"
                    + " follower) projects it instead of its processor", processor, s -> s.inBulkRun() ? 1 : 0);
        }
        for (SegmentStatus segment : status.segments()) {
            if (registered.add(processor + "/" + segment.segment())) {
                Tags tags = Tags.of("processor", processor, "segment", Integer.toString(segment.segment()));
                segmentGauge("quanli.projection.segment.behind", tags, "Events between the segment and the head",
                        processor, segment.segment(), SegmentStatus::behind);
                segmentGauge("quanli.projection.segment.claimed", tags, "1 while a node holds a live claim",
                        processor, segment.segment(), s -> s.claimed() ? 1 : 0);
                segmentGauge("quanli.projection.segment.erroring", tags, "1 while failing at its position",
                        processor, segment.segment(), s -> s.erroring() ? 1 : 0);
                segmentGauge("quanli.projection.segment.stuck", tags, "Seconds failing at one position",
                        processor, segment.segment(), s -> s.stuckFor() == null ? 0 : s.stuckFor().toSeconds());
            }
        }
    }

    private void gauge(String name, Tags tags, String description, String processor,
                       ToDoubleFunction<ProjectionStatus> value) {
        Gauge.builder(name, this, meters -> {
                    ProjectionStatus status = meters.current().get(processor);
                    return status == null ? Double.NaN : value.applyAsDouble(status);
                })
                .tags(tags).description(description).register(registry);
    }

    private void segmentGauge(String name, Tags tags, String description, String processor, int segment,
                              ToDoubleFunction<SegmentStatus> value) {
        Gauge.builder(name, this, meters -> {
                    ProjectionStatus status = meters.current().get(processor);
                    List<SegmentStatus> segments = status == null ? List.of() : status.segments();
                    return segments.stream().filter(s -> s.segment() == segment).findFirst()
                            .map(value::applyAsDouble).orElse(Double.NaN);
                })
                .tags(tags).description(description).register(registry);
    }
}
