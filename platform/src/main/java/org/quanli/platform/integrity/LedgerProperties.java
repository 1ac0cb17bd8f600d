package org.quanli.platform.integrity;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The verifiable ledger.
 *
 * @param keyFile                the Ed25519 signing key (PEM, created with mode 0600 when absent); blank: a fresh key
 *                               per run (tests only)
 * @param exportFile             the append-only file every checkpoint is also written to (JSON lines); blank: none
 * @param sealer                 whether this node takes part in sealing (a claim lets one node seal at a time)
 * @param sealInterval           how often the sealer looks for new events when it has caught up
 * @param batchSize              events sealed per transaction
 * @param checkpointEvents       a checkpoint after at most this many new events …
 * @param checkpointInterval     … or after this long, whichever comes first (only when events were added)
 * @param verificationInterval   how often the whole ledger is verified (one node at a time); zero: never
 * @param trustedPublicKeys      PEM files of further public keys whose checkpoints verification accepts (earlier keys)
 */
@ConfigurationProperties("quanli.ledger")
public record LedgerProperties(String keyFile, String exportFile, Boolean sealer, Duration sealInterval,
                               Integer batchSize, Integer checkpointEvents, Duration checkpointInterval,
                               Duration verificationInterval, List<String> trustedPublicKeys) {

    public LedgerProperties {
        sealer = sealer == null || sealer;
        sealInterval = sealInterval == null ? Duration.ofMillis(500) : sealInterval;
        batchSize = batchSize == null ? 1000 : batchSize;
        checkpointEvents = checkpointEvents == null ? 1000 : checkpointEvents;
        checkpointInterval = checkpointInterval == null ? Duration.ofMinutes(1) : checkpointInterval;
        verificationInterval = verificationInterval == null ? Duration.ofHours(1) : verificationInterval;
        trustedPublicKeys = trustedPublicKeys == null ? List.of() : List.copyOf(trustedPublicKeys);
    }
}
