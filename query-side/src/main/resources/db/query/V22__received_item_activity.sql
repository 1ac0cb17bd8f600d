-- The first case accepted under each received item by each body. Cases do not exist yet: a later case-accepted event
-- fills this table, and the dormant-delegation finding (下放后从未行使) reads it. Until then it stays empty, so every
-- received item past the dormancy threshold shows as dormant, which is what the events say.
create table received_item_activity (
    item_id           varchar(36) not null,
    body_id           varchar(18) not null,
    first_accepted_on date        not null,
    case_id           varchar(36) not null,
    event_type        varchar(64) not null,
    event_id          varchar(36) not null,
    position          bigint      not null,
    primary key (item_id, body_id)
);
create index received_item_activity_accepted on received_item_activity (item_id, first_accepted_on);
