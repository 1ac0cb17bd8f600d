package org.quanli.platform.integrity;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The verifiable ledger on every node: the tree's store, the signing key, the sealer (when this node takes part; a
 * claim lets one node seal at a time), the checkpoint export and the scheduled verification.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LedgerProperties.class)
public class LedgerConfiguration {

    @Bean
    TreeStore ledgerTree(JdbcTemplate jdbc) {
        return new TreeStore(jdbc);
    }

    @Bean
    LedgerKeys ledgerKeys(LedgerProperties properties) {
        return properties.keyFile() == null || properties.keyFile().isBlank() ? LedgerKeys.generate()
                : LedgerKeys.loadOrCreate(Path.of(properties.keyFile()));
    }

    @Bean
    LedgerSealer ledgerSealer(JdbcTemplate jdbc, TreeStore tree, LedgerKeys keys, ObjectProvider<CheckpointSink> sinks,
                              TransactionTemplate transactions, LedgerProperties properties, Clock clock) {
        return new LedgerSealer(jdbc, tree, keys, sinks.orderedStream().toList(), transactions, properties, clock);
    }

    @Bean
    PeriodicTask ledgerSealing(LedgerSealer sealer, LedgerProperties properties) {
        return new PeriodicTask("ledger-sealer", Duration.ZERO,
                properties.sealer() ? properties.sealInterval() : Duration.ZERO, sealer::sealAvailable);
    }

    @Bean
    HealthIndicator ledgerHealthIndicator(LedgerVerification verification) {
        return verification::health;
    }

    @Bean
    PeriodicTask ledgerVerifying(LedgerVerification verification, LedgerProperties properties) {
        return new PeriodicTask("ledger-verification", properties.verificationInterval(),
                properties.verificationInterval(), verification::verifyNow);
    }

    @Bean
    @ConditionalOnExpression("!'${quanli.ledger.export-file:}'.isBlank()")
    CheckpointSink ledgerExportFile(LedgerProperties properties) {
        return new FileCheckpointSink(Path.of(properties.exportFile()));
    }

    @Bean
    LedgerVerification ledgerVerification(DataSource dataSource, LedgerKeys keys, LedgerProperties properties,
                                          ObjectProvider<CheckpointSink> sinks, JdbcTemplate jdbc, Clock clock) {
        List<FileCheckpointSink> files = sinks.orderedStream().filter(FileCheckpointSink.class::isInstance)
                .map(FileCheckpointSink.class::cast).toList();
        return new LedgerVerification(dataSource, keys, properties, files.isEmpty() ? null : files.get(0).file(), jdbc,
                clock);
    }
}
