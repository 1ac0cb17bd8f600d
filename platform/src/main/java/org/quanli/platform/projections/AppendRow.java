package org.quanli.platform.projections;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A row only ever inserted, one per event, and never changed (a step of a trail). Written with
 * {@link BatchedWrites#append}: a row already there (its event handed over again) is left as it is, by whichever
 * unique index of its table there is (a bulk rebuild may have set one aside: {@link IndexedAfterBulkRebuild}), and in
 * a bulk rebuild the batch's rows are copied in rather than inserted.
 */
public final class AppendRow implements BatchedWrites.Held {

    /** The table such rows go to, and their columns: the statements built once for all its rows. */
    public record Table(String name, List<String> columns, String insertSql, String copySql,
                        Map<String, Integer> positions) {

        public static Table of(String name, String... columns) {
            List<String> names = List.of(columns);
            Map<String, Integer> positions = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                positions.put(names.get(i), i);
            }
            String list = String.join(", ", names);
            String insert = "insert into " + name + " (" + list + ") values ("
                    + names.stream().map(c -> ":" + c).collect(Collectors.joining(", "))
                    + ") on conflict do nothing";
            return new Table(name, names, insert, "copy " + name + " (" + list + ") from stdin",
                    Map.copyOf(positions));
        }

        /**
         * A row of this table.
         *
         * @param values every column's value by the column's name; a {@code jsonb} column's as
         *               {@link org.quanli.platform.db.SqlValues#json}
         */
        public AppendRow row(Map<String, ?> values) {
            Object[] row = new Object[columns.size()];
            if (values.size() != row.length) {
                throw new IllegalArgumentException("a row of " + name + " has the columns " + columns
                        + ", not " + values.keySet());
            }
            values.forEach((column, value) -> {
                Integer position = positions.get(column);
                if (position == null) {
                    throw new IllegalArgumentException("no column " + column + " in " + name + " " + columns);
                }
                row[position] = value;
            });
            return new AppendRow(this, row);
        }
    }

    private final Table table;
    private final Object[] values;

    private AppendRow(Table table, Object[] values) {
        this.table = table;
        this.values = values;
    }

    Table table() {
        return table;
    }

    /** The row's values in the order of the table's columns. */
    Object[] values() {
        return values;
    }

    @Override
    public String sql() {
        return table.insertSql();
    }

    @Override
    public Object value(String parameter) {
        return values[table.positions().get(parameter)];
    }
}
