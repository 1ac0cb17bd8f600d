package org.quanli.platform.projections;

import java.util.List;

/**
 * A projection whose tables' indexes serve only its readers. A bulk rebuild of it drops those indexes (every one that
 * is neither unique nor a constraint's, its writes finding rows by their keys, and the keys it names) before its first
 * chunk, so that its rows
 * go in without maintaining them row by row, and builds each again in one pass when the rebuild ends or stops, or
 * when a node starts after a rebuild its node did not finish ({@link RebuildIndexes}). Readers meanwhile scan.
 *
 * <p>A migration that drops or changes one of these indexes says {@code if exists}: after an interrupted rebuild it
 * may be set aside until the application has started.
 */
public interface IndexedAfterBulkRebuild {

    /** The tables whose indexes a bulk rebuild sets aside. */
    List<String> indexedAfterBulkRebuild();

    /**
     * Unique keys (their constraints' names) a bulk rebuild drops with the indexes and adds again at its end: each one
     * a key the handlers never find rows by, and that another unique index of its table, kept, holds to meanwhile, so
     * that no row written while it is set aside (by this node's rebuild or by another node's processor) can keep it
     * from being added again. Their rows are inserted with {@code on conflict do nothing} naming no key
     * ({@link AppendRow}), which needs none.
     */
    default List<String> keysAfterBulkRebuild() {
        return List.of();
    }
}
