-- Query-side projections. Every table here can be dropped and rebuilt from the event store.

create table jurisdiction_view (
    code            varchar(12)  not null primary key,
    name            varchar(200) not null,
    level           varchar(16)  not null,
    parent_code     varchar(12),
    functional_zone boolean      not null
);
create index jurisdiction_view_parent on jurisdiction_view (parent_code);

create table body_view (
    body_id                varchar(18)  not null primary key,
    name                   varchar(200) not null,
    jurisdiction_code      varchar(12)  not null,
    nature_code            varchar(2)   not null,
    administrative_subject boolean      not null
);
create index body_view_jurisdiction on body_view (jurisdiction_code);

-- Every item in whatever state, for the people who maintain it.
create table item_view (
    item_id           varchar(36)  not null primary key,
    body_id           varchar(18)  not null,
    jurisdiction_code varchar(12)  not null,
    status            varchar(16)  not null,
    version           bigint       not null,  -- the aggregate's last sequence number: what If-Match carries
    published_version integer,
    content           jsonb        not null,
    last_changed_at   timestamptz  not null
);
create index item_view_body on item_view (body_id);
create index item_view_jurisdiction on item_view (jurisdiction_code, status);

-- Published versions with the effective dates between which each was in force: the list on any date is a range
-- lookup, whatever order the (often back-dated) decisions were recorded in.
create table published_item_version (
    item_id             varchar(36)  not null,
    version             integer      not null,
    body_id             varchar(18)  not null,
    jurisdiction_code   varchar(12)  not null,
    name                varchar(200) not null,
    type_code           varchar(2)   not null,
    legal_limit_days    integer      not null,
    promised_limit_days integer      not null,
    legal_bases         jsonb        not null,
    document_number     varchar(100) not null,
    effective_from      date         not null,
    effective_to        date,                  -- exclusive; null while in force
    recorded_at         timestamptz  not null,
    primary key (item_id, version)
);
create index published_item_version_jurisdiction on published_item_version (jurisdiction_code, effective_from);
create index published_item_version_body on published_item_version (body_id, effective_from);

create table item_history (
    event_id        varchar(36)  not null primary key,
    item_id         varchar(36)  not null,
    sequence_number bigint       not null,
    position        bigint       not null,    -- global index in the event store
    event_type      varchar(64)  not null,
    description     varchar(500) not null,
    actor_user_id   varchar(100),
    actor_name      varchar(200),
    actor_role      varchar(32),
    actor_body      varchar(18),
    document_number varchar(100),
    effective_date  date,
    recorded_at     timestamptz  not null,
    details         jsonb        not null
);
create unique index item_history_item_sequence on item_history (item_id, sequence_number);
