-- Bulk imports of published lists (back-filling history). The events are the truth about items; these rows only
-- track the work of an import: its progress, the rows it could not take, and which process is running it.
create table import_job (
    job_id          varchar(36)   not null primary key,
    status          varchar(16)   not null,
    file_name       varchar(255),
    format          varchar(8)    not null,
    document_number varchar(100)  not null,
    effective_date  date          not null,
    started_by      varchar(100)  not null,
    started_by_name varchar(200),
    started_by_body varchar(18),
    total           integer       not null,
    processed       integer       not null,
    created         integer       not null,
    already_present integer       not null,
    failed          integer       not null,
    warnings        jsonb         not null,
    failure         varchar(1000),
    runner          varchar(36)   not null,  -- the process running the job
    started_at      timestamptz   not null,
    heartbeat_at    timestamptz   not null,  -- last progress written: a stale one means the runner is gone
    finished_at     timestamptz
);
create index import_job_started on import_job (started_at desc, job_id);
create index import_job_body_started on import_job (started_by_body, started_at desc, job_id);
create index import_job_running on import_job (heartbeat_at) where status = 'RUNNING';

create table import_job_error (
    job_id      varchar(36)   not null references import_job (job_id) on delete cascade,
    ordinal     integer       not null,
    row_number  integer       not null,
    column_name varchar(200),
    reason      varchar(1000) not null,
    primary key (job_id, ordinal)
);
