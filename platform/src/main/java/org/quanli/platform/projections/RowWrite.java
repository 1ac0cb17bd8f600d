package org.quanli.platform.projections;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 *
 * <p>An insert may fill a column from another table ({@link Lookup}); a change that fills the same column the same
 * way (its further assignment is the lookup's {@link Lookup#assignment()}) folds into it, and the insert looks the
 * value up once.
 */
public final class RowWrite implements BatchedWrites.Held {

    /**
     * A column an insert fills from other tables when the statement runs (the case's jurisdiction from its body,
     * say), never one of the write's bound columns.
     *
     * @param onInsert its value in a new row: an expression over the write's named parameters
     * @param onChange its value in the row already there: an expression over the row's own columns, qualified by the
     *                 table's name (an insert that meets the row evaluates it too); for a row just inserted it must
     *                 give what {@code onInsert} gave
     */
    public record Lookup(String column, String onInsert, String onChange) {

        /** The change's further assignment that fills the column the same way. */
        public String assignment() {
            return column + " = " + onChange;
        }
    }

    /**
     * What a statement's text depends on: the same shape, the same text. The columns are a set: their values are
     * bound by name, so a text built for one order of them serves every order.
     */
    private record Shape(String table, String keyColumn, boolean insert, String extra, Lookup lookup,
                         Set<String> columns) {
    }

    /**
     * The text of each shape written so far, built once: every batch writes the same few shapes for thousands of
     * rows, and a text built anew is hashed anew where it is grouped and where the driver's statement is looked up.
     * Bounded, in case some projection's writes come in ever new shapes.
     */
    private static final Map<Shape, String> STATEMENTS = new ConcurrentHashMap<>();
    private static final int MAX_STATEMENTS = 2_000;

    private final String table;
    private final String keyColumn;
    private final Object key;
    private final boolean insert;
    /** Further assignments in SQL (a column filled from another table, say), or null; never on an insert. */
    private final String extra;
    /** The column an insert fills from another table, or null; never on a change. */
    private final Lookup lookup;
    private final Map<String, Object> columns;
    private long sequence;
    private Instant recordedAt;

    private RowWrite(String table, String keyColumn, Object key, boolean insert, String extra, Lookup lookup,
                     Map<String, ?> columns, long sequence, Instant recordedAt) {
        this.table = table;
        this.keyColumn = keyColumn;
        this.key = Objects.requireNonNull(key, "key");
        this.insert = insert;
        this.extra = extra;
        this.lookup = lookup;
        this.columns = new LinkedHashMap<>(columns);
        this.sequence = sequence;
        this.recordedAt = recordedAt;
    }

    /** The row's first write, by its aggregate's event {@code sequence}. */
    public static RowWrite insert(String table, String keyColumn, Object key, long sequence, Instant recordedAt,
                                  Map<String, ?> columns) {
        return insert(table, keyColumn, key, sequence, recordedAt, columns, null);
    }

    /** The row's first write, filling a column from another table as well ({@code lookup}, or null). */
    public static RowWrite insert(String table, String keyColumn, Object key, long sequence, Instant recordedAt,
                                  Map<String, ?> columns, Lookup lookup) {
        return new RowWrite(table, keyColumn, key, true, null, lookup, columns, sequence, recordedAt);
    }

    /**
     * A change of the row by its aggregate's event {@code sequence}.
     *
     * @param extra further assignments in SQL, evaluated against the row as the statement finds it, or null
     */
    public static RowWrite change(String table, String keyColumn, Object key, long sequence, Instant recordedAt,
                                  Map<String, ?> columns, String extra) {
        return new RowWrite(table, keyColumn, key, false, extra, null, columns, sequence, recordedAt);
    }

    /** What the write is about, the key of its row. */
    public Object key() {
        return key;
    }

    /**
     * Takes a later write of the same row into this one, if it can: a change after this write, with the same further
     * assignments (after an insert: none, or the assignment of the insert's lookup).
     *
     * @return whether it did; if not, the later write has to run as a statement of its own after this one
     */
    boolean fold(RowWrite later) {
        boolean sameRow = table.equals(later.table) && keyColumn.equals(later.keyColumn) && key.equals(later.key);
        boolean foldable = !later.insert && later.sequence > sequence
                && (insert ? later.extra == null || lookup != null && later.extra.equals(lookup.assignment())
                        : Objects.equals(extra, later.extra));
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
        // Looked up by the row's own columns, without copying them: a shape is stored with a copy.
        String known = STATEMENTS.get(new Shape(table, keyColumn, insert, extra, lookup, columns.keySet()));
        if (known != null) {
            return known;
        }
        String sql = insert ? insertSql() : updateSql();
        if (STATEMENTS.size() < MAX_STATEMENTS) {
            STATEMENTS.putIfAbsent(new Shape(table, keyColumn, insert, extra, lookup, Set.copyOf(columns.keySet())),
                    sql);
        }
        return sql;
    }

    private String insertSql() {
        String names = String.join(", ", columns.keySet());
        String values = columns.keySet().stream().map(c -> ":" + c).collect(Collectors.joining(", "));
        String updates = columns.keySet().stream().map(c -> c + " = excluded." + c)
                .collect(Collectors.joining(", "));
        if (lookup != null) {
            names = join(names, lookup.column());
            values = join(values, lookup.onInsert());
            updates = join(updates, lookup.assignment());
        }
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

    private static String join(String list, String more) {
        return list.isEmpty() ? more : list + ", " + more;
    }

    @Override
    public Object value(String parameter) {
        switch (parameter) {
            case "row_key":
                return key;
            case "sequence_number":
                return sequence;
            case "last_recorded_at":
                return SqlValues.timestamp(recordedAt);
            default:
                Object value = columns.get(parameter);
                if (value == null && !columns.containsKey(parameter)) {
                    throw new IllegalArgumentException("no column " + parameter + " in the write of " + table);
                }
                return value;
        }
    }

    /** The statement's parameters, for running it at once outside {@link BatchedWrites}. */
    public SqlParameterSource parameters() {
        MapSqlParameterSource parameters = new MapSqlParameterSource(columns);
        for (String own : List.of("row_key", "sequence_number", "last_recorded_at")) {
            parameters.addValue(own, value(own));
        }
        return parameters;
    }
}
