-- The last failure of each segment of each streaming processor, written by whichever node failed, so that the
-- status and health of every node tell the truth about segments claimed elsewhere.
create table projection_segment_error (
    processor_name   varchar(255)             not null,
    segment          integer                  not null,
    position         bigint,
    error            varchar(2000)            not null,
    first_failed_at  timestamp(6) with time zone not null,
    last_failed_at   timestamp(6) with time zone not null,
    failures         bigint                   not null,
    primary key (processor_name, segment)
);
