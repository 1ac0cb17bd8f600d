package org.quanli.platform.messaging;

import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Parks a failing event whatever its handler did to the transaction. Axon's queue would write the letter in the
 * batch's transaction, which the failure has often aborted (PostgreSQL refuses every later statement) or marked
 * rollback-only: the letter was lost, the batch failed, and the segment retried the same event for ever.
 *
 * <p>Here a letter is written and committed in a transaction of its own. If the batch's transaction can no longer
 * commit, the batch is then stopped ({@link TransactionLeftUnusable}); the processor retries it from its last token,
 * and this time the parked event, and every later event of its sequence, is recognised as parked (by event id, so
 * that a retried batch parks nothing twice) and skipped: the segment moves on. Processing and retrying letters
 * ({@link #process}) goes to Axon's queue unchanged.
 */
public class ParkingDeadLetterQueue implements SequencedDeadLetterQueue<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(ParkingDeadLetterQueue.class);

    private final SequencedDeadLetterQueue<EventMessage<?>> queue;
    private final String processingGroup;
    private final TransactionTemplate ownTransaction;
    private final JdbcClient jdbc;
    private final TransactionHealth health;

    public ParkingDeadLetterQueue(SequencedDeadLetterQueue<EventMessage<?>> queue, String processingGroup,
                                  PlatformTransactionManager transactions, JdbcClient jdbc, TransactionHealth health) {
        this.queue = queue;
        this.processingGroup = processingGroup;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.jdbc = jdbc;
        this.health = health;
    }

    @Override
    public void enqueue(Object sequenceIdentifier, DeadLetter<? extends EventMessage<?>> letter) {
        ownTransaction.executeWithoutResult(tx -> {
            if (!parked(letter)) {
                queue.enqueue(sequenceIdentifier, letter);
                log.warn("event {} ({}) parked in {}: {}", letter.message().getIdentifier(),
                        letter.message().getPayloadType().getSimpleName(), processingGroup,
                        letter.cause().map(cause -> cause.message()).orElse("no cause recorded"));
            }
        });
        String unusable = health.unusable();
        if (unusable != null) {
            throw new TransactionLeftUnusable("Event " + letter.message().getIdentifier() + " is parked in "
                    + processingGroup + "; its batch is retried without it because " + unusable);
        }
    }

    @Override
    public boolean enqueueIfPresent(Object sequenceIdentifier,
                                    Supplier<DeadLetter<? extends EventMessage<?>>> letterBuilder) {
        // Asked before every event of a sequence not known to be absent: in the batch's transaction, which is usable
        // here (a handler that left it unusable has already stopped the batch), so that most events cost no
        // transaction of their own.
        if (health.unusable() == null && !queue.contains(sequenceIdentifier)) {
            return false;
        }
        Boolean present = ownTransaction.execute(tx -> {
            if (!queue.contains(sequenceIdentifier)) {
                return false;
            }
            DeadLetter<? extends EventMessage<?>> letter = letterBuilder.get();
            if (!parked(letter)) {
                queue.enqueue(sequenceIdentifier, letter);
                log.warn("event {} ({}) parked in {} behind an earlier letter of its sequence",
                        letter.message().getIdentifier(), letter.message().getPayloadType().getSimpleName(),
                        processingGroup);
            }
            return true;
        });
        return Boolean.TRUE.equals(present);
    }

    private boolean parked(DeadLetter<? extends EventMessage<?>> letter) {
        return jdbc.sql("select exists (select 1 from dead_letter_entry where processing_group = ? "
                        + "and event_identifier = ?)")
                .params(processingGroup, letter.message().getIdentifier()).query(Boolean.class).single();
    }

    @Override
    public void evict(DeadLetter<? extends EventMessage<?>> letter) {
        queue.evict(letter);
    }

    @Override
    public void requeue(DeadLetter<? extends EventMessage<?>> letter,
                        UnaryOperator<DeadLetter<? extends EventMessage<?>>> letterUpdater) {
        queue.requeue(letter, letterUpdater);
    }

    @Override
    public boolean contains(Object sequenceIdentifier) {
        return queue.contains(sequenceIdentifier);
    }

    @Override
    public Iterable<DeadLetter<? extends EventMessage<?>>> deadLetterSequence(Object sequenceIdentifier) {
        return queue.deadLetterSequence(sequenceIdentifier);
    }

    @Override
    public Iterable<Iterable<DeadLetter<? extends EventMessage<?>>>> deadLetters() {
        return queue.deadLetters();
    }

    @Override
    public boolean isFull(Object sequenceIdentifier) {
        return queue.isFull(sequenceIdentifier);
    }

    @Override
    public long size() {
        return queue.size();
    }

    @Override
    public long sequenceSize(Object sequenceIdentifier) {
        return queue.sequenceSize(sequenceIdentifier);
    }

    @Override
    public long amountOfSequences() {
        return queue.amountOfSequences();
    }

    @Override
    public boolean process(Predicate<DeadLetter<? extends EventMessage<?>>> sequenceFilter,
                           Function<DeadLetter<? extends EventMessage<?>>, EnqueueDecision<EventMessage<?>>> task) {
        return queue.process(sequenceFilter, task);
    }

    @Override
    public void clear() {
        queue.clear();
    }
}
