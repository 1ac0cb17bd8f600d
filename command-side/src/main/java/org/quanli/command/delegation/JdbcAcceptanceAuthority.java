package org.quanli.command.delegation;

import java.time.LocalDate;
import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.quanli.kernel.decision.Decision;
import org.quanli.command.powerlist.ItemDirectory;
import org.quanli.kernel.delegation.AcceptanceCapacity;
import org.quanli.kernel.delegation.DelegationMessages.DelegatedItem;
import org.quanli.kernel.delegation.DelegationMessages.DelegationDecided;
import org.quanli.kernel.delegation.DelegationMessages.DelegationRecalled;
import org.quanli.kernel.delegation.DelegationMessages.HandoverRecorded;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemDelegationRefused;
import org.quanli.kernel.delegation.DelegationMessages.Receiver;
import org.quanli.kernel.delegation.DelegationMessages.TransitionArranged;
import org.quanli.kernel.delegation.DelegationMode;
import org.quanli.platform.messaging.ProcessingConfiguration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The acceptance check over the item holdings and the delegations' transition arrangements, both kept by subscribing
 * processors in the appending transaction, so the answer never lags the decisions.
 */
@Component
@ProcessingGroup(JdbcAcceptanceAuthority.PROCESSING_GROUP)
class JdbcAcceptanceAuthority implements AcceptanceAuthority, DelegationRecalls {

    static final String PROCESSING_GROUP = ProcessingConfiguration.COMMAND_LOOKUP_PREFIX + "delegation-directory";

    private final JdbcClient jdbc;
    private final ItemDirectory items;

    JdbcAcceptanceAuthority(JdbcClient jdbc, ItemDirectory items) {
        this.jdbc = jdbc;
        this.items = items;
    }

    @EventHandler
    void on(DelegationDecided event) {
        var from = event.decision().effectiveDate();
        for (DelegatedItem item : event.items()) {
            jdbc.sql("""
                    insert into delegation_item (delegation_id, item_id, body_id, mode, effective_from, term_end)
                    values (?, ?, ?, ?, ?, ?) on conflict do nothing""")
                    .params(event.delegationId(), item.itemId(), item.bodyId(), event.mode().name(), from,
                            event.termEnd()).update();
            if (event.mode() == DelegationMode.DEVOLVE && event.transitionEnd() != null) {
                for (Receiver receiver : event.receivers()) {
                    arrange(event.delegationId(), item.itemId(), item.bodyId(), receiver.bodyId(), from,
                            event.transitionEnd());
                }
            }
        }
    }

    @EventHandler
    void on(TransitionArranged event) {
        jdbc.sql("""
                select item_id, effective_from from delegation_item where delegation_id = ? and body_id = ?""")
                .params(event.delegationId(), event.actingBodyId())
                .query((rs, n) -> {
                    arrange(event.delegationId(), rs.getString(1), event.actingBodyId(), event.onBehalfOfBodyId(),
                            rs.getObject(2, LocalDate.class), event.until());
                    return null;
                })
                .list();
    }

    @EventHandler
    void on(HandoverRecorded event) {
        jdbc.sql("""
                update delegation_transition set handed_over_on = ?
                where delegation_id = ? and on_behalf_of_body_id = ?""")
                .params(event.handedOverOn(), event.delegationId(), event.receiverBodyId()).update();
    }

    @EventHandler
    void on(DelegationRecalled event) {
        // Acting on a receiver's behalf ends with the recall: the upper body holds the item again in its own right.
        jdbc.sql("""
                update delegation_transition set recalled_on = ? where delegation_id = ?""")
                .params(event.decision().effectiveDate(), event.delegationId()).update();
        jdbc.sql("""
                insert into delegation_recall (delegation_id, document_number, effective_date) values (?, ?, ?)
                on conflict (delegation_id) do nothing""")
                .params(event.delegationId(), event.decision().documentNumber(), event.decision().effectiveDate())
                .update();
    }

    /**
     * An item that refused the delegation was never sent down by it: nobody acts on it for a receiver, and a
     * transition arranged later does not reach it. The decision's rows come first in the store, so they are here.
     */
    @EventHandler
    void on(PowerItemDelegationRefused event) {
        jdbc.sql("delete from delegation_transition where delegation_id = ? and item_id = ?")
                .params(event.delegationId(), event.itemId()).update();
        jdbc.sql("delete from delegation_item where delegation_id = ? and item_id = ?")
                .params(event.delegationId(), event.itemId()).update();
    }

    @Override
    public Optional<Decision> recall(String delegationId) {
        return jdbc.sql("select document_number, effective_date from delegation_recall where delegation_id = ?")
                .param(delegationId)
                .query((rs, n) -> new Decision(rs.getString(1), rs.getObject(2, LocalDate.class)))
                .optional();
    }

    @Override
    public Optional<Acceptance> acceptance(String bodyId, String itemId, LocalDate date) {
        var holding = items.holdingOn(itemId, date);
        if (holding.isPresent() && holding.get().bodyId().equals(bodyId)) {
            var item = items.item(itemId).orElseThrow();
            return Optional.of(new Acceptance(AcceptanceCapacity.of(item.powerSource()), null, null));
        }
        return jdbc.sql("""
                select on_behalf_of_body_id, delegation_id from delegation_transition_term
                where item_id = ? and acting_body_id = ? and effective_from <= ? and ends_on >= ?
                order by on_behalf_of_body_id limit 1""")
                .params(itemId, bodyId, date, date)
                .query((rs, n) -> new Acceptance(AcceptanceCapacity.ON_BEHALF, rs.getString(1), rs.getString(2)))
                .optional();
    }

    private void arrange(String delegationId, String itemId, String actingBodyId, String receiverBodyId,
                         LocalDate from, LocalDate until) {
        jdbc.sql("""
                insert into delegation_transition (delegation_id, item_id, acting_body_id, on_behalf_of_body_id,
                    effective_from, until) values (?, ?, ?, ?, ?, ?)
                on conflict (delegation_id, item_id, on_behalf_of_body_id) do update set until = excluded.until,
                    acting_body_id = excluded.acting_body_id""")
                .params(delegationId, itemId, actingBodyId, receiverBodyId, from, until).update();
    }
}
