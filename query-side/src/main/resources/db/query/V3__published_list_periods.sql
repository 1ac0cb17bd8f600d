-- The published list over time, as periods during which one version of an item stood on one body's list. A period
-- is opened by a decision (publication, amendment, resumption, passing to a successor body) and closed by the next
-- one; both decisions keep their document and the time they were recorded, so the list can be read as of an
-- effective date and as known at a recorded time (back-dated decisions are common). Rebuilt from the events.
drop table published_item_version;

create table published_item_version (
    item_id             varchar(36)  not null,
    opened_sequence     bigint       not null,  -- sequence number of the opening event in the item's stream
    opened_by           varchar(16)  not null,  -- PUBLISH, AMEND, RESUME, PASSED
    version             integer      not null,
    effective_from      date         not null,
    effective_to        date,                   -- exclusive; null while open
    body_id             varchar(18)  not null,
    jurisdiction_code   varchar(12)  not null,
    name                text         not null,
    type_code           varchar(4)   not null,
    exercise_level_code varchar(4),
    catalogue_code      text,
    implementation_code text,
    legal_limit_days    integer      not null,
    promised_limit_days integer      not null,
    is_public           boolean      not null,
    content             jsonb        not null,  -- the full content of the version
    document_number     text         not null,  -- the decision that opened the period
    recorded_at         timestamptz  not null,  -- when that decision was recorded
    ended_by            varchar(16),            -- AMEND, CANCEL, TRANSFER_OUT, MERGE, SUSPEND, PASSED, DEVOLVE
    end_document_number text,
    end_recorded_at     timestamptz,
    primary key (item_id, opened_sequence),
    constraint published_item_version_order check (effective_to is null or effective_to >= effective_from),
    constraint published_item_version_end check ((effective_to is null) = (ended_by is null))
);
-- Lists by place on a date: the range test is answered from the index before the table is read.
create index published_item_version_jurisdiction
    on published_item_version (jurisdiction_code, effective_from, effective_to);
create index published_item_version_body on published_item_version (body_id, effective_from, effective_to);
-- The open period of an item, which every later decision closes.
create index published_item_version_open on published_item_version (item_id) where ended_by is null;

-- Clean-up outcomes decided for items (取消, 转移, 整合, 暂停, 恢复, 保留; 下放 comes with delegation), for the
-- clean-up statistics. Kept apart from the periods because KEEP changes no period.
create table cleanup_outcome (
    item_id           varchar(36)  not null,
    sequence_number   bigint       not null,  -- of the deciding event in the item's stream
    body_id           varchar(18)  not null,
    jurisdiction_code varchar(12)  not null,
    outcome           varchar(16)  not null,  -- CANCEL, TRANSFER_OUT, MERGE, SUSPEND, RESUME, KEEP, DEVOLVE
    effective_date    date         not null,
    document_number   text         not null,
    recorded_at       timestamptz  not null,
    primary key (item_id, sequence_number)
);
create index cleanup_outcome_jurisdiction on cleanup_outcome (jurisdiction_code, effective_date);
create index cleanup_outcome_body on cleanup_outcome (body_id, effective_date);
