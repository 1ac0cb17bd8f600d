package org.quanli.platform.replica;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.axonframework.queryhandling.QueryBus;
import org.quanli.platform.projections.ProjectionStatuses;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A query node's reads from a PostgreSQL streaming replica ({@code quanli.read-replica.url}), its writes to the
 * primary: the application's data source becomes a routing one that hands a read-only transaction a connection to
 * the replica and everything else (projection writes, tokens, dead letters, migrations) one to the primary, and
 * every query runs in a read-only transaction ({@link ReplicaQueries}). How far the replica is behind is in the
 * {@code readReplica} health and the {@code quanli.read.replica.*} meters.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${quanli.read-replica.url:}'.isEmpty()")
@EnableConfigurationProperties(ReadReplicaProperties.class)
public class ReadReplicaConfiguration {

    @Bean(destroyMethod = "close")
    ReplicaPool readReplicaPool(ReadReplicaProperties properties) {
        return ReplicaPool.open(properties);
    }

    /** The application's data source, wrapped: read-only transactions go to the replica. */
    @Bean
    static BeanPostProcessor readReplicaRouting(ObjectProvider<ReplicaPool> pool) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if ("dataSource".equals(name) && bean instanceof DataSource primary
                        && !(bean instanceof LazyConnectionDataSourceProxy)) {
                    LazyConnectionDataSourceProxy routing = new LazyConnectionDataSourceProxy(primary);
                    routing.setReadOnlyDataSource(pool.getObject().dataSource());
                    return routing;
                }
                return bean;
            }
        };
    }

    @Bean
    ReadReplica readReplica(ReplicaPool pool, JdbcClient jdbc, ProjectionStatuses statuses) {
        return new ReadReplica(pool, jdbc, statuses);
    }

    @Bean
    ReplicaQueries replicaQueries(QueryBus queryBus, ReadReplica replica, ProjectionStatuses statuses,
                                  PlatformTransactionManager transactions, ReadReplicaProperties properties) {
        TransactionTemplate readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
        // A transaction of its own: the query bus has already begun one (read-write, and so on the primary), which a
        // joining read-only one would stay in. The outer one runs no statement, so it never takes a connection.
        readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        ReplicaQueries queries = new ReplicaQueries(replica, statuses, readOnly, properties.maxWait());
        queryBus.registerHandlerInterceptor(queries);
        return queries;
    }

    /** UP with how far the replica is behind; DOWN when it cannot be read. */
    @Bean
    HealthIndicator readReplicaHealthIndicator(ReadReplica replica) {
        return () -> {
            try {
                ReadReplica.Lag lag = replica.lag();
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("eventsBehind", lag.eventsBehind());
                details.put("walBytesBehind", lag.walBytesBehind());
                details.put("lastReplayedAt", lag.lastReplayedAt());
                return Health.up().withDetails(details).build();
            } catch (RuntimeException e) {
                return Health.down().withDetail("error", String.valueOf(e.getMessage())).build();
            }
        };
    }

    @Bean
    MeterBinder readReplicaMeters(ReadReplica replica) {
        return registry -> {
            Gauge.builder("quanli.read.replica.events.behind", replica,
                            r -> r.lag().eventsBehind())
                    .description("events recorded on the primary and not yet replayed on the read replica")
                    .register(registry);
            Gauge.builder("quanli.read.replica.wal.bytes.behind", replica,
                            r -> r.lag().walBytesBehind())
                    .description("write-ahead log the read replica has yet to replay").register(registry);
        };
    }
}
