package org.quanli.platform.projections;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.quanli.platform.db.SqlValues;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * What one event of an aggregate writes to the aggregate's own row in a projection's table: the row's first write
 * (an insert) or a change of some of its columns (an update), taken only if the row has not yet taken that event or
 * a later one ({@code sequence_number}), so that an event handed over twice never sets the row back. Every column is
 * bound as a named parameter of its own name.
 *
 * <p>{@link BatchedWrites} folds a row's consecutive writes within one batch into a single statement: the columns of
 * all of them, each with its latest value, under the last event's sequence number. That gives the row the same
 * columns as writing them one by one, even when the row had already taken some of those events: a row is always its
 * aggregate's events applied in order up to its sequence number, a batch holds every event of an aggregate between its
 * first and its last, and a column no folded event sets keeps the value the row has. A folded insert that meets the
 * row already there becomes an update under the same condition.
 */
public final class RowWrite implements BatchedWrites.Held {

    private final String table;
    private final String keyColumn;
    private final Object key;
    private final boolean insert;
    /** Further assignments in SQL (a column filled from another table, say), or null; never on an insert. */
    private final String extra;
    private final Map<String, Object> columns;
    private long sequence;
    private Instant recordedAt;

    private RowWrite(String table, String keyColumn, Object key, boolean insert, String extra,
                     Map<String, ?> columns, long sequence, Instant recordedAt) {
        this.table = table;
        this.keyColumn = keyColumn;
        this.key = Objects.requireNonNull(key, "key");
        this.insert = insert;
        this.extra = extra;
        this.columns = new LinkedHashMap<>(columns);
        this.sequence = sequence;
        this.recordedAt = recordedAt;
    }

    /** The row's first write, by its aggregate's event {@code sequence}. */
    public static RowWrite insert(String table, String keyColumn, Object key, long sequence, Instant recordedAt,
                                  Map<String, ?> columns) {
        return new RowWrite(table, keyColumn, key, true, null, columns, sequence, recordedAt);
    }

    /**
     * A change of the row by its aggregate's event {@code sequence}.
     *
     * @param extra further assignments in SQL, evaluated against the row as the statement finds it, or null
     */
    public static RowWrite change(String table, String keyColumn, Object key, long sequence, Instant recordedAt,
                                  Map<String, ?> columns, String extra) {
        return new RowWrite(table, keyColumn, key, false, extra, columns, sequence, recordedAt);
    }

    /** What the write is about, the key of its row. */
    public Object key() {
        return key;
    }

    /**
     * Takes a later write of the same row into this one, if it can: a change after this write, with the same further
     * assignments (none after an insert).
     *
     * @return whether it did; if not, the later write has to run as a statement of its own after this one
     */
    boolean fold(RowWrite later) {
        boolean sameRow = table.equals(later.table) && keyColumn.equals(later.keyColumn) && key.equals(later.key);
        boolean foldable = !later.insert && later.sequence > sequence
                && (insert ? later.extra == null : Objects.equals(extra, later.extra));
        if (!sameRow || !foldable) {
            return false;
        }
        columns.putAll(later.columns);
        sequence = later.sequence;
        recordedAt = later.recordedAt;
        return true;
    }

    @Override
    public String sql() {
        return insert ? insertSql() : updateSql();
    }

    private String insertSql() {
        String names = String.join(", ", columns.keySet());
        String values = columns.keySet().stream().map(c -> ":" + c).collect(Collectors.joining(", "));
        String updates = columns.keySet().stream().map(c -> c + " = excluded." + c)
                .collect(Collectors.joining(", "));
        StringBuilder sql = new StringBuilder("insert into ").append(table).append(" (").append(keyColumn);
        if (!names.isEmpty()) {
            sql.append(", ").append(names);
        }
        sql.append(", sequence_number, last_recorded_at) values (:row_key");
        if (!values.isEmpty()) {
            sql.append(", ").append(values);
        }
        // No parameter after the values: the driver can then send a batch of them as one multi-row insert.
        sql.append(", :sequence_number, :last_recorded_at) on conflict (").append(keyColumn).append(") do update set ");
        if (!updates.isEmpty()) {
            sql.append(updates).append(", ");
        }
        return sql.append("sequence_number = excluded.sequence_number, last_recorded_at = excluded.last_recorded_at")
                .append(" where ").append(table).append(".sequence_number < excluded.sequence_number").toString();
    }

    private String updateSql() {
        String assignments = columns.keySet().stream().map(c -> c + " = :" + c).collect(Collectors.joining(", "));
        StringBuilder sql = new StringBuilder("update ").append(table).append(" set ");
        if (!assignments.isEmpty()) {
            sql.append(assignments).append(", ");
        }
        if (extra != null) {
            sql.append(extra).append(", ");
        }
        return sql.append("sequence_number = :sequence_number, last_recorded_at = :last_recorded_at where ")
                .append(keyColumn).append(" = :row_key and sequence_number < :sequence_number").toString();
    }

    @Override
    public SqlParameterSource parameters() {
        MapSqlParameterSource parameters = new MapSqlParameterSource(columns);
        parameters.addValue("sequence_number", sequence);
        parameters.addValue("last_recorded_at", SqlValues.timestamp(recordedAt));
        parameters.addValue("row_key", key);
        return parameters;
    }
}
