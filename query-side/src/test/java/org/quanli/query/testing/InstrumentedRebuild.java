package org.quanli.query.testing;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.quanli.platform.projections.BulkRebuild;
import org.quanli.platform.projections.BulkRuns;
import org.quanli.platform.projections.DeferredByBulkRebuild;
import org.quanli.platform.projections.RebuildIndexes;
import org.quanli.platform.projections.SegmentErrors;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** A bulk rebuild built from the application's parts, with a chunk size and catch-up work of a test's choosing. */
public final class InstrumentedRebuild {

    private InstrumentedRebuild() {
    }

    /** @param deferred what it has catch up at its end, in this order, instead of the application's */
    public static BulkRebuild of(ListableBeanFactory beans, int chunkSize, DeferredByBulkRebuild... deferred) {
        Map<String, Object> work = new LinkedHashMap<>();
        for (int i = 0; i < deferred.length; i++) {
            work.put("deferred" + i, deferred[i]);
        }
        return new BulkRebuild(beans.getBean(EventProcessingConfiguration.class), beans.getBean(Configuration.class),
                beans.getBean(TokenStore.class), beans.getBean(TransactionManager.class),
                beans.getBean(PlatformTransactionManager.class), beans.getBean(SegmentErrors.class), beans.getBean(JdbcClient.class), beans,
                new StaticListableBeanFactory(work).getBeanProvider(DeferredByBulkRebuild.class),
                beans.getBean(RebuildIndexes.class), beans.getBean(BulkRuns.class), chunkSize, beans.getBean(Environment.class)
                        .getProperty("axon.eventhandling.tokenstore.claim-timeout", Duration.class));
    }

    /** With the application's own catch-up work. */
    public static BulkRebuild of(ListableBeanFactory beans, int chunkSize) {
        return of(beans, chunkSize, beans.getBeanProvider(DeferredByBulkRebuild.class).orderedStream()
                .toArray(DeferredByBulkRebuild[]::new));
    }
}
