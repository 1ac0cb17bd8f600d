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
 * back on. The cluster is guarded by {@link ClusterGuard}: password logins only, and a postmaster orphaned by a killed
 * ledger is stopped before the next start.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty() and ${quanli.embedded-db.enabled:true}")
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
public class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    /** Where the cluster lives and the superuser's password kept there. */
    public record EmbeddedCluster(Path dataDirectory, String password) {
    }

    @Bean
    EmbeddedCluster embeddedCluster(EmbeddedDatabaseProperties properties) throws IOException {
        Path dataDir;
        if (properties.dataDir() != null && !properties.dataDir().isBlank()) {
            dataDir = Path.of(properties.dataDir()).toAbsolutePath();
            Files.createDirectories(dataDir.getParent());
            log.info("Embedded PostgreSQL keeps its data in {}", dataDir);
        } else {
            dataDir = Files.createTempDirectory("quanli-pg");
        }
        return new EmbeddedCluster(dataDir, ClusterGuard.passwordFor(dataDir));
    }

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties, EmbeddedCluster cluster)
            throws IOException {
        Path binaries = zonkyWorkingDirectory();
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(cluster.dataDirectory())
                // A throw-away directory (tests) is removed on close; a configured one is the user's ledger.
                .setCleanDataDirectory(properties.dataDir() == null || properties.dataDir().isBlank())
                .setOverrideWorkingDirectory(binaries.toFile())
                .setPgBinaryResolver(ClusterGuard.Binaries.INSTANCE)
                .setDataDirectoryCustomizer(new ClusterGuard(binaries, cluster.password()))
                .setConnectConfig("password", cluster.password())
                // Stopped when the context closes, after the processors have stored their tokens and released their
                // claims and the pool has closed. Zonky's own JVM hook ran alongside Spring's and stopped the server
                // under a context still closing: every processor then waited out Axon's shutdown phase and the pool
                // its closing for a connection that could not come, about ten seconds a context.
                .setRegisterShutdownHook(false);
        if (properties.port() > 0) {
            builder.setPort(properties.port());
        }
        builder.setServerConfig("max_connections", "100");
        properties.settings().forEach(builder::setServerConfig);
        String onOff = properties.durable() ? "on" : "off";
        builder.setServerConfig("fsync", onOff)
                .setServerConfig("synchronous_commit", onOff)
                .setServerConfig("full_page_writes", onOff);
        EmbeddedPostgres postgres = builder.start();
        log.info("Embedded PostgreSQL listening on port {} (durable: {})", postgres.getPort(), properties.durable());
        return postgres;
    }

    /** Where zonky unpacks its binaries by default; given to it explicitly so that {@link ClusterGuard} finds them. */
    private static Path zonkyWorkingDirectory() {
        return Path.of(System.getProperty("ot.epg.working-dir",
                Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toString()));
    }

    @Bean
    DataSource dataSource(EmbeddedPostgres postgres, EmbeddedCluster cluster) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl(ClusterGuard.SUPERUSER, "postgres"));
        dataSource.setUsername(ClusterGuard.SUPERUSER);
        dataSource.setPassword(cluster.password());
        dataSource.setMaximumPoolSize(20);
        dataSource.setPoolName("quanli-embedded");
        // A JDBC batch of inserts (projections write theirs per batch of events) goes out as multi-row inserts.
        dataSource.addDataSourceProperty("reWriteBatchedInserts", "true");
        return dataSource;
    }
}
