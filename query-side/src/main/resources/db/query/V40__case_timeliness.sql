-- Case statistics (definitions v1): one fact row per case with what the published figures need, kept by the
-- case-timeliness projection. The figures are SQL aggregates over these rows; the item figures read the published
-- list (published_item_version). Rebuilt from the event store on replay. A jurisdiction's bodies are looked up in
-- body_view when asked, never copied here: a copy would depend on how far the places projection had got.

create table case_timeliness (
    case_id             varchar(36)  not null primary key,
    body_id             varchar(18)  not null,
    item_id             varchar(36)  not null,
    item_version        integer,                -- from acceptance on, the version the case is handled under
    window_name         varchar(100),           -- null online or unknown
    channel             varchar(8)   not null,
    case_type           varchar(16),            -- IMMEDIATE / PROMISED, as fixed at acceptance
    legal_limit_days    integer,
    promised_days       integer,
    received_on         date         not null,
    accepted_on         date,
    concluded_on        date,
    not_accepted_on     date,
    withdrawn_on        date,
    terminated_on       date,
    closed_on           date,                   -- the day the case stopped being in hand, whichever way it ended
    working_days        integer,                -- at conclusion, suspension excluded
    on_time             boolean,
    deadline            date,                   -- the latest deadline the case's events carried
    clock_stopped_since date,                   -- start of the special procedure in progress, null if none
    satisfaction        varchar(24),
    satisfied           boolean,                -- very satisfied, satisfied or basically satisfied
    evaluated_on        date,
    rating_excluded     boolean      not null default false,
    sequence_number     bigint       not null,  -- the case's last event taken in: replays never step back
    last_recorded_at    timestamptz  not null
);

-- Each figure counts one date column over the period: by body (the usual dimension, jurisdictions too through
-- body_view), and by the date alone for the whole ledger, an item or a window.
create index case_timeliness_body_accepted on case_timeliness (body_id, accepted_on) where accepted_on is not null;
create index case_timeliness_body_concluded on case_timeliness (body_id, concluded_on) where concluded_on is not null;
create index case_timeliness_accepted on case_timeliness (accepted_on, item_id) where accepted_on is not null;
create index case_timeliness_concluded on case_timeliness (concluded_on, item_id) where concluded_on is not null;
create index case_timeliness_not_accepted on case_timeliness (not_accepted_on, body_id)
    where not_accepted_on is not null;
create index case_timeliness_withdrawn on case_timeliness (withdrawn_on, body_id) where withdrawn_on is not null;
create index case_timeliness_evaluated on case_timeliness (evaluated_on, body_id) where evaluated_on is not null;
-- Cases that are or were open past their deadline: the only ones the overdue-open count at a date can find.
create index case_timeliness_overdue on case_timeliness (deadline, body_id)
    where deadline is not null and (closed_on is null or closed_on > deadline);
