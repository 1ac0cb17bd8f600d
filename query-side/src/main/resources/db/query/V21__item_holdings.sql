-- Who held each item in force between which effective dates, and what each version of it was: the query side's own
-- answer to "may body B accept cases of item X on date D", and the ground of the lineage and of the findings.

-- A body's level and the event that registered it (the evidence of "a village-level body").
create table delegation_body_view (
    body_id           varchar(18) not null primary key,
    jurisdiction_code varchar(12) not null,
    level             varchar(16) not null,
    event_id          varchar(36) not null,
    position          bigint      not null
);

-- Where an item's power comes from: published by its body (STATUTORY), or received by a delegation.
create table holding_item_view (
    item_id          varchar(36)  not null primary key,
    body_id          varchar(18)  not null,   -- the body that published or received it
    jurisdiction_code varchar(12) not null,
    power_source     varchar(32)  not null,
    document_number  varchar(100) not null,
    effective_date   date         not null,
    source_item_id   varchar(36),             -- received items: the item they were sent down from
    source_body_id   varchar(18),
    delegation_id    varchar(36),
    mode             varchar(16),
    event_type       varchar(64)  not null,   -- PowerItemPublished or PowerItemReceived
    event_id         varchar(36)  not null,
    position         bigint       not null
);
create index holding_item_view_source on holding_item_view (source_item_id);
create index holding_item_view_delegation on holding_item_view (delegation_id);

create table holding_item_version (
    item_id         varchar(36)  not null,
    version         integer      not null,
    name            varchar(200) not null,
    type_code       varchar(2)   not null,
    document_number varchar(100) not null,
    effective_from  date         not null,
    event_type      varchar(64)  not null,
    event_id        varchar(36)  not null,
    position        bigint       not null,
    primary key (item_id, version)
);

create table holding_period (
    item_id           varchar(36)  not null,
    effective_from    date         not null,
    body_id           varchar(18)  not null,
    jurisdiction_code varchar(12)  not null,
    effective_to      date,                    -- exclusive; null while held
    opened_by         varchar(32)  not null,   -- PUBLISHED, RECEIVED, PASSED_TO_SUCCESSOR, RESUMED, RESTORED
    open_document     varchar(100) not null,
    open_event_id     varchar(36)  not null,
    open_position     bigint       not null,
    ended_by          varchar(32),             -- CANCELLED, TRANSFERRED, MERGED, SUSPENDED, DEVOLVED, RECALLED, PASSED_TO_SUCCESSOR
    end_document      varchar(100),
    primary key (item_id, effective_from, body_id)
);
create index holding_period_body on holding_period (body_id, effective_from);
