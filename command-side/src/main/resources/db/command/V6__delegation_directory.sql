-- Command-side lookup of delegations: which items each one sent down and who acts on whose behalf until when.
-- Kept in the transaction that appends the delegation's events; read by the acceptance check.
create table delegation_item (
    delegation_id  varchar(36) not null,
    item_id        varchar(36) not null,
    body_id        varchar(18) not null,
    mode           varchar(16) not null,
    effective_from date        not null,
    primary key (delegation_id, item_id)
);

create table delegation_transition (
    delegation_id       varchar(36) not null,
    item_id             varchar(36) not null,
    acting_body_id      varchar(18) not null,
    on_behalf_of_body_id varchar(18) not null,
    effective_from      date        not null,
    until               date        not null,  -- inclusive
    handed_over_on      date,                  -- acting ends the day before
    primary key (delegation_id, item_id, on_behalf_of_body_id)
);
create index delegation_transition_acting on delegation_transition (item_id, acting_body_id);
