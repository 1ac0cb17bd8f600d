-- Cases (办件) for window officers, auditors and reform offices: one row per case, the applicant's identity apart,
-- every event of every case with the time-limit arithmetic at that step, supervision flags, joint approvals.
-- Every table here can be dropped and rebuilt from the event store.

create table case_view (
    case_id                  varchar(36)  not null primary key,
    item_id                  varchar(36)  not null,
    item_version             integer,                 -- in force on receipt; from acceptance on, the one handled under
    body_id                  varchar(18)  not null,
    jurisdiction_code        varchar(12),             -- the body's, from body_view (null while places lag behind)
    window_name              varchar(100),
    channel                  varchar(8)   not null,
    joint_approval_id        varchar(36),
    -- the applicant masked (Applicant.masked()); the full identity only in case_applicant
    applicant_name           varchar(200) not null,
    applicant_document_type  varchar(40)  not null,
    applicant_document_number varchar(40) not null,
    applicant_phone          varchar(20),
    materials                jsonb        not null,
    status                   varchar(24)  not null,
    received_on              date         not null,
    correction_notice_on     date,
    correction_late          boolean,
    corrected_on             date,
    accepted_on              date,
    deemed_accepted          boolean      not null default false,
    capacity                 varchar(16),
    on_behalf_of_body_id     varchar(18),
    delegation_id            varchar(36),
    case_type                varchar(16),
    legal_limit_days         integer,
    deficiency_supply_by     date,
    deficiency_open          boolean      not null default false,
    decided_on               date,
    granted                  boolean,
    concluded_on             date,
    delivered_on             date,
    ended_on                 date,                    -- not accepted, withdrawn or terminated
    on_time                  boolean,
    extension_requested_days integer,
    extension_after_deadline boolean,
    -- the CaseTime of the latest event that carried one
    time_as_of               date,
    promised_days            integer,
    extension_days           integer,
    suspended_days           integer,
    working_days             integer,
    deadline                 date,
    remaining_days           integer,
    overdue                  boolean      not null default false,
    supervision_level        varchar(8),              -- the highest open flag
    satisfaction             varchar(24),
    rating_channel           varchar(8),
    evaluated_on             date,
    bad_review               boolean,
    follow_up_by             date,
    followed_up_on           date,
    follow_up_in_time        boolean,
    follow_up_satisfaction   varchar(24),
    rating_appeal_open       boolean      not null default false,
    rating_excluded          boolean      not null default false,
    sequence_number          bigint       not null,   -- the case's last event taken in: replays never step back
    last_recorded_at         timestamptz  not null
);
create index case_view_body on case_view (body_id, received_on desc, case_id);
create index case_view_received on case_view (received_on desc, case_id);
create index case_view_accepted on case_view (accepted_on);
create index case_view_item on case_view (item_id, received_on desc);
create index case_view_status on case_view (status, received_on desc);
create index case_view_supervision on case_view (supervision_level) where supervision_level is not null;
create index case_view_deadline on case_view (deadline) where concluded_on is null and ended_on is null;
create index case_view_joint on case_view (joint_approval_id) where joint_approval_id is not null;

-- Personal data: read only for a window officer of the handling body.
create table case_applicant (
    case_id         varchar(36)  not null primary key,
    name            varchar(200) not null,
    document_type   varchar(40)  not null,
    document_number varchar(40)  not null,
    phone           varchar(20)
);

create table case_trail (
    event_id        varchar(36)  not null primary key,
    case_id         varchar(36)  not null,
    sequence_number bigint       not null,
    position        bigint       not null,   -- the event's own global index in the store
    event_type      varchar(64)  not null,
    label           varchar(100) not null,
    about_date      date,                    -- the date the event is about (payload)
    recorded_at     timestamptz  not null,   -- when it was recorded (event timestamp)
    actor_user_id   varchar(100),
    actor_name      varchar(200),
    actor_role      varchar(32),
    actor_body      varchar(18),
    item_version    integer,
    time_as_of      date,
    promised_days   integer,
    extension_days  integer,
    suspended_days  integer,
    working_days    integer,
    deadline        date,
    remaining_days  integer,
    overdue         boolean,
    facts           jsonb        not null    -- event-specific facts, never the applicant's identity
);
create unique index case_trail_case_sequence on case_trail (case_id, sequence_number);

create table case_flag (
    event_id          varchar(36)  not null primary key,
    case_id           varchar(36)  not null,
    position          bigint       not null,
    level             varchar(8)   not null,
    trigger           varchar(40)  not null,
    about_date        date         not null,
    detail            text,
    recorded_at       timestamptz  not null,
    body_id           varchar(18)  not null,
    jurisdiction_code varchar(12),
    item_id           varchar(36)  not null,
    closed            boolean      not null default false,
    closed_by_event   varchar(36)
);
create index case_flag_about on case_flag (about_date desc, event_id);
create index case_flag_body on case_flag (body_id, about_date desc);
create index case_flag_level on case_flag (level, trigger, about_date desc);
create index case_flag_case on case_flag (case_id);

create table joint_approval_view (
    joint_approval_id         varchar(36)  not null primary key,
    lead_body_id              varchar(18)  not null,
    project_name              varchar(200) not null,
    window_name               varchar(100),
    applicant_name            varchar(200),           -- masked; the part cases hold the identity
    applicant_document_type   varchar(40),
    applicant_document_number varchar(40),
    materials                 jsonb,
    received_on               date         not null,
    concluded_on              date,
    on_time                   boolean,
    extension_requested_days  integer,
    extension_after_deadline  boolean,
    time_as_of                date,
    promised_days             integer,
    extension_days            integer,
    suspended_days            integer,
    working_days              integer,
    deadline                  date,
    remaining_days            integer,
    overdue                   boolean,
    sequence_number           bigint       not null,
    last_recorded_at          timestamptz  not null
);
create index joint_approval_view_lead on joint_approval_view (lead_body_id, received_on desc);

create table joint_approval_part (
    joint_approval_id varchar(36) not null,
    case_id           varchar(36) not null,
    ordinal           integer     not null,
    item_id           varchar(36) not null,
    body_id           varchar(18) not null,
    state             varchar(16) not null,   -- OPEN, CONCLUDED, ENDED
    ended_on          date,
    outcome           varchar(16),
    primary key (joint_approval_id, case_id)
);
create index joint_approval_part_body on joint_approval_part (body_id);
