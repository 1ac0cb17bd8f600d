package org.quanli.platform.projections;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.axonframework.common.transaction.TransactionManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sets aside the indexes of the tables a bulk rebuild fills, and the unique keys their projections name
 * ({@link IndexedAfterBulkRebuild}), and builds them again. A dropped index's definition (a key's: the statement that
 * adds it) is kept in {@code bulk_rebuild_index}, written in the transaction that drops it, so
 * that whichever node comes next (the rebuild's own end, or a node starting) builds it again; one node at a time.
 */
@Component
public class RebuildIndexes {

    private final JdbcClient jdbc;
    private final TransactionManager transactions;

    RebuildIndexes(JdbcClient jdbc, TransactionManager transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * Drops the tables' indexes that are neither unique nor a constraint's, and the unique keys named, keeping their
     * definitions.
     *
     * @param keys names of primary-key or unique constraints ({@link IndexedAfterBulkRebuild#keysAfterBulkRebuild})
     */
    public void setAside(Collection<String> tables, Collection<String> keys) {
        if (tables.isEmpty() && keys.isEmpty()) {
            return;
        }
        transactions.executeInTransaction(() -> {
            jdbc.sql("lock table bulk_rebuild_index in exclusive mode").update();
            for (String table : tables) {
                jdbc.sql("""
                                insert into bulk_rebuild_index (index_name, table_name, definition)
                                select i.indexrelid::regclass::text, :table, pg_get_indexdef(i.indexrelid)
                                from pg_index i
                                where i.indrelid = to_regclass(:table) and not i.indisunique and not i.indisprimary
                                  and not exists (select from pg_constraint c where c.conindid = i.indexrelid)
                                on conflict do nothing""")
                        .param("table", table).update();
            }
            for (String key : keys) {
                // Kept as the statement that adds it again; its index has the constraint's name.
                jdbc.sql("""
                                insert into bulk_rebuild_index (index_name, table_name, definition)
                                select c.conname, c.conrelid::regclass::text, 'alter table ' || c.conrelid::regclass
                                    || ' add constraint ' || quote_ident(c.conname) || ' ' || pg_get_constraintdef(c.oid)
                                from pg_constraint c
                                where c.conname = :key and c.contype in ('p', 'u')
                                  and c.connamespace = current_schema()::regnamespace
                                on conflict do nothing""")
                        .param("key", key).update();
            }
            for (Map<String, Object> kept : jdbc.sql("""
                            select index_name, table_name, definition like 'alter table %' as key
                            from bulk_rebuild_index
                            where (table_name in (:tables) or index_name in (:keys))
                              and to_regclass(index_name) is not null
                            order by index_name""")
                    .param("tables", tables.isEmpty() ? List.of("") : List.copyOf(tables))
                    .param("keys", keys.isEmpty() ? List.of("") : List.copyOf(keys))
                    .query().listOfRows()) {
                jdbc.sql((Boolean) kept.get("key")
                        ? "alter table " + kept.get("table_name") + " drop constraint " + kept.get("index_name")
                        : "drop index " + kept.get("index_name")).update();
            }
        });
    }

    /** The indexes set aside now: while a bulk rebuild runs, or after one whose end could not build them again. */
    public List<String> setAside() {
        return jdbc.sql("select index_name from bulk_rebuild_index order by index_name").query(String.class).list();
    }

    /** Builds every index set aside again, each in its own transaction; those another node built are skipped. */
    public void restore() {
        for (String name : setAside()) {
            transactions.executeInTransaction(() -> {
                jdbc.sql("lock table bulk_rebuild_index in exclusive mode").update();
                Map<String, Object> kept = jdbc.sql("""
                                select definition, to_regclass(index_name) is not null as present
                                from bulk_rebuild_index where index_name = :name""")
                        .param("name", name).query().listOfRows().stream().findFirst().orElse(null);
                if (kept == null) {
                    return;
                }
                if (!(Boolean) kept.get("present")) {
                    jdbc.sql((String) kept.get("definition")).update();
                }
                jdbc.sql("delete from bulk_rebuild_index where index_name = :name").param("name", name).update();
            });
        }
    }
}
