package org.quanli.platform.projections;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

/**
 * A projection's writes, sent to PostgreSQL once per batch instead of once per row: a handler running in a streaming
 * processor's batch hands its statement here, and the batch's statements go out as JDBC batches just before the
 * batch commits, in the same transaction as the processor's token (rows and token commit together, or neither).
 * With {@code reWriteBatchedInserts} on the driver, a batch of inserts is one multi-row insert.
 *
 * <p>Order: statements about one row (the same {@code rowKey}, usually the aggregate's id) run in the order they
 * were written; statements about different rows may be grouped by SQL. A statement written without a key must not
 * depend on any other statement of the batch (an insert that ignores conflicts, say). An aggregate's events that
 * each write its row ({@link RowWrite}) one after the other become one statement: a case's six events, one row.
 *
 * <p>Nothing silent: when a batch's statements fail at commit, the batch fails and is retried by its processor, and
 * this time every statement of the events it held runs at once, inside its event's handler, so that the event that
 * cannot be written fails in its own handler and is parked like any other failing event. Those events stay suspect
 * (the latest {@value #MAX_SUSPECTS}) rather than until one batch holding them commits: every processor handles the
 * same events, and one processor's success must not send another back to a batch that fails at commit again. Outside
 * a streaming batch (a dead letter being retried, a subscribing processor) a statement runs at once.
 */
@Component
public class BatchedWrites {

    private static final String PENDING = BatchedWrites.class.getName() + ".pending";
    private static final String AT_ONCE = BatchedWrites.class.getName() + ".atOnce";
    /** How many events of batches that failed at commit are kept, the oldest forgotten first. */
    static final int MAX_SUSPECTS = 10_000;

    private final NamedParameterJdbcTemplate jdbc;
    /** Ids of events whose batch failed at commit, oldest first; guarded by itself. */
    private final Set<String> suspects = new LinkedHashSet<>();

    public BatchedWrites(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @param rowKey what the statement is about, to keep the order of statements about one row; or null */
    public void write(Object rowKey, String sql, Map<String, ?> parameters) {
        write(rowKey, sql, new MapSqlParameterSource(parameters));
    }

    public void write(Object rowKey, String sql, SqlParameterSource parameters) {
        hold(rowKey, new Statement(sql, parameters));
    }

    /**
     * An event's write of its aggregate's row, keyed by the row; folded into the row's previous write in this batch
     * when nothing else about the row came between them (see {@link RowWrite}).
     */
    public void write(RowWrite row) {
        hold(row.key(), row);
    }

    private void hold(Object rowKey, Held held) {
        if (!CurrentUnitOfWork.isStarted()
                || !(CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?> batch) || atOnce(batch)) {
            jdbc.update(held.sql(), held.parameters());
            return;
        }
        Pending pending = batch.getOrComputeResource(PENDING, key -> {
            Pending created = new Pending();
            batch.onPrepareCommit(unitOfWork -> flush(batch, created));
            return created;
        });
        pending.add(rowKey, held);
    }

    /**
     * Runs the statements the current batch holds back, now, for what must see them and {@link #write} cannot order:
     * a statement about the rows of several keys, a read, or a statement whose count decides what a handler does
     * next. Nothing outside a streaming batch.
     */
    public void flushPending() {
        if (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?> batch
                && batch.getResource(PENDING) instanceof Pending pending) {
            flush(batch, pending);
        }
    }

    /** Whether this batch holds an event of a batch that failed at commit; then its statements run at once. */
    private boolean atOnce(BatchingUnitOfWork<?> batch) {
        return batch.getOrComputeResource(AT_ONCE, key -> {
            synchronized (suspects) {
                return !suspects.isEmpty() && ids(batch).stream().anyMatch(suspects::contains);
            }
        });
    }

    private void flush(BatchingUnitOfWork<?> batch, Pending pending) {
        try {
            pending.flush(jdbc);
        } catch (RuntimeException e) {
            synchronized (suspects) {
                suspects.addAll(ids(batch));
                Iterator<String> oldest = suspects.iterator();
                while (suspects.size() > MAX_SUSPECTS) {
                    oldest.next();
                    oldest.remove();
                }
            }
            throw e;
        }
    }

    private static List<String> ids(BatchingUnitOfWork<?> batch) {
        return batch.getMessages().stream().map(Message::getIdentifier).toList();
    }

    /** A statement held back until its batch commits. */
    interface Held {
        String sql();

        SqlParameterSource parameters();
    }

    private record Statement(String sql, SqlParameterSource parameters) implements Held {
    }

    /**
     * The statements of one batch, in waves: a row's n-th statement is in wave n, so that every wave holds at most
     * one statement per row and its statements can be grouped by SQL. A row's write that folds into the row's
     * previous one takes no place of its own.
     */
    private static final class Pending {

        private final Map<Object, Integer> statementsPerRow = new HashMap<>();
        /** Each row's last statement, when it is a row write that a later one may fold into. */
        private final Map<Object, RowWrite> foldable = new HashMap<>();
        private final TreeMap<Integer, List<Held>> waves = new TreeMap<>();

        void add(Object rowKey, Held held) {
            if (rowKey != null) {
                if (held instanceof RowWrite row) {
                    RowWrite previous = foldable.get(rowKey);
                    if (previous != null && previous.fold(row)) {
                        return;
                    }
                    foldable.put(rowKey, row);
                } else {
                    foldable.remove(rowKey);
                }
            }
            int wave = rowKey == null ? 0 : statementsPerRow.merge(rowKey, 1, Integer::sum) - 1;
            waves.computeIfAbsent(wave, w -> new ArrayList<>()).add(held);
        }

        void flush(NamedParameterJdbcTemplate jdbc) {
            for (List<Held> wave : waves.values()) {
                Map<String, List<SqlParameterSource>> bySql = new LinkedHashMap<>();
                for (Held held : wave) {
                    bySql.computeIfAbsent(held.sql(), s -> new ArrayList<>()).add(held.parameters());
                }
                bySql.forEach((sql, rows) -> {
                    if (rows.size() == 1) {
                        jdbc.update(sql, rows.get(0));
                    } else {
                        jdbc.batchUpdate(sql, rows.toArray(SqlParameterSource[]::new));
                    }
                });
            }
            waves.clear();
            statementsPerRow.clear();
            foldable.clear();
        }
    }
}
