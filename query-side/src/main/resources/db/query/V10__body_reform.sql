-- Institutional reform (机构改革): a body's status and successor, and every name it bore with the effective dates
-- between which it bore it, so that histories and lists can name a body as it was called on a date.
alter table body_view add column status varchar(16) not null default 'ACTIVE';
alter table body_view add column successor_body_id varchar(18);
alter table body_view add column end_document_number varchar(100);  -- the decision that merged or abolished it
alter table body_view add column end_effective_date date;
create index body_view_successor on body_view (successor_body_id);

create table body_name_period (
    body_id         varchar(18)  not null,
    sequence_number bigint       not null,   -- the body's event that gave it this name
    name            varchar(200) not null,
    effective_from  date,                    -- null: the name it was registered with, borne since before the ledger
    effective_to    date,                    -- exclusive; null while it is the current name
    document_number varchar(100),            -- the renaming document; null for the registered name
    recorded_at     timestamptz  not null,
    primary key (body_id, sequence_number)
);
