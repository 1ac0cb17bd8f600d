package org.quanli.platform.db;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;

/**
 * Each part of the system owns its tables and migrates them with its own Flyway history: Axon's storage
 * ({@code db/axon}), the command side's lookup tables ({@code db/command}) and the query side's projections
 * ({@code db/query}). Separate histories let the two sides run as separate applications against one database,
 * each applying only what it owns, in any start order. Spring Boot makes JPA wait for every initializer.
 */
public final class SchemaMigrations {

    private SchemaMigrations() {
    }

    public static FlywayMigrationInitializer of(DataSource dataSource, String module) {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/" + module)
                .table("flyway_history_" + module)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
        return new FlywayMigrationInitializer(flyway);
    }
}
