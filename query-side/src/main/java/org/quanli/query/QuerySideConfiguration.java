package org.quanli.query;

import javax.sql.DataSource;

import org.axonframework.config.EventProcessingConfigurer;
import org.quanli.platform.db.SchemaMigrations;
import org.springframework.beans.factory.annotation.Autowired;
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
     * @param segments  how many parts each projection's stream is split into, to share among nodes and threads
     */
    @ConfigurationProperties("quanli.projections")
    public record ProjectionProperties(Integer batchSize, Integer segments) {
        public ProjectionProperties {
            batchSize = batchSize == null ? 100 : batchSize;
            segments = segments == null ? 4 : segments;
        }
    }

    @Bean
    FlywayMigrationInitializer querySchema(DataSource dataSource) {
        return SchemaMigrations.of(dataSource, "query");
    }

    @Autowired
    void projections(EventProcessingConfigurer processing, ProjectionProperties properties) {
        processing.usingPooledStreamingEventProcessors((configuration, builder) -> builder
                .batchSize(properties.batchSize())
                .initialSegmentCount(properties.segments())
                .maxClaimedSegments(properties.segments()));
    }
}
