package org.quanli.query;

import java.time.Duration;

import javax.sql.DataSource;

import org.axonframework.config.EventProcessingConfigurer;
import org.quanli.platform.db.SchemaMigrations;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The query side's tables ({@code db/query}) and its projections. Every projection is a pooled streaming processor:
 * it reads the event store in batches, writes its rows and its token in one transaction, and spreads its segments
 * over however many query-side nodes are running.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QuerySideConfiguration.ProjectionProperties.class)
public class QuerySideConfiguration {

    /**
     * @param batchSize events per transaction
     * @param segments  how many parts each new projection's stream is split into, to share among nodes and threads;
     *                  by default one per core: more only multiply token traffic and idle claim extensions
     */
    @ConfigurationProperties("quanli.projections")
    public record ProjectionProperties(Integer batchSize, Integer segments) {
        public ProjectionProperties {
            batchSize = batchSize == null ? 100 : batchSize;
            segments = segments == null ? Runtime.getRuntime().availableProcessors() : segments;
        }
    }

    @Bean
    FlywayMigrationInitializer querySchema(DataSource dataSource) {
        return SchemaMigrations.of(dataSource, "query");
    }

    /**
     * An idle segment writes its claim again (a committed, fsync'd transaction) every claim-extension interval, and
     * each processor looks for unclaimed segments every claim interval: both a third of the claim timeout, so that a
     * claim never lapses while its node lives and a dead node's segments are taken over within one timeout.
     */
    @Autowired
    void projections(EventProcessingConfigurer processing, ProjectionProperties properties,
                     @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout) {
        long claimInterval = Math.max(1000, claimTimeout.toMillis() / 3);
        processing.usingPooledStreamingEventProcessors((configuration, builder) -> builder
                .batchSize(properties.batchSize())
                .initialSegmentCount(properties.segments())
                .maxClaimedSegments(properties.segments())
                .claimExtensionThreshold(claimInterval)
                .tokenClaimInterval(claimInterval));
    }
}
