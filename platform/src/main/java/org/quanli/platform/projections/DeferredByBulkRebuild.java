package org.quanli.platform.projections;

/**
 * What triggers on a projection's tables leave undone while a bulk rebuild writes them. In a chunk's transaction
 * PostgreSQL sees the setting {@code quanli.bulk_rebuild} on, and such a trigger notes that what it keeps is behind
 * instead of adding thousands of rows' changes to it chunk after chunk. {@link BulkRebuild} has it catch up when the
 * rebuild has ended or stopped, before the processors start again, and when the application has started, for a
 * rebuild its node did not live to finish.
 */
public interface DeferredByBulkRebuild {

    /** Brings what is behind up to the projection's tables, in the caller's transaction; nothing when none is. */
    void catchUp();
}
