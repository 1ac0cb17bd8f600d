package org.quanli.platform.integrity;

import java.util.List;

/**
 * Somewhere outside the database that keeps a copy of every checkpoint, in order, never rewriting one: an
 * append-only file by default. An operator adds another (a WORM bucket, a transparency witness, a mail to the
 * auditor) as a bean of this type; each sink's progress is kept in {@code ledger_export} by its {@link #name()}.
 */
public interface CheckpointSink {

    String name();

    /** Writes the checkpoints, oldest first; throws when they could not be kept (they are offered again). */
    void append(List<Checkpoint> checkpoints) throws Exception;
}
