package org.quanli.ops.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What PostgreSQL spent on each statement over a phase, from {@code pg_stat_statements}: with
 * {@code -Dbench.pgStatements=true} the embedded cluster loads it (planning counted too) and a phase lists its most
 * expensive statements per event. Execution and planning only: a commit's flush of the WAL is no statement's.
 */
final class PgStatements {

    private final JdbcClient jdbc;

    private PgStatements(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static boolean wanted() {
        return Boolean.getBoolean("bench.pgStatements");
    }

    /** The application's arguments that load the extension into the embedded cluster; none unless wanted. */
    static List<String> settings() {
        return wanted() ? List.of("--quanli.embedded-db.settings.shared_preload_libraries=pg_stat_statements",
                "--quanli.embedded-db.settings[pg_stat_statements.track_planning]=on",
                "--quanli.embedded-db.settings[pg_stat_statements.max]=2000") : List.of();
    }

    /** Forgets what was counted so far; null unless wanted. */
    static PgStatements start(JdbcClient jdbc) {
        if (!wanted()) {
            return null;
        }
        jdbc.sql("create extension if not exists pg_stat_statements").update();
        jdbc.sql("select pg_stat_statements_reset()").query().singleValue();
        return new PgStatements(jdbc);
    }

    /** The most expensive statements since the start, per event of the phase, and their sum. */
    List<String> perEvent(long events, int top) {
        List<String> rows = new ArrayList<>();
        String own = " from pg_stat_statements where dbid = (select oid from pg_database where datname ="
                + " current_database())";
        jdbc.sql("select sum(calls), sum(total_exec_time), sum(total_plan_time)" + own).query(result -> {
            rows.add(String.format(Locale.ROOT, "  pg_stat_statements, per event: %.3f statements, %.4f ms executing,"
                            + " %.4f ms planning", result.getDouble(1) / events, result.getDouble(2) / events,
                    result.getDouble(3) / events));
        });
        jdbc.sql("select calls, total_exec_time, total_plan_time, rows, query" + own
                        + " order by total_exec_time + total_plan_time desc limit ?").param(top)
                .query(result -> {
                    long calls = result.getLong(1);
                    rows.add(String.format(Locale.ROOT, "    %8.4f calls %8.5f ms exec %8.5f ms plan %7.1f rows/call  %s",
                            calls / (double) events, result.getDouble(2) / events, result.getDouble(3) / events,
                            calls == 0 ? 0 : result.getLong(4) / (double) calls, oneLine(result.getString(5))));
                });
        return rows;
    }

    private static String oneLine(String query) {
        String line = query.replaceAll("\\s+", " ").strip();
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }
}
