package org.quanli.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Where a text is stored in clear: for tests that prove personal data never is. */
public final class ClearText {

    private ClearText() {
    }

    /** The tables of the schema with rows holding the text: in a text column, or as UTF-8 bytes in a binary one. */
    public static Map<String, Long> tablesHolding(JdbcClient jdbc, String text) {
        Map<String, Long> found = new HashMap<>();
        List<String> tables = jdbc.sql("""
                select table_name from information_schema.tables
                where table_schema = current_schema() and table_type = 'BASE TABLE'""").query(String.class).list();
        for (String table : tables) {
            List<String> conditions = jdbc.sql("""
                    select case when data_type = 'bytea'
                                then 'position(convert_to(:text, ''UTF8'') in ' || quote_ident(column_name) || ') > 0'
                                else 'strpos(' || quote_ident(column_name) || '::text, :text) > 0' end
                    from information_schema.columns
                    where table_schema = current_schema() and table_name = ?""").param(table)
                    .query(String.class).list();
            long rows = jdbc.sql("select count(*) from " + table + " where " + String.join(" or ", conditions))
                    .param("text", text).query(Long.class).single();
            if (rows > 0) {
                found.put(table, rows);
            }
        }
        return found;
    }
}
