package org.quanli.command.powerlist;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.quanli.command.places.BodyItems;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.codes.PowerSource;
import org.quanli.kernel.powerlist.ListStatus;
import org.quanli.platform.architecture.FeatureInterface;

/**
 * What command handlers may ask about items other than the one they handle: who holds an item and whether it is
 * on the list. Kept current by {@link JdbcItemDirectory} in the transaction that appends the events.
 */
@FeatureInterface
public interface ItemDirectory extends BodyItems {

    Optional<ListedItem> item(String itemId);

    /** Which of these items the ledger holds. */
    default Set<String> existing(Collection<String> itemIds) {
        return itemIds.stream().filter(id -> item(id).isPresent()).collect(Collectors.toSet());
    }

    /** In a stable order. */
    @Override
    List<String> openItemsOf(String bodyId);

    /** Who held the item, in force, on an effective date (a suspended item is held by nobody while suspended). */
    Optional<Holding> holdingOn(String itemId, LocalDate date);

    /**
     * The published version in force on an effective date and the time limits it states,
     * which a case is handled under.
     */
    Optional<VersionTerms> versionOn(String itemId, LocalDate date);

    /** A published version's number, type and limits in working days (0 promised = immediate item). */
    record VersionTerms(String itemId, int version, LocalDate effectiveFrom, ItemType type, int legalLimitDays,
                        int promisedLimitDays) {
    }

    /**
     * @param type        the item's type as currently published; null before its first publication
     * @param powerSource where its holder's power comes from
     */
    record ListedItem(String itemId, String bodyId, String jurisdictionCode, ListStatus listStatus, ItemType type,
                      PowerSource powerSource) {
    }

    record Holding(String itemId, String bodyId, String jurisdictionCode, LocalDate from, LocalDate to) {
    }
}
