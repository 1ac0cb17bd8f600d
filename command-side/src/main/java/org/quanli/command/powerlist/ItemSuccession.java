package org.quanli.command.powerlist;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.MetaData;
import org.quanli.command.powerlist.ItemDirectory.ListedItem;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.places.PlacesMessages.ImplementingBodyMerged;
import org.quanli.kernel.powerlist.PowerListMessages.PassItemToSuccessor;
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

    private final ItemDirectory items;
    private final CommandSender commands;
    /**
     * Commands sent from the handler's own thread would join the processor's unit of work and transaction: all of
     * a merger's items would then be written, or fail, as one. Sent from here, each is its own transaction.
     */
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> new Thread(r, "item-succession"));

    public ItemSuccession(ItemDirectory items, CommandSender commands) {
        this.items = items;
        this.commands = commands;
    }

    @EventHandler
    void on(ImplementingBodyMerged event, MetaData metaData) {
        Actor decidedBy = Actor.fromMetaData(metaData);
        List<String> open = items.openItemsOf(event.bodyId());
        if (open.isEmpty()) {
            return;
        }
        Future<?> passing = sender.submit(() -> open.forEach(itemId -> pass(itemId, event, decidedBy)));
        try {
            passing.get();
        } catch (ExecutionException e) {
            // The event is parked and retried; the items passed so far are skipped then.
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while passing the items of " + event.bodyId(), e);
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
