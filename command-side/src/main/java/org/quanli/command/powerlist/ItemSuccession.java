package org.quanli.command.powerlist;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.quanli.command.powerlist.ItemDirectory.ListedItem;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemReceived;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemRestored;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.places.PlacesMessages.ImplementingBodyMerged;
import org.quanli.kernel.powerlist.PowerListMessages.PassItemToSuccessor;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemPassedToSuccessor;
import org.quanli.kernel.rules.RuleViolation;
import org.quanli.platform.messaging.CommandSender;
import org.quanli.platform.messaging.StreamingProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * When a body is merged, its open items pass to the successor, each by its own command, in the name of whoever
 * decided the merger and by the merger's document. A streaming processor with its token in the store runs it, so a
 * merger of a body with hundreds of items is one small event and each item passes, or fails, on its own.
 * <p>
 * A merger first waits until the decisions recorded before it are in their items ({@link EarlierDecisions}), so that
 * a devolution or recall decided earlier reaches an item while the merged body still holds it. Items can still
 * reach a body after its merger: a delegation's receivers' items are made after the source item records it, an item
 * passed to a successor merged since arrives there, and a decision parked and retried arrives late. Those arrivals
 * (received, restored, passed on) are followed here too: an open item landing at a merged body passes on by that
 * body's merger, no earlier than it arrived.
 * <p>
 * Safe to run again (a replay, a retry after a crash before the token moved): an item no longer held by the merged
 * body is skipped, and nothing can be drafted for a merged body once the merger is recorded.
 */
@Component
@StreamingProcess
@ProcessingGroup(ItemSuccession.PROCESSING_GROUP)
public class ItemSuccession implements DisposableBean {

    /** Not a command-side lookup: streaming, with dead letters (see ProcessingConfiguration). */
    public static final String PROCESSING_GROUP = "body-item-succession";

    private static final Logger log = LoggerFactory.getLogger(ItemSuccession.class);

    /** How long a merger waits for earlier decisions to reach its items before it is parked and retried later. */
    private static final Duration EARLIER_DECISIONS_WAIT = Duration.ofMinutes(2);

    private final ItemDirectory items;
    private final EarlierDecisions earlierDecisions;
    private final CommandSender commands;
    /**
     * Commands sent from the handler's own thread would join the processor's unit of work and transaction: all of
     * a merger's items would then be written, or fail, as one. Sent from here, each is its own transaction.
     */
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> new Thread(r, "item-succession"));

    public ItemSuccession(ItemDirectory items, EarlierDecisions earlierDecisions, CommandSender commands) {
        this.items = items;
        this.earlierDecisions = earlierDecisions;
        this.commands = commands;
    }

    @EventHandler
    void on(ImplementingBodyMerged event, EventMessage<?> message) {
        // The message, not its token as a parameter: Axon calls a handler taking a token only for a tracked message.
        awaitEarlierDecisions(event, message instanceof TrackedEventMessage<?> tracked ? tracked.trackingToken() : null);
        List<String> open = items.openItemsOf(event.bodyId());
        if (!open.isEmpty()) {
            Actor decidedBy = Actor.fromMetaData(message.getMetaData());
            send(() -> open.forEach(itemId -> pass(itemId, event, decidedBy)));
        }
    }

    // The arrival handlers take only an item that arrived at a merged body (ArrivedAtMergedBody): the processor
    // passes every other arrival by without a batch.

    @EventHandler
    void on(PowerItemRestored event, @ArrivedAtMergedBody BodyMerger merger) {
        passOn(event.itemId(), merger);
    }

    @EventHandler
    void on(PowerItemReceived event, @ArrivedAtMergedBody BodyMerger merger) {
        passOn(event.itemId(), merger);
    }

    @EventHandler
    void on(PowerItemPassedToSuccessor event, @ArrivedAtMergedBody BodyMerger merger) {
        passOn(event.itemId(), merger);
    }

    /**
     * A delegation or recall recorded before the merger must reach the merged body's items first. Passed on before
     * it, an item could not take a devolution whose effective date precedes the passing, and a recall would give a
     * devolved item back to the merged body after its items had gone (that case {@link #passOn} mends).
     */
    private void awaitEarlierDecisions(ImplementingBodyMerged event, TrackingToken position) {
        if (position == null || position.position().isEmpty()) {
            return; // a merger retried from the dead letters: minutes later, long after the decisions before it
        }
        long deadline = System.nanoTime() + EARLIER_DECISIONS_WAIT.toNanos();
        while (!earlierDecisions.carriedOutUpTo(position.position().getAsLong())) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("decisions recorded before the merger of " + event.bodyId()
                        + " are not yet in their items after " + EARLIER_DECISIONS_WAIT + "; the merger is retried");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the merger of " + event.bodyId() + " waited", e);
            }
        }
    }

    /**
     * An item that arrived at a body already merged passes on by that merger, in the name of whoever decided it (the
     * item takes the later of the merger's date and its own last decision's, see PowerItem).
     */
    private void passOn(String itemId, BodyMerger merger) {
        send(() -> pass(itemId, merger.merger(), merger.decidedBy()));
    }

    /** Runs the passing on the sender's thread, each command its own transaction, and waits for it. */
    private void send(Runnable passing) {
        try {
            sender.submit(passing).get();
        } catch (ExecutionException e) {
            // The event is parked and retried; the items passed so far are skipped then.
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while passing items on", e);
        }
    }

    private void pass(String itemId, ImplementingBodyMerged event, Actor decidedBy) {
        ListedItem item = items.item(itemId).orElse(null);
        if (item == null || !item.bodyId().equals(event.bodyId()) || item.listStatus().ended()) {
            return;
        }
        try {
            commands.send(new PassItemToSuccessor(itemId, event.successorBodyId(), event.decision()), decidedBy);
        } catch (RuleViolation e) {
            // Ended meanwhile, or passed meanwhile by another run: nothing is left to pass. Any other refusal is a
            // defect and must not leave the item behind silently.
            if (!e.rule().equals("item-ended") && !e.rule().equals("successor-differs")) {
                throw e;
            }
            log.info("item {} not passed to {}: {}", itemId, event.successorBodyId(), e.getMessage());
        }
    }

    @Override
    public void destroy() {
        sender.shutdownNow();
    }
}
