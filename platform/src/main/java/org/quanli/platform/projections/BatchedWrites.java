package org.quanli.platform.projections;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.namedparam.SqlParameterSourceUtils;
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
 *
 * <p>Statements are written with named parameters and sent with positional ones: each statement's text is parsed once
 * ({@link Positional}) and each row's values are bound straight from what the handler wrote, without a parameter
 * source per row (in a profiled rebuild, Spring's named parameters and a parameter source per row took a sixth of
 * the rebuild's thread).
 */
@Component
public class BatchedWrites {

    private static final String PENDING = BatchedWrites.class.getName() + ".pending";
    private static final String AT_ONCE = BatchedWrites.class.getName() + ".atOnce";
    private static final String BULK_REBUILD = BatchedWrites.class.getName() + ".bulkRebuild";
    private static final String WRITER = BatchedWrites.class.getName() + ".writer";
    /** How many events of batches that failed at commit are kept, the oldest forgotten first. */
    static final int MAX_SUSPECTS = 10_000;

    private final JdbcTemplate jdbc;
    /** Ids of events whose batch failed at commit, oldest first; guarded by itself. */
    private final Set<String> suspects = new LinkedHashSet<>();

    public BatchedWrites(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc.getJdbcTemplate();
    }

    /** @param rowKey what the statement is about, to keep the order of statements about one row; or null */
    public void write(Object rowKey, String sql, Map<String, ?> parameters) {
        hold(rowKey, new MapStatement(sql, parameters));
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

    /**
     * A row only ever inserted, one per event: a row already there is left as it is. Held without a key, it must not
     * depend on any other statement of the batch. In a bulk rebuild (its tables emptied, every event handed over
     * once) the batch's rows of a table go in with one {@code COPY}, which cannot skip a row already there: should
     * one be, the chunk fails and the processor takes its events one by one, inserting.
     */
    public void append(AppendRow row) {
        hold(null, row);
    }

    /**
     * Marks a unit of work as a chunk of a bulk rebuild ({@link BulkRebuild}): the rows it appends are copied in.
     */
    public static void bulkRebuildChunk(UnitOfWork<?> chunk) {
        chunk.resources().put(BULK_REBUILD, Boolean.TRUE);
    }

    /**
     * In a unit of work several projections share (a bulk run's chunk), the projection whose handlers write next:
     * the order of the writes about one row, and their folding, is each projection's own, so that one projection's
     * write of its row does not keep another's writes of a row of the same key apart.
     */
    public static void writingFor(UnitOfWork<?> unitOfWork, String projection) {
        unitOfWork.resources().put(WRITER, projection);
    }

    private void hold(Object rowKey, Held held) {
        if (!CurrentUnitOfWork.isStarted()
                || !(CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?> batch) || atOnce(batch)) {
            Positional statement = Positional.of(held.sql());
            jdbc.update(statement.sql(), ps -> statement.bind(ps, held));
            return;
        }
        Pending pending = batch.getOrComputeResource(PENDING, key -> {
            Pending created = new Pending();
            batch.onPrepareCommit(unitOfWork -> flush(batch, created));
            return created;
        });
        Object writer = rowKey == null ? null : batch.getResource(WRITER);
        pending.add(writer == null ? rowKey : List.of(writer, rowKey), held);
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
            pending.flush(jdbc, Boolean.TRUE.equals(batch.getResource(BULK_REBUILD)));
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

        /** The statement, with named parameters. */
        String sql();

        /** The value of the named parameter; an {@link SqlParameterValue} where it needs a type. */
        Object value(String parameter);
    }

    private record MapStatement(String sql, Map<String, ?> parameters) implements Held {

        @Override
        public Object value(String parameter) {
            Object value = parameters.get(parameter);
            if (value == null && !parameters.containsKey(parameter)) {
                throw new IllegalArgumentException("no value for parameter " + parameter + " of " + sql);
            }
            return value;
        }
    }

    private record Statement(String sql, SqlParameterSource parameters) implements Held {

        @Override
        public Object value(String parameter) {
            return SqlParameterSourceUtils.getTypedValue(parameters, parameter);
        }
    }

    /**
     * A statement's text with positional parameters, and the name of each position.
     *
     * <p>Spring's parser keeps the names it finds to itself; asking it for the values of a source whose every
     * parameter's value is its own name gives them, in order. Lists are not expanded into several positions: a
     * statement held back takes an array (with {@code = any(…)}) instead.
     */
    record Positional(String sql, String[] names) {

        /** Texts parsed so far: every batch sends the same few statements for thousands of rows. */
        private static final Map<String, Positional> PARSED = new ConcurrentHashMap<>();
        private static final int MAX_PARSED = 2_000;
        private static final SqlParameterSource OWN_NAMES = new SqlParameterSource() {
            @Override
            public boolean hasValue(String name) {
                return true;
            }

            @Override
            public Object getValue(String name) {
                return name;
            }
        };

        static Positional of(String sql) {
            Positional known = PARSED.get(sql);
            if (known != null) {
                return known;
            }
            ParsedSql parsed = NamedParameterUtils.parseSqlStatement(sql);
            Object[] names = NamedParameterUtils.buildValueArray(parsed, OWN_NAMES, null);
            Positional positional = new Positional(NamedParameterUtils.substituteNamedParameters(parsed, null),
                    Arrays.copyOf(names, names.length, String[].class));
            if (PARSED.size() < MAX_PARSED) {
                PARSED.putIfAbsent(sql, positional);
            }
            return positional;
        }

        /** Binds the held statement's values as Spring's templates would, for PostgreSQL. */
        void bind(PreparedStatement ps, Held held) throws SQLException {
            for (int i = 0; i < names.length; i++) {
                Object value = held.value(names[i]);
                int index = i + 1;
                if (value == null) {
                    // What Spring sets for a null of no declared type on PostgreSQL: the server infers the type.
                    ps.setNull(index, Types.NULL);
                } else if (value instanceof String text) {
                    ps.setString(index, text);
                } else if (value instanceof SqlParameterValue typed) {
                    StatementCreatorUtils.setParameterValue(ps, index, typed, typed.getValue());
                } else if (value instanceof Iterable<?>) {
                    throw new IllegalArgumentException("parameter " + names[i] + " of a batched write is a list;"
                            + " bind an array and compare with = any(…) instead: " + sql);
                } else {
                    StatementCreatorUtils.setParameterValue(ps, index, SqlTypeValue.TYPE_UNKNOWN, value);
                }
            }
        }
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

        /** @param copy whether rows appended ({@link AppendRow}) are copied in rather than inserted */
        void flush(JdbcTemplate jdbc, boolean copy) {
            for (List<Held> wave : waves.values()) {
                Map<String, List<Held>> bySql = new LinkedHashMap<>();
                for (Held held : wave) {
                    bySql.computeIfAbsent(held.sql(), s -> new ArrayList<>()).add(held);
                }
                bySql.forEach((sql, rows) -> {
                    if (copy && rows.get(0) instanceof AppendRow first
                            && rows.stream().allMatch(AppendRow.class::isInstance)) {
                        List<AppendRow> appended = rows.stream().map(AppendRow.class::cast).toList();
                        jdbc.execute((ConnectionCallback<Long>) connection ->
                                CopyText.copy(connection, first.table(), appended));
                        return;
                    }
                    Positional statement = Positional.of(sql);
                    if (rows.size() == 1) {
                        jdbc.update(statement.sql(), ps -> statement.bind(ps, rows.get(0)));
                    } else {
                        jdbc.batchUpdate(statement.sql(), new BatchPreparedStatementSetter() {
                            @Override
                            public void setValues(PreparedStatement ps, int row) throws SQLException {
                                statement.bind(ps, rows.get(row));
                            }

                            @Override
                            public int getBatchSize() {
                                return rows.size();
                            }
                        });
                    }
                });
            }
            waves.clear();
            statementsPerRow.clear();
            foldable.clear();
        }
    }
}
