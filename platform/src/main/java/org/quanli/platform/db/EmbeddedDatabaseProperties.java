package org.quanli.platform.db;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded PostgreSQL used when no {@code spring.datasource.url} is configured.
 *
 * @param enabled whether an application may start one at all (the separate sides may not)
 * @param dataDir where the cluster lives; it survives restarts. Blank: a throw-away directory (tests).
 * @param port    0 picks a free port
 * @param durable  fsync and synchronous commit on; only tests turn this off, for speed
 * @param settings further server settings by their postgresql.conf names ({@code shared_buffers}, or
 *                 {@code shared_preload_libraries} for {@code pg_stat_statements}); they cannot override
 *                 {@code durable}
 */
@ConfigurationProperties("quanli.embedded-db")
public record EmbeddedDatabaseProperties(boolean enabled, String dataDir, int port, boolean durable,
                                         Map<String, String> settings) {

    public EmbeddedDatabaseProperties {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }
}
