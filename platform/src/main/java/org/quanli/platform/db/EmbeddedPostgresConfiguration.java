package org.quanli.platform.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a real PostgreSQL from Maven-shipped binaries when no database is configured. zonky defaults to fsync off
 * and asynchronous commit, which is fine for tests and wrong for a ledger someone keeps: {@code durable} turns both
 * back on.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty() and ${quanli.embedded-db.enabled:true}")
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
public class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (properties.dataDir() != null && !properties.dataDir().isBlank()) {
            Path dataDir = Path.of(properties.dataDir()).toAbsolutePath();
            Files.createDirectories(dataDir.getParent());
            builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
            log.info("Embedded PostgreSQL keeps its data in {}", dataDir);
        }
        if (properties.port() > 0) {
            builder.setPort(properties.port());
        }
        String onOff = properties.durable() ? "on" : "off";
        builder.setServerConfig("fsync", onOff)
                .setServerConfig("synchronous_commit", onOff)
                .setServerConfig("full_page_writes", onOff)
                .setServerConfig("max_connections", "100");
        EmbeddedPostgres postgres = builder.start();
        log.info("Embedded PostgreSQL listening on port {} (durable: {})", postgres.getPort(), properties.durable());
        return postgres;
    }

    @Bean
    DataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setPassword("postgres");
        dataSource.setMaximumPoolSize(20);
        dataSource.setPoolName("quanli-embedded");
        return dataSource;
    }
}
