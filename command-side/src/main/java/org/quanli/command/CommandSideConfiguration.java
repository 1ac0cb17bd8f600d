package org.quanli.command;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.EventProcessingConfigurer;
import org.quanli.command.places.JdbcPlaceDirectory;
import org.quanli.command.powerlist.CodeFormats;
import org.quanli.command.powerlist.JdbcItemDirectory;
import org.quanli.platform.db.SchemaMigrations;
import org.quanli.platform.storage.CheckedAggregateCache;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The command side's own tables ({@code db/command}) and its lookup processors. Lookups that checks across
 * aggregates rely on are kept by subscribing processors: they run in the transaction that appends the events,
 * so a lookup row exists exactly when its event does.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CodeFormats.class)
public class CommandSideConfiguration {

    /** The bean the aggregates name in {@code @Aggregate(cache = …)}. */
    public static final String AGGREGATE_CACHE = "aggregateCache";

    @Bean
    FlywayMigrationInitializer commandSchema(DataSource dataSource) {
        return SchemaMigrations.of(dataSource, "command");
    }

    /**
     * The aggregates this node loaded last, checked against the store at every use ({@link CheckedAggregateCache}).
     * Every aggregate uses it but the complaint, whose state holds the complainant's personal data in clear.
     */
    @Bean(AGGREGATE_CACHE)
    Cache aggregateCache(JdbcTemplate jdbc, MeterRegistry meters,
                         @Value("${quanli.commands.aggregate-cache:10000}") int capacity) {
        return new CheckedAggregateCache(capacity, jdbc, meters);
    }

    @Autowired
    void subscribingLookups(EventProcessingConfigurer processing) {
        processing.registerSubscribingEventProcessor(JdbcPlaceDirectory.PROCESSING_GROUP);
        processing.registerSubscribingEventProcessor(JdbcItemDirectory.PROCESSING_GROUP);
    }
}
