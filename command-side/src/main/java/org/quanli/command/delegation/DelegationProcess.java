package org.quanli.command.delegation;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.MetaData;
import org.quanli.command.powerlist.ItemDirectory;
import org.quanli.kernel.decision.Decision;
import org.quanli.kernel.delegation.DelegationMessages.DelegatePowerItem;
import org.quanli.kernel.delegation.DelegationMessages.DelegatedItem;
import org.quanli.kernel.delegation.DelegationMessages.DelegationDecided;
import org.quanli.kernel.delegation.DelegationMessages.DelegationRecalled;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemDelegated;
import org.quanli.kernel.delegation.DelegationMessages.ReceiveDelegatedItem;
import org.quanli.kernel.delegation.DelegationMessages.RecallReceivedItem;
import org.quanli.kernel.delegation.DelegationMessages.Receiver;
import org.quanli.kernel.delegation.DelegationMessages.RestoreDevolvedItem;
import org.quanli.kernel.delegation.DelegationMode;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.powerlist.ListStatus;
import org.quanli.platform.messaging.CommandSender;
import org.quanli.platform.messaging.StreamingProcess;
import org.springframework.stereotype.Component;

import static org.quanli.kernel.delegation.DelegationMessages.receivedItemId;

/**
 * Carries a delegation decision into the items, one aggregate at a time, as the actor who decided it: each source
 * item records the delegation, then each receiver gets its own item from the source's content; a recall ends the
 * receivers' items and gives devolved items back. It runs as a streaming processor with its own token, so a decision
 * over many items is not one huge transaction, a failure parks the event in the dead-letter queue instead of losing
 * it, and running it again creates nothing twice (received item ids are derived, not random).
 */
@Component
@StreamingProcess
@ProcessingGroup(DelegationProcess.PROCESSING_GROUP)
class DelegationProcess {

    static final String PROCESSING_GROUP = "delegation-process";

    private final CommandSender commands;
    private final ItemDirectory items;
    private final DelegationRecalls recalls;

    DelegationProcess(CommandSender commands, ItemDirectory items, DelegationRecalls recalls) {
        this.commands = commands;
        this.items = items;
        this.recalls = recalls;
    }

    @EventHandler
    void on(DelegationDecided event, MetaData metaData) {
        Actor decidedBy = Actor.fromMetaData(metaData);
        for (DelegatedItem item : event.items()) {
            commands.send(new DelegatePowerItem(item.itemId(), event.delegationId(), event.mode(), event.receivers(),
                    event.transitionEnd(), event.decision()), decidedBy);
        }
    }

    @EventHandler
    void on(PowerItemDelegated event, MetaData metaData) {
        Actor decidedBy = Actor.fromMetaData(metaData);
        // A recall recorded before this delegation was carried out found none of these receivers' items: each one
        // made here is ended by that recall at once, and a devolved source item is given back.
        Optional<Decision> recall = recalls.recall(event.delegationId());
        // Which receivers' items exist already (a replay, a retry), asked once for all of them.
        Set<String> existing = items.existing(event.receivers().stream()
                .map(receiver -> receivedItemId(event.delegationId(), event.itemId(), receiver.bodyId())).toList());
        for (Receiver receiver : event.receivers()) {
            String received = receivedItemId(event.delegationId(), event.itemId(), receiver.bodyId());
            if (!existing.contains(received)) {
                commands.send(new ReceiveDelegatedItem(received, event.itemId(), event.bodyId(), event.delegationId(),
                        event.mode(), receiver.bodyId(), event.content(), event.decision()), decidedBy);
                recall.ifPresent(decision ->
                        commands.send(new RecallReceivedItem(received, event.delegationId(), decision), decidedBy));
            }
        }
        recall.ifPresent(decision -> recall(event.itemId(), event.mode(), event.receivers(), event.delegationId(),
                decision, decidedBy));
    }

    @EventHandler
    void on(DelegationRecalled event, MetaData metaData) {
        Actor recalledBy = Actor.fromMetaData(metaData);
        for (DelegatedItem item : event.items()) {
            recall(item.itemId(), event.mode(), event.receivers(), event.delegationId(), event.decision(), recalledBy);
        }
    }

    /** Ends the receivers' items of one source item that still stand and gives a devolved source item back. */
    private void recall(String itemId, DelegationMode mode, List<Receiver> receivers, String delegationId,
                        Decision recall, Actor recalledBy) {
        for (Receiver receiver : receivers) {
            String received = receivedItemId(delegationId, itemId, receiver.bodyId());
            boolean stillHeld = items.item(received).map(i -> !i.listStatus().ended()).orElse(false);
            if (stillHeld) {
                commands.send(new RecallReceivedItem(received, delegationId, recall), recalledBy);
            }
        }
        boolean devolved = items.item(itemId).map(i -> i.listStatus() == ListStatus.DEVOLVED).orElse(false);
        if (mode == DelegationMode.DEVOLVE && devolved) {
            commands.send(new RestoreDevolvedItem(itemId, delegationId, recall), recalledBy);
        }
    }
}
