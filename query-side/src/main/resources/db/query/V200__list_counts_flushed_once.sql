-- The counts' flush (V170) is a deferred row trigger: at commit it fires once for every period the transaction
-- wrote. The first firing adds the transaction's changes; each later one looked for more in the index of
-- published_list_count_pending, past the entries the first had deleted, so a transaction of n periods cost n times n
-- (5,000 periods: 0.85 s at commit). The row trigger now notes in a transaction-local setting that changes are
-- pending, and a firing with nothing noted returns at once. Rolled back with the changes when a savepoint is.
create or replace function published_list_count_change(p item_holding_period, sign integer) returns void
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
    perform set_config('quanli.list_counts_pending', 'on', true);
end $$;

create or replace function published_list_count_flush() returns trigger
    language plpgsql as $$
begin
    if current_setting('quanli.list_counts_pending', true) is distinct from 'on' then
        return null;
    end if;
    perform set_config('quanli.list_counts_pending', 'off', true);
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
