-- Lists (the listed periods, published_item_version) read a page at a time in list order (type, name, item) and
-- continue after the last row shown (keyset), so a page costs the same at the first page as at the thousandth, and
-- at a thousand items as at a hundred thousand.
create index item_holding_period_jurisdiction_order
    on item_holding_period (jurisdiction_code, type_code, name, item_id) where listed;
create index item_holding_period_body_order
    on item_holding_period (body_id, type_code, name, item_id) where listed;

-- How many items stand on a list on a date, by place, type, level and publicity, without counting the rows: each
-- listed period adds one on the day it takes effect and takes one away on the day it ends, so the items on the list
-- on a date (as the ledger knows it now) are the sum of the changes on or before that date. Kept in the transaction
-- that writes the periods, whatever writes them (one row or a batch), and emptied with them, by the triggers below.
-- Only keys whose changes do not sum to zero have a row, so a rebuild gives the same rows however it is batched.
create table published_list_count (
    jurisdiction_code   varchar(12) not null,
    body_id             varchar(18) not null,
    type_code           varchar(4)  not null,
    exercise_level_code varchar(4)  not null,  -- '' when the item names none
    is_public           boolean     not null,
    effective_date      date        not null,
    change              bigint      not null,
    primary key (jurisdiction_code, body_id, type_code, exercise_level_code, is_public, effective_date)
);
create index published_list_count_body on published_list_count (body_id, effective_date);
create index published_list_count_zero on published_list_count (jurisdiction_code) where change = 0;

-- A transaction's changes, gathered row by row and added to the counts once, at commit, in key order: projection
-- segments write concurrently, and adding in one order keeps two of them from locking the same counts in opposite
-- orders (a deadlock). Empty outside a transaction.
create table published_list_count_pending (
    transaction_id      bigint      not null,
    jurisdiction_code   varchar(12) not null,
    body_id             varchar(18) not null,
    type_code           varchar(4)  not null,
    exercise_level_code varchar(4)  not null,
    is_public           boolean     not null,
    effective_date      date        not null,
    change              bigint      not null,
    primary key (transaction_id, jurisdiction_code, body_id, type_code, exercise_level_code, is_public,
                 effective_date)
);

create function published_list_count_change(p item_holding_period, sign integer) returns void
    language plpgsql as $$
begin
    if not p.listed then
        return;
    end if;
    insert into published_list_count_pending as c (transaction_id, jurisdiction_code, body_id, type_code,
                                                   exercise_level_code, is_public, effective_date, change)
    select txid_current(), p.jurisdiction_code, p.body_id, p.type_code, coalesce(p.exercise_level_code, ''),
           p.is_public, d.day, sum(d.change) * sign
    from (values (p.effective_from, 1), (p.effective_to, -1)) d(day, change)
    where d.day is not null
    group by d.day  -- a period ended on the day it took effect changes one day twice
    on conflict (transaction_id, jurisdiction_code, body_id, type_code, exercise_level_code, is_public,
                 effective_date)
        do update set change = c.change + excluded.change;
end $$;

create function published_list_count_row() returns trigger
    language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        perform published_list_count_change(old, -1);
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        perform published_list_count_change(new, 1);
    end if;
    return null;
end $$;

-- At commit: the first call adds the transaction's changes, the others find nothing left to add.
create function published_list_count_flush() returns trigger
    language plpgsql as $$
begin
    with taken as (
        delete from published_list_count_pending where transaction_id = txid_current()
        returning jurisdiction_code, body_id, type_code, exercise_level_code, is_public, effective_date, change)
    insert into published_list_count as c (jurisdiction_code, body_id, type_code, exercise_level_code, is_public,
                                           effective_date, change)
    select jurisdiction_code, body_id, type_code, exercise_level_code, is_public, effective_date, sum(change)
    from taken
    group by 1, 2, 3, 4, 5, 6
    order by 1, 2, 3, 4, 5, 6
    on conflict (jurisdiction_code, body_id, type_code, exercise_level_code, is_public, effective_date)
        do update set change = c.change + excluded.change;
    delete from published_list_count where change = 0;
    return null;
end $$;

create function published_list_count_truncate() returns trigger
    language plpgsql as $$
begin
    truncate published_list_count, published_list_count_pending;
    return null;
end $$;

create trigger published_list_count_row
    after insert or delete or update of effective_from, effective_to, jurisdiction_code, body_id, type_code,
        exercise_level_code, is_public, listed
    on item_holding_period for each row execute function published_list_count_row();
create constraint trigger published_list_count_flush
    after insert or delete or update of effective_from, effective_to, jurisdiction_code, body_id, type_code,
        exercise_level_code, is_public, listed
    on item_holding_period deferrable initially deferred
    for each row execute function published_list_count_flush();
create trigger published_list_count_truncate
    after truncate on item_holding_period for each statement execute function published_list_count_truncate();

-- The counts of the listed periods already projected.
insert into published_list_count (jurisdiction_code, body_id, type_code, exercise_level_code, is_public,
                                  effective_date, change)
select p.jurisdiction_code, p.body_id, p.type_code, coalesce(p.exercise_level_code, ''), p.is_public, d.day,
       sum(d.change)
from item_holding_period p
cross join lateral (values (p.effective_from, 1), (p.effective_to, -1)) d(day, change)
where p.listed and d.day is not null
group by 1, 2, 3, 4, 5, 6
having sum(d.change) <> 0;
