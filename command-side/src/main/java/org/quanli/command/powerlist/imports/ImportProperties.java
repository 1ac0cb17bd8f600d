package org.quanli.command.powerlist.imports;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param maxRows       data rows one file may hold
 * @param threads       imports running at once on this node
 * @param queue         imports waiting for a thread before new ones are refused
 * @param progressBatch rows recorded in one transaction, and between two progress writes of a running job
 * @param staleAfter    a running job whose progress was not written for this long is taken as abandoned by a
 *                      process that stopped, and marked INTERRUPTED
 */
@ConfigurationProperties("quanli.imports")
public record ImportProperties(Integer maxRows, Integer threads, Integer queue, Integer progressBatch,
                               Duration staleAfter) {

    public ImportProperties {
        maxRows = maxRows == null ? 50_000 : maxRows;
        threads = threads == null ? 1 : threads;
        queue = queue == null ? 10 : queue;
        progressBatch = progressBatch == null ? 100 : progressBatch;
        staleAfter = staleAfter == null ? Duration.ofMinutes(1) : staleAfter;
    }
}
