package org.quanli.platform.replica;

import java.util.Set;

import org.quanli.platform.projections.ProjectionStatuses;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How far the read replica has come against the primary: the head of the event store on each, and the write-ahead log
 * the replica has yet to replay; and where the primary's projections stand.
 */
public class ReadReplica {

    /** Where the replica stands against the primary. */
    public record Lag(long eventsBehind, long walBytesBehind, String lastReplayedAt) {
    }

    private final JdbcClient replica;
    private final JdbcClient primary;
    private final ProjectionStatuses statuses;

    ReadReplica(ReplicaPool pool, JdbcClient primary, ProjectionStatuses statuses) {
        this.replica = JdbcClient.create(pool.dataSource());
        this.primary = primary;
        this.statuses = statuses;
    }

    /** The lowest position any segment of the given processors has reached, on the primary. */
    long projectionsAt(Set<String> processors) {
        return statuses.lowestPosition(processors);
    }

    long primaryHead() {
        return head(primary);
    }

    /** Where the primary's write-ahead log stands now. */
    String primaryWalPosition() {
        return primary.sql("select pg_current_wal_lsn()::text").query(String.class).single();
    }

    /** Whether the replica has replayed the primary's log up to the given position of it. */
    boolean replayedUpTo(String walPosition) {
        return replica.sql("select pg_last_wal_replay_lsn() >= ?::pg_lsn").param(walPosition)
                .query(Boolean.class).optional().orElse(false);
    }

    Lag lag() {
        long primaryHead = head(primary);
        long replicaHead = head(replica);
        Long walBehind = replica.sql("select pg_wal_lsn_diff(?::pg_lsn, pg_last_wal_replay_lsn())::bigint")
                .param(primaryWalPosition()).query(Long.class).single();
        String replayedAt = replica.sql("select pg_last_xact_replay_timestamp()::text").query(String.class)
                .optional().orElse(null);
        return new Lag(Math.max(0, primaryHead - replicaHead), walBehind == null ? 0 : Math.max(0, walBehind),
                replayedAt);
    }

    private static long head(JdbcClient jdbc) {
        return jdbc.sql("select coalesce(max(global_index), 0) from domain_event_entry").query(Long.class).single();
    }
}
