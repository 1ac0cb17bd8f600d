package org.quanli.platform.messaging;

import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.deadletter.jpa.JpaSequencedDeadLetterQueue;
import org.quanli.platform.projections.SegmentErrors;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * No event is ever skipped. Axon's default logs a failing handler and moves on, which would leave a projection
 * silently short of a row. Instead a failure propagates: in a subscribing (command-side lookup) processor it fails
 * the command and rolls back its events; in a streaming projection the event, and every later event of the same
 * aggregate, is parked in the PostgreSQL dead-letter queue until it is retried, so the projection is never ahead of
 * a failure in one aggregate's order. Parking works whatever the handler did to the transaction
 * ({@link ParkingDeadLetterQueue}). A failed batch is recorded against its segment ({@link SegmentErrors}) for the
 * status and health of every node, and then retried.
 *
 * <p>Each dead-lettering projection keeps Axon's cache of the sequences its segments have parked: a segment that
 * claimed an empty queue asks the queue only about sequences it parked itself, instead of once per event; otherwise
 * it remembers the sequences it found absent. Processes ({@link StreamingProcess}) ask the queue about every event.
 */
@Configuration(proxyBeanMethods = false)
public class ProcessingConfiguration {

    /** Processing groups whose name starts with this are command-side lookups: subscribing, no dead letters. */
    public static final String COMMAND_LOOKUP_PREFIX = "command-";

    @Autowired
    void neverSkipEvents(EventProcessingConfigurer processing, PlatformTransactionManager transactions,
                         JdbcClient jdbc, TransactionHealth health, SegmentErrors segmentErrors,
                        ListableBeanFactory beans) {
        processing.registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
        processing.registerDefaultErrorHandler(configuration -> segmentErrors);
        processing.registerDeadLetterQueueProvider(group -> group.startsWith(COMMAND_LOOKUP_PREFIX) ? null
                : configuration -> new ParkingDeadLetterQueue(JpaSequencedDeadLetterQueue.<EventMessage<?>>builder()
                        .processingGroup(group)
                        .entityManagerProvider(configuration.getComponent(EntityManagerProvider.class))
                        .transactionManager(configuration.getComponent(TransactionManager.class))
                        .serializer(configuration.serializer())
                        .build(), group, transactions, jdbc, health));
        for (String bean : beans.getBeanNamesForAnnotation(ProcessingGroup.class)) {
            ProcessingGroup group = beans.findAnnotationOnBean(bean, ProcessingGroup.class);
            if (group != null && !group.value().startsWith(COMMAND_LOOKUP_PREFIX)
                    && beans.findAnnotationOnBean(bean, StreamingProcess.class) == null) {
                processing.registerDeadLetteringEventHandlerInvokerConfiguration(group.value(),
                        (configuration, invoker) -> invoker.enableSequenceIdentifierCache());
            }
        }
    }
}
