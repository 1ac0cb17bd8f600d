package org.quanli.command.powerlist.imports;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.quanli.command.powerlist.imports.ImportReport.ColumnWarning;
import org.quanli.command.powerlist.imports.ImportReport.RowError;
import org.quanli.kernel.identity.Actor;
import org.quanli.platform.db.SqlValues;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The import jobs' rows: created when a job starts, updated a batch of rows at a time, read for progress. */
@Component
class ImportJobStore {

    private static final TypeReference<List<ColumnWarning>> WARNINGS = new TypeReference<>() {
    };
    private static final int MAX_REASON = 1000;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate transaction;
    private final JsonMapper json;
    private final Clock clock;

    ImportJobStore(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate transaction, JsonMapper json,
                   Clock clock) {
        this.jdbc = jdbc;
        this.template = template;
        this.transaction = transaction;
        this.json = json;
        this.clock = clock;
    }

    /** Counters of a running job, written together with the errors found since the last write. */
    static final class Progress {
        int processed;
        int created;
        int alreadyPresent;
        int failed;
        int errorsWritten;
    }

    record NewJob(String jobId, String fileName, String format, String documentNumber, LocalDate effectiveDate,
                  Actor actor, int total, List<ColumnWarning> warnings, String runner) {
    }

    void create(NewJob job, Progress progress, List<RowError> errors) {
        Instant now = clock.instant();
        transaction.executeWithoutResult(status -> {
            jdbc.sql("""
                    insert into import_job (job_id, status, file_name, format, document_number, effective_date,
                        started_by, started_by_name, started_by_body, total, processed, created, already_present,
                        failed, warnings, runner, started_at, heartbeat_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)""")
                    .params(job.jobId(), ImportJobStatus.RUNNING.name(), job.fileName(), job.format(),
                            job.documentNumber(), job.effectiveDate(), job.actor().userId(), job.actor().name(),
                            job.actor().bodyId(), job.total(), progress.processed, progress.created,
                            progress.alreadyPresent, progress.failed, json.writeValueAsString(job.warnings()),
                            job.runner(), SqlValues.timestamp(now), SqlValues.timestamp(now))
                    .update();
            insertErrors(job.jobId(), progress, errors);
        });
    }

    void delete(String jobId) {
        jdbc.sql("delete from import_job where job_id = ?").param(jobId).update();
    }

    /** Writes the counters and the new errors in one transaction, so that a reader sees them agree. */
    void progress(String jobId, Progress progress, List<RowError> newErrors) {
        transaction.executeWithoutResult(status -> {
            jdbc.sql("""
                    update import_job set processed = ?, created = ?, already_present = ?, failed = ?, heartbeat_at = ?
                    where job_id = ?""")
                    .params(progress.processed, progress.created, progress.alreadyPresent, progress.failed,
                            SqlValues.timestamp(clock.instant()), jobId)
                    .update();
            insertErrors(jobId, progress, newErrors);
        });
    }

    void finish(String jobId, Progress progress, List<RowError> newErrors, ImportJobStatus outcome, String failure) {
        transaction.executeWithoutResult(status -> {
            progress(jobId, progress, newErrors);
            jdbc.sql("update import_job set status = ?, failure = ?, finished_at = ? where job_id = ?")
                    .params(outcome.name(), failure, SqlValues.timestamp(clock.instant()), jobId)
                    .update();
        });
    }

    /** Marks INTERRUPTED the running jobs of other processes that have written no progress since {@code before}. */
    int interruptAbandoned(String currentRunner, Instant before) {
        return jdbc.sql("""
                update import_job set status = 'INTERRUPTED', finished_at = ?,
                    failure = '运行该导入的服务已停止,导入未完成;重新导入同一文件即可补齐(已导入的事项不会重复)'
                where status = 'RUNNING' and runner <> ? and heartbeat_at < ?""")
                .params(SqlValues.timestamp(clock.instant()), currentRunner, SqlValues.timestamp(before))
                .update();
    }

    Optional<ImportJob> job(String jobId, int errorsPage, int errorsSize) {
        return jdbc.sql("select j.*, (select count(*) from import_job_error e where e.job_id = j.job_id) as error_count"
                        + " from import_job j where j.job_id = ?")
                .param(jobId)
                .query((rs, n) -> job(rs, errors(jobId, errorsPage, errorsSize)))
                .optional();
    }

    /** @param body null: every body's jobs */
    ImportJob.Page jobs(String body, int page, int size) {
        String where = body == null ? "" : " where j.started_by_body = :body";
        var count = jdbc.sql("select count(*) from import_job j" + where);
        var select = jdbc.sql("select j.*, (select count(*) from import_job_error e where e.job_id = j.job_id)"
                + " as error_count from import_job j" + where
                + " order by j.started_at desc, j.job_id limit :limit offset :offset");
        if (body != null) {
            count = count.param("body", body);
            select = select.param("body", body);
        }
        long total = count.query(Long.class).single();
        List<ImportJob> jobs = select.param("limit", size).param("offset", (long) page * size)
                .query((rs, n) -> job(rs, List.of())).list();
        return new ImportJob.Page(jobs, page, size, total);
    }

    private List<RowError> errors(String jobId, int page, int size) {
        return jdbc.sql("""
                select row_number, column_name, reason from import_job_error where job_id = ?
                order by ordinal limit ? offset ?""")
                .params(jobId, size, (long) page * size)
                .query((rs, n) -> new RowError(rs.getInt(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    private ImportJob job(ResultSet rs, List<RowError> errors) throws SQLException {
        ImportJobStatus status = ImportJobStatus.valueOf(rs.getString("status"));
        return new ImportJob(rs.getString("job_id"), status, status.label(), rs.getString("file_name"),
                rs.getString("format"), rs.getString("document_number"),
                rs.getObject("effective_date", LocalDate.class), rs.getString("started_by"),
                rs.getString("started_by_name"), rs.getString("started_by_body"), rs.getInt("total"),
                rs.getInt("processed"), rs.getInt("created"), rs.getInt("already_present"), rs.getInt("failed"),
                json.readValue(rs.getString("warnings"), WARNINGS), instant(rs, "started_at"),
                instant(rs, "heartbeat_at"), instant(rs, "finished_at"), rs.getString("failure"),
                rs.getLong("error_count"), errors);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private void insertErrors(String jobId, Progress progress, List<RowError> errors) {
        if (errors.isEmpty()) {
            return;
        }
        int[] ordinal = {progress.errorsWritten};
        template.batchUpdate("""
                insert into import_job_error (job_id, ordinal, row_number, column_name, reason) values (?, ?, ?, ?, ?)""",
                errors, 500, (PreparedStatement ps, RowError error) -> {
                    ps.setString(1, jobId);
                    ps.setInt(2, ordinal[0]++);
                    ps.setInt(3, error.row());
                    ps.setString(4, error.column());
                    String reason = error.reason();
                    ps.setString(5, reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason);
                });
        progress.errorsWritten += errors.size();
    }
}
