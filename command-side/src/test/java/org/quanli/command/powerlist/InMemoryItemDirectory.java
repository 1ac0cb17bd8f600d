package org.quanli.command.powerlist;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.codes.PowerSource;
import org.quanli.kernel.powerlist.ListStatus;

/** The item lookup for aggregate fixture tests. */
public class InMemoryItemDirectory implements ItemDirectory {

    private final Map<String, ListedItem> items = new LinkedHashMap<>();

    private final Map<String, List<Holding>> holdings = new LinkedHashMap<>();

    private final Map<String, List<VersionTerms>> versions = new LinkedHashMap<>();

    /** A published version in force from {@code from}. */
    public InMemoryItemDirectory version(String itemId, int version, LocalDate from, ItemType type, int legalLimitDays,
                                         int promisedLimitDays) {
        versions.computeIfAbsent(itemId, k -> new ArrayList<>())
                .add(new VersionTerms(itemId, version, from, type, legalLimitDays, promisedLimitDays));
        return this;
    }

    @Override
    public Optional<VersionTerms> versionOn(String itemId, LocalDate date) {
        return versions.getOrDefault(itemId, List.of()).stream()
                .filter(v -> !v.effectiveFrom().isAfter(date))
                .reduce((earlier, later) -> later);
    }

    public InMemoryItemDirectory item(String itemId, String bodyId, String jurisdictionCode, ListStatus status) {
        return item(itemId, bodyId, jurisdictionCode, status, ItemType.LICENCE, PowerSource.STATUTORY);
    }

    public InMemoryItemDirectory item(String itemId, String bodyId, String jurisdictionCode, ListStatus status,
                                      ItemType type, PowerSource source) {
        items.put(itemId, new ListedItem(itemId, bodyId, jurisdictionCode, status, type, source));
        return this;
    }

    /** The item was held in force by the body from {@code from} (inclusive) to {@code to} (exclusive, may be null). */
    public InMemoryItemDirectory held(String itemId, String bodyId, String jurisdictionCode, LocalDate from,
                                      LocalDate to) {
        holdings.computeIfAbsent(itemId, k -> new ArrayList<>())
                .add(new Holding(itemId, bodyId, jurisdictionCode, from, to));
        return this;
    }

    @Override
    public Optional<Holding> holdingOn(String itemId, LocalDate date) {
        return holdings.getOrDefault(itemId, List.of()).stream()
                .filter(h -> !h.from().isAfter(date) && (h.to() == null || h.to().isAfter(date)))
                .findFirst();
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
