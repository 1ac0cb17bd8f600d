package org.quanli.command.powerlist;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.quanli.kernel.powerlist.ListStatus;

/** The item lookup for aggregate fixture tests. */
public class InMemoryItemDirectory implements ItemDirectory {

    private final Map<String, ListedItem> items = new LinkedHashMap<>();

    public InMemoryItemDirectory item(String itemId, String bodyId, String jurisdictionCode, ListStatus status) {
        items.put(itemId, new ListedItem(itemId, bodyId, jurisdictionCode, status));
        return this;
    }

    @Override
    public Optional<ListedItem> item(String itemId) {
        return Optional.ofNullable(items.get(itemId));
    }

    @Override
    public List<String> openItemsOf(String bodyId) {
        return items.values().stream()
                .filter(i -> i.bodyId().equals(bodyId) && !i.listStatus().ended())
                .map(ListedItem::itemId).toList();
    }
}
