package org.quanli.command;

import javax.sql.DataSource;

import org.axonframework.config.EventProcessingConfigurer;
import org.quanli.command.places.JdbcPlaceDirectory;
import org.quanli.command.powerlist.CodeFormats;
import org.quanli.command.powerlist.JdbcItemDirectory;
import org.quanli.platform.db.SchemaMigrations;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The command side's own tables ({@code db/command}) and its lookup processors. Lookups that checks across
 * aggregates rely on are kept by subscribing processors: they run in the transaction that appends the events,
 * so a lookup row exists exactly when its event does.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CodeFormats.class)
public class CommandSideConfiguration {

    @Bean
    FlywayMigrationInitializer commandSchema(DataSource dataSource) {
        return SchemaMigrations.of(dataSource, "command");
    }

    @Autowired
    void subscribingLookups(EventProcessingConfigurer processing) {
        processing.registerSubscribingEventProcessor(JdbcPlaceDirectory.PROCESSING_GROUP);
        processing.registerSubscribingEventProcessor(JdbcItemDirectory.PROCESSING_GROUP);
    }
}
