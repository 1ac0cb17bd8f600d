-- Delegations (下放, 赋权, 委托) as facts, one row per fact, from the delegation's own events. Findings are not
-- stored: they are derived from these facts at a reference date when asked. Every table can be rebuilt from events.

create table delegation_view (
    delegation_id              varchar(36)  not null primary key,
    mode                       varchar(16)  not null,
    deciding_jurisdiction_code varchar(12)  not null,
    document_number            varchar(100) not null,
    effective_date             date         not null,
    transition_end             date,                  -- DEVOLVE: last day the upper body acts on the receivers' behalf
    term_end                   date,                  -- ENTRUST: the announced term
    event_id                   varchar(36)  not null, -- DelegationDecided
    position                   bigint       not null, -- its global index in the event store
    recorded_at                timestamptz  not null,
    recall_document_number     varchar(100),
    recall_effective_date      date,
    recall_event_id            varchar(36),
    recall_position            bigint
);
create index delegation_view_jurisdiction on delegation_view (deciding_jurisdiction_code, effective_date);

-- The items a delegation sent down, as they stood on its effective date.
create table delegation_item_view (
    delegation_id            varchar(36) not null,
    item_id                  varchar(36) not null,
    source_body_id           varchar(18) not null,
    source_jurisdiction_code varchar(12) not null,
    type_code                varchar(2)  not null,
    primary key (delegation_id, item_id)
);
create index delegation_item_view_item on delegation_item_view (item_id);
create index delegation_item_view_body on delegation_item_view (source_body_id);

create table delegation_receiver_view (
    delegation_id      varchar(36) not null,
    receiver_body_id   varchar(18) not null,
    jurisdiction_code  varchar(12) not null,
    level              varchar(16) not null,
    confirmed_on       date,                  -- the earliest confirmation (承接)
    confirm_event_id   varchar(36),
    confirm_position   bigint,
    handed_over_on     date,                  -- the receiver took the cases over; acting on its behalf ends the day before
    handover_event_id  varchar(36),
    handover_position  bigint,
    primary key (delegation_id, receiver_body_id)
);
create index delegation_receiver_view_body on delegation_receiver_view (receiver_body_id);

-- Who acts on a receiver's behalf for an item until when (帮办代办), as the decision or an arrangement set it.
-- Its real end (handover, recall) is read from the receiver and the decision, so the rows never need rewriting.
create table delegation_transition_view (
    delegation_id    varchar(36) not null,
    item_id          varchar(36) not null,
    receiver_body_id varchar(18) not null,
    acting_body_id   varchar(18) not null,
    until            date        not null,   -- inclusive
    event_type       varchar(64) not null,   -- DelegationDecided or TransitionArranged
    event_id         varchar(36) not null,
    position         bigint      not null,
    primary key (delegation_id, item_id, receiver_body_id)
);
create index delegation_transition_view_acting on delegation_transition_view (item_id, acting_body_id);

create table capacity_gap_view (
    gap_id            varchar(36)   not null primary key,
    delegation_id     varchar(36)   not null,
    receiver_body_id  varchar(18)   not null,
    kind              varchar(32)   not null,
    description       varchar(1000) not null,
    measure           varchar(1000) not null,
    lead_body_id      varchar(18)   not null,
    deadline          date          not null,
    reported_event_id varchar(36)   not null,
    reported_position bigint        not null,
    closed_on         date,
    remedy            varchar(1000),
    closed_event_id   varchar(36),
    closed_position   bigint
);
create index capacity_gap_view_receiver on capacity_gap_view (receiver_body_id);
create index capacity_gap_view_delegation on capacity_gap_view (delegation_id);

create table delegation_guidance_view (
    event_id       varchar(36)   not null primary key,
    position       bigint        not null,
    delegation_id  varchar(36)   not null,
    giving_body_id varchar(18)   not null,
    given_on       date          not null,
    form           varchar(32)   not null,
    description    varchar(1000)
);
create index delegation_guidance_view_delegation on delegation_guidance_view (delegation_id, giving_body_id, given_on);
