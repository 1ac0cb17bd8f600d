package org.quanli.platform.db;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded PostgreSQL used when no {@code spring.datasource.url} is configured.
 *
 * @param enabled whether an application may start one at all (the separate sides may not)
 * @param dataDir where the cluster lives; it survives restarts. Blank: a throw-away directory (tests).
 * @param port    0 picks a free port
 * @param durable fsync and synchronous commit on; only tests turn this off, for speed
 */
@ConfigurationProperties("quanli.embedded-db")
public record EmbeddedDatabaseProperties(boolean enabled, String dataDir, int port, boolean durable) {
}
