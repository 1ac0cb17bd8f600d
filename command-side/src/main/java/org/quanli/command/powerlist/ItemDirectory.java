package org.quanli.command.powerlist;

import java.util.List;
import java.util.Optional;

import org.quanli.kernel.powerlist.ListStatus;

/**
 * What command handlers may ask about items other than the one they handle: who holds an item and whether it is
 * on the list. Kept current by {@link JdbcItemDirectory} in the transaction that appends the events.
 */
public interface ItemDirectory {

    Optional<ListedItem> item(String itemId);

    /** The items a body holds that have not ended (unpublished, in force or suspended), in a stable order. */
    List<String> openItemsOf(String bodyId);

    record ListedItem(String itemId, String bodyId, String jurisdictionCode, ListStatus listStatus) {
    }
}
