package org.quanli.platform.storage;

import javax.sql.DataSource;

import org.quanli.platform.db.SchemaMigrations;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's event store, token store, saga store and dead-letter queue live in PostgreSQL, in tables this module
 * migrates (see {@code db/axon}) and maps to bytea ({@code META-INF/quanli-axon-orm.xml}).
 */
@Configuration(proxyBeanMethods = false)
public class AxonStorageConfiguration {

    @Bean
    FlywayMigrationInitializer axonSchema(DataSource dataSource) {
        return SchemaMigrations.of(dataSource, "axon");
    }
}
