package org.quanli.command.delegation;

import java.util.Collection;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.quanli.command.places.DelegationsUnderway;
import org.quanli.kernel.delegation.DelegationMessages.DelegatedItem;
import org.quanli.kernel.delegation.DelegationMessages.DelegationDecided;
import org.quanli.kernel.delegation.DelegationMessages.DelegationRecalled;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemDelegationRefused;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemReceived;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemRestored;
import org.quanli.kernel.delegation.DelegationMessages.Receiver;
import org.quanli.kernel.delegation.DelegationMode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the delegation process has still to carry into the items, kept with the delegation directory in the
 * transactions that record a decision or a recall (a row per receiver's item to make, per devolved item to give
 * back) and that carry it out or record that an item refused it (the row goes).
 */
@Component
@ProcessingGroup(JdbcAcceptanceAuthority.PROCESSING_GROUP)
class JdbcDelegationsUnderway implements DelegationsUnderway {

    private final JdbcClient jdbc;

    JdbcDelegationsUnderway(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(DelegationDecided event) {
        // Every receiver gets its own item of every source item: one statement however many.
        jdbc.sql("""
                insert into delegation_underway (delegation_id, item_id, body_id, effect)
                select ?, i, r, 'RECEIVE' from unnest(?::varchar[]) i cross join unnest(?::varchar[]) r
                on conflict do nothing""")
                .params(event.delegationId(), event.items().stream().map(DelegatedItem::itemId).toArray(String[]::new),
                        event.receivers().stream().map(Receiver::bodyId).toArray(String[]::new))
                .update();
    }

    @EventHandler
    void on(PowerItemReceived event) {
        jdbc.sql("""
                delete from delegation_underway
                where delegation_id = ? and item_id = ? and body_id = ? and effect = 'RECEIVE'""")
                .params(event.delegationId(), event.sourceItemId(), event.bodyId()).update();
    }

    @EventHandler
    void on(DelegationRecalled event) {
        // A receiver's item made after the recall is recalled as it is made: it will hold nothing. This is also how
        // a decision that cannot be carried out (its source item no longer in force) stops holding its receivers.
        jdbc.sql("delete from delegation_underway where delegation_id = ? and effect = 'RECEIVE'")
                .param(event.delegationId()).update();
        if (event.mode() != DelegationMode.DEVOLVE) {
            return; // only a devolution takes the item from its body; the others leave it where it was
        }
        // An item that refused the delegation was never devolved by it.
        jdbc.sql("""
                insert into delegation_underway (delegation_id, item_id, body_id, effect)
                select ?, i, b, 'RESTORE' from unnest(?::varchar[], ?::varchar[]) as t(i, b)
                where not exists (select 1 from delegation_refused_item r
                                  where r.delegation_id = ? and r.item_id = t.i)
                on conflict do nothing""")
                .params(event.delegationId(), event.items().stream().map(DelegatedItem::itemId).toArray(String[]::new),
                        event.items().stream().map(DelegatedItem::bodyId).toArray(String[]::new),
                        event.delegationId())
                .update();
    }

    /**
     * The source item would not take the delegation: no receiver gets an item of it, and its body gets nothing back
     * from a recall, recorded before this or after.
     */
    @EventHandler
    void on(PowerItemDelegationRefused event) {
        jdbc.sql("delete from delegation_underway where delegation_id = ? and item_id = ?")
                .params(event.delegationId(), event.itemId()).update();
        jdbc.sql("insert into delegation_refused_item (delegation_id, item_id) values (?, ?) on conflict do nothing")
                .params(event.delegationId(), event.itemId()).update();
    }

    @EventHandler
    void on(PowerItemRestored event) {
        jdbc.sql("delete from delegation_underway where delegation_id = ? and item_id = ? and effect = 'RESTORE'")
                .params(event.delegationId(), event.itemId()).update();
    }

    @Override
    public List<String> underwayFor(Collection<String> bodyIds) {
        return jdbc.sql("select distinct delegation_id from delegation_underway where body_id = any(?) order by 1")
                .param(bodyIds.toArray(String[]::new)).query(String.class).list();
    }
}
