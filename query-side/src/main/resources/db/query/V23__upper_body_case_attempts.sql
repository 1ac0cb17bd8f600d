-- Cases a body accepted, or tried to accept and was refused by the ledger's rule (the body could not accept the item
-- on that date), under an item it published itself: the released-on-paper finding (明放暗不放) compares them with the
-- devolutions of those items. Acceptances under received items never match a source item, so they are not kept.

-- The item and body of every case, for the refusals, whose event names neither.
create table case_subject (
    case_id varchar(36) not null primary key,
    item_id varchar(36) not null,
    body_id varchar(18) not null
);

create table case_acceptance_attempt (
    case_id    varchar(36) not null primary key,
    item_id    varchar(36) not null,
    body_id    varchar(18) not null,
    on_date    date        not null,   -- the acceptance date, or the date of the refusal
    outcome    varchar(16) not null,   -- ACCEPTED or REFUSED_BY_RULE
    capacity   varchar(16),            -- ACCEPTED: OWN or ON_BEHALF
    event_type varchar(64) not null,
    event_id   varchar(36) not null,
    position   bigint      not null
);
create index case_acceptance_attempt_item on case_acceptance_attempt (item_id, body_id, on_date);
