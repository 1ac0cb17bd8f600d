-- The persistent deadlines a case has scheduled (supervision, bad-review follow-up, deficiency lapse): the schedule
-- id Axon's deadline manager returned, which is db-scheduler's task_instance in scheduled_tasks. A case cancels its
-- deadlines by these ids, in the command's transaction, instead of reading every case's scheduled deadlines.
create table case_deadline (
    schedule_id   varchar(64) not null primary key,
    case_id       varchar(64) not null,
    deadline_name varchar(64) not null
);

create index case_deadline_case on case_deadline (case_id, deadline_name);
