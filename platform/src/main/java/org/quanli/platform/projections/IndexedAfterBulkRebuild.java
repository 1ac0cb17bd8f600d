package org.quanli.platform.projections;

import java.util.List;

/**
 * A projection whose tables' indexes serve only its readers. A bulk rebuild of it drops those indexes (every one that
 * is neither unique nor a constraint's: its writes find rows by their keys) before its first chunk, so that its rows
 * go in without maintaining them row by row, and builds each again in one pass when the rebuild ends or stops, or
 * when a node starts after a rebuild its node did not finish ({@link RebuildIndexes}). Readers meanwhile scan.
 *
 * <p>A migration that drops or changes one of these indexes says {@code if exists}: after an interrupted rebuild it
 * may be set aside until the application has started.
 */
public interface IndexedAfterBulkRebuild {

    /** The tables whose indexes a bulk rebuild sets aside. */
    List<String> indexedAfterBulkRebuild();
}
