package org.quanli.command.powerlist;

import java.util.List;
import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.quanli.kernel.powerlist.ListStatus;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemCancelled;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemDrafted;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemMergedInto;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemPassedToSuccessor;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemPublished;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemResumed;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemSuspended;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemTransferredOut;
import org.quanli.platform.messaging.ProcessingConfiguration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The item lookup: written by a subscribing processor, read by command handlers. */
@Component
@ProcessingGroup(JdbcItemDirectory.PROCESSING_GROUP)
public class JdbcItemDirectory implements ItemDirectory {

    public static final String PROCESSING_GROUP = ProcessingConfiguration.COMMAND_LOOKUP_PREFIX + "item-directory";

    private final JdbcClient jdbc;

    public JdbcItemDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PowerItemDrafted event) {
        insert(event.itemId(), event.bodyId(), event.jurisdictionCode(), ListStatus.UNPUBLISHED);
    }

    @EventHandler
    void on(PowerItemPublished event) {
        // An imported item has no draft before it; a drafted one already has its row.
        insert(event.itemId(), event.bodyId(), event.jurisdictionCode(), ListStatus.IN_FORCE);
        status(event.itemId(), ListStatus.IN_FORCE);
    }

    @EventHandler
    void on(PowerItemCancelled event) {
        status(event.itemId(), ListStatus.CANCELLED);
    }

    @EventHandler
    void on(PowerItemTransferredOut event) {
        status(event.itemId(), ListStatus.TRANSFERRED);
    }

    @EventHandler
    void on(PowerItemMergedInto event) {
        status(event.itemId(), ListStatus.MERGED);
    }

    @EventHandler
    void on(PowerItemSuspended event) {
        status(event.itemId(), ListStatus.SUSPENDED);
    }

    @EventHandler
    void on(PowerItemResumed event) {
        status(event.itemId(), ListStatus.IN_FORCE);
    }

    @EventHandler
    void on(PowerItemPassedToSuccessor event) {
        jdbc.sql("update item_directory set body_id = ? where item_id = ?").params(event.toBodyId(), event.itemId())
                .update();
    }

    @Override
    public Optional<ListedItem> item(String itemId) {
        return jdbc.sql("select item_id, body_id, jurisdiction_code, list_status from item_directory where item_id = ?")
                .param(itemId)
                .query((rs, n) -> new ListedItem(rs.getString(1), rs.getString(2), rs.getString(3),
                        ListStatus.valueOf(rs.getString(4))))
                .optional();
    }

    @Override
    public List<String> openItemsOf(String bodyId) {
        return jdbc.sql("""
                select item_id from item_directory
                where body_id = ? and list_status in ('UNPUBLISHED', 'IN_FORCE', 'SUSPENDED') order by item_id""")
                .param(bodyId).query(String.class).list();
    }

    private void insert(String itemId, String bodyId, String jurisdictionCode, ListStatus status) {
        jdbc.sql("""
                insert into item_directory (item_id, body_id, jurisdiction_code, list_status) values (?, ?, ?, ?)
                on conflict (item_id) do nothing""")
                .params(itemId, bodyId, jurisdictionCode, status.name()).update();
    }

    private void status(String itemId, ListStatus status) {
        jdbc.sql("update item_directory set list_status = ? where item_id = ?").params(status.name(), itemId).update();
    }
}
