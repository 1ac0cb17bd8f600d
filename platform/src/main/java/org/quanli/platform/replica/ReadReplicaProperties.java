package org.quanli.platform.replica;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * A PostgreSQL streaming replica a query node reads its queries from ({@code quanli.read-replica.*}); without a
 * {@code url} every read goes to the primary, as before.
 *
 * @param url      the replica's JDBC URL
 * @param maxWait  how long a query asking to read after a position waits for the replica before it reads from the
 *                 primary (default 5 s)
 * @param poolSize connections to the replica (default 10)
 */
@ConfigurationProperties("quanli.read-replica")
public record ReadReplicaProperties(String url, String username, String password, Duration maxWait,
                                    Integer poolSize) {

    public ReadReplicaProperties {
        maxWait = maxWait == null ? Duration.ofSeconds(5) : maxWait;
        poolSize = poolSize == null ? 10 : poolSize;
        if (maxWait.isNegative() || poolSize < 1) {
            throw new IllegalArgumentException("quanli.read-replica: max-wait ≥ 0 and pool-size ≥ 1");
        }
    }
}
