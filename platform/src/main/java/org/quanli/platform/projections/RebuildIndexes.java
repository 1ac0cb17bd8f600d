package org.quanli.platform.projections;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.axonframework.common.transaction.TransactionManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sets aside the indexes of the tables a bulk rebuild fills ({@link IndexedAfterBulkRebuild}) and builds them again.
 * A dropped index's definition is kept in {@code bulk_rebuild_index}, written in the transaction that drops it, so
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

    /** Drops the tables' indexes that are neither unique nor a constraint's, keeping their definitions. */
    public void setAside(Collection<String> tables) {
        if (tables.isEmpty()) {
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
            for (String index : jdbc.sql("""
                            select index_name from bulk_rebuild_index
                            where table_name in (:tables) and to_regclass(index_name) is not null
                            order by index_name""")
                    .param("tables", List.copyOf(tables)).query(String.class).list()) {
                jdbc.sql("drop index " + index).update();
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
