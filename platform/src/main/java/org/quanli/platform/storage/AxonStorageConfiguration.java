package org.quanli.platform.storage;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import javax.sql.DataSource;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.springboot.util.RegisterDefaultEntities;
import org.quanli.platform.db.SchemaMigrations;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Axon's event store, token store, saga store and dead-letter queue live in PostgreSQL, in tables this module
 * migrates (see {@code db/axon}) and maps to bytea ({@code META-INF/quanli-axon-orm.xml}); the tokens and the
 * events' appends are written over JDBC, the rest through JPA.
 */
// Axon registers its event entities only with its own storage engine, which this one replaces.
@RegisterDefaultEntities(packages = "org.axonframework.eventsourcing.eventstore.jpa")
@Configuration(proxyBeanMethods = false)
public class AxonStorageConfiguration {

    /** Who this node is in the token table's owner column: Axon's default, the JVM's {@code pid@host}. */
    public static final String NODE_ID = ManagementFactory.getRuntimeMXBean().getName();

    @Bean
    FlywayMigrationInitializer axonSchema(DataSource dataSource) {
        return SchemaMigrations.of(dataSource, "axon");
    }

    /**
     * Axon's JPA storage as its auto-configuration builds it, in {@link LedgerEventStorageEngine}; the tail is read
     * {@code quanli.projections.linger} after a commit, and events are appended over JDBC.
     */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            @Qualifier("eventSerializer") Serializer eventSerializer, org.axonframework.config.Configuration axon,
            EntityManagerProvider entityManagerProvider, TransactionManager transactionManager,
            @Value("${quanli.projections.linger:20ms}") Duration tailLinger, JdbcTemplate jdbc) {
        return new LedgerEventStorageEngine(JpaEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(axon.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(axon.snapshotFilter())
                .entityManagerProvider(entityManagerProvider), tailLinger, jdbc, transactionManager);
    }

    /**
     * Axon's token store over JDBC, on the table the JPA store used and in the same transaction as a projection's
     * rows: Hibernate translates every HQL update anew (it keeps no plan of a mutation), and the JPA store's token
     * update, once per batch and segment, and its claim renewals are HQL updates.
     */
    @Bean
    TokenStore tokenStore(DataSource dataSource, Serializer serializer,
            @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout) {
        return JdbcTokenStore.builder()
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(
                        new SpringDataSourceConnectionProvider(dataSource)))
                .schema(TokenSchema.builder().setTokenTable("token_entry").setProcessorNameColumn("processor_name")
                        .setSegmentColumn("segment").setTokenColumn("token").setTokenTypeColumn("token_type")
                        .setTimestampColumn("timestamp").setOwnerColumn("owner").build())
                .serializer(serializer)
                .contentType(byte[].class)
                .claimTimeout(claimTimeout)
                .nodeId(NODE_ID)
                .build();
    }
}
