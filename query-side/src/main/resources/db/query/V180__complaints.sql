-- Complaints (投诉) on the query side, kept by the complaint projections from the Complaint aggregate's events and
-- rebuilt from the event store on replay. The complainant's identity is never here in clear: complaint_complainant
-- holds it sealed (ciphertext under the person's data key), complaint_view a masked copy.

-- Every event of every complaint, in order: the date (and for the receipt the time) it is about kept apart from the
-- time it was recorded, who recorded it, and the facts of the step without the complainant's identity.
create table complaint_trail (
    event_id        varchar(36)  not null primary key,
    complaint_id    varchar(36)  not null,
    sequence_number bigint       not null,
    position        bigint       not null,   -- the event's own global index in the store
    event_type      varchar(64)  not null,
    label           varchar(200) not null,
    about_date      date,                    -- the date the step is about (payload)
    about_time      timestamp,               -- the receipt's date and time, Beijing (payload), for a receipt only
    recorded_at     timestamptz  not null,   -- when the ledger recorded it (event timestamp)
    actor_user_id   varchar(100),
    actor_name      varchar(200),
    actor_role      varchar(32),
    actor_body      varchar(18),
    body_id         varchar(18),             -- the body the step concerns (complained about, or responsible)
    round           integer,                 -- the reply limit the step belongs to (1, 2 after a reopening …)
    due_on          date,                    -- that limit's last working day, where the step carries it
    facts           jsonb        not null
);
create unique index complaint_trail_sequence on complaint_trail (complaint_id, sequence_number);

-- One row per complaint: where it stands, and the facts the statistics count.
create table complaint_view (
    complaint_id             varchar(36)  not null primary key,
    channel                  varchar(16)  not null,
    category                 varchar(24)  not null,
    received_at              timestamp    not null,   -- Beijing time, as received
    received_on              date         not null,
    text                     text         not null,   -- the complaint as written; never in a public answer
    anonymous                boolean      not null,
    complainant_name         varchar(200),            -- masked copy (张*); null when anonymous
    complainant_phone        varchar(40),             -- masked copy (138****5678)
    body_id                  varchar(18)  not null,   -- the body complained about
    jurisdiction_code        varchar(12)  not null,
    item_id                  varchar(36),
    case_id                  varchar(36),
    registered_by_body_id    varchar(18),
    responsible_body_id      varchar(18),             -- the body that must answer now
    transfers_on             integer      not null default 0,   -- passed on by a body not responsible
    status                   varchar(16)  not null,
    round                    integer      not null default 0,
    limit_days               integer,
    due_on                   date,
    accepted_on              date,
    concluded_on             date,                    -- the latest conclusion
    concluded_within_limit   boolean,
    outcome                  varchar(24),
    replied_on               date,                    -- the latest reply (反馈)
    replied_within_limit     boolean,
    first_replied_on         date,
    public_reply             text,                    -- published reply, personal numbers and names masked
    rating                   varchar(24),             -- the latest rating
    rated_on                 date,
    reopened_on              date,
    escalated_on             date,
    flag_level               varchar(8),              -- the highest flag of the current round
    flagged_on               date,
    sequence_number          bigint       not null,   -- the complaint's last event taken in: replays never step back
    last_recorded_at         timestamptz  not null
);
create index complaint_view_received on complaint_view (received_on, body_id);
create index complaint_view_concluded on complaint_view (concluded_on, body_id) where concluded_on is not null;
create index complaint_view_rated on complaint_view (rated_on, body_id) where rated_on is not null;
create index complaint_view_reopened on complaint_view (reopened_on, body_id) where reopened_on is not null;
create index complaint_view_escalated on complaint_view (escalated_on, body_id) where escalated_on is not null;
create index complaint_view_responsible on complaint_view (responsible_body_id, received_on);
create index complaint_view_case on complaint_view (case_id) where case_id is not null;
create index complaint_view_item on complaint_view (item_id, received_on) where item_id is not null;
create index complaint_view_public_reply on complaint_view (replied_on, body_id) where public_reply is not null;

-- The complainant, sealed (PersonalDataCodec): the person's subject id next to the ciphertext.
create table complaint_complainant (
    complaint_id  varchar(36)  not null primary key,
    subject_id    varchar(64),
    sealed        text         not null
);
create index complaint_complainant_subject on complaint_complainant (subject_id);

-- Each reply limit a complaint ran under: from a transfer, an escalation or a reopening until the reply (or the next
-- limit). What the overdue-open stock at a date counts.
create table complaint_round (
    complaint_id  varchar(36)  not null,
    round         integer      not null,
    body_id       varchar(18)  not null,
    started_on    date         not null,
    due_on        date         not null,
    ended_on      date,                   -- replied, or superseded by the next limit
    primary key (complaint_id, round)
);
create index complaint_round_due on complaint_round (due_on) where ended_on is null or ended_on > due_on;

-- Unmasked views of a complainant go into the same access log as applicants', told apart by the record's kind.
alter table personal_data_access add column record_kind varchar(16) not null default 'CASE';
