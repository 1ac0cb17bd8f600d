package org.quanli.platform.messaging;

import org.axonframework.config.EventProcessingConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Retries parked events now and then: a failure caused by something passing (a lock, a restart of the database)
 * heals by itself, and a real defect stays parked, visible in {@code dead_letter_entry}, until it is fixed. The
 * queue's claims keep two nodes from retrying the same sequence at once.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class DeadLetterRetry {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRetry.class);
    private static final int MAX_SEQUENCES_PER_ROUND = 1000;

    private final EventProcessingConfiguration processing;

    public DeadLetterRetry(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @Scheduled(initialDelayString = "${quanli.dead-letters.retry-interval:PT5M}",
            fixedDelayString = "${quanli.dead-letters.retry-interval:PT5M}")
    public void retryParkedEvents() {
        processing.eventProcessors().keySet().forEach(group ->
                processing.sequencedDeadLetterProcessor(group).ifPresent(letters -> {
                    int retried = 0;
                    try {
                        while (retried < MAX_SEQUENCES_PER_ROUND && letters.processAny()) {
                            retried++;
                        }
                    } catch (RuntimeException e) {
                        // A letter that fails again can abort the retry's transaction; it stays parked, and the
                        // other groups are still retried.
                        log.warn("Processing group {}: retrying parked events failed: {}", group, e.getMessage());
                    }
                    if (retried > 0) {
                        log.info("Processing group {}: {} parked sequence(s) processed again", group, retried);
                    }
                }));
    }
}
