-- Which body held each item between which effective dates, and the item's kind and power source: what
-- delegation decisions (and later the acceptance of cases) check "on the effective date", not merely today.
alter table item_directory add column type_code varchar(2);
alter table item_directory add column power_source varchar(32) not null default 'STATUTORY';

create table item_holding (
    item_id           varchar(36) not null,
    body_id           varchar(18) not null,
    jurisdiction_code varchar(12) not null,
    effective_from    date        not null,
    effective_to      date,                -- exclusive; null while held
    primary key (item_id, effective_from, body_id)
);
create index item_holding_body on item_holding (body_id, effective_from);
