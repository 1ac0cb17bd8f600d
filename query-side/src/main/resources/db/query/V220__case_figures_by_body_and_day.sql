-- The sums the case statistics read, kept per body and day, so that a question about bodies or jurisdictions reads
-- a row per body and day instead of a row per case: a city's year of cases is hundreds of thousands of rows, its
-- bodies' days tens of thousands. Each case adds to the day of each date a figure counts (accepted_on,
-- concluded_on, not_accepted_on, withdrawn_on, evaluated_on) what CaseStatisticsQueryHandler would count for it on
-- that day. Kept from case_timeliness by the triggers below, in the transaction that writes it, whatever writes it
-- (a case's events one by one, a batch, a rebuild), and emptied with it; only days whose sums are not all zero
-- have a row, so the rows are the same however the facts were written.
create table case_figures_daily (
    body_id             varchar(18) not null,
    day                 date        not null,
    accepted            bigint      not null,  -- accepted that day
    same_month          bigint      not null,  -- of those, concluded in the month they were accepted
    concluded           bigint      not null,  -- concluded that day, and of those:
    immediate           bigint      not null,
    promised            bigint      not null,
    same_day            bigint      not null,  -- concluded on the day they were accepted
    on_time             bigint      not null,
    late                bigint      not null,
    early               bigint      not null,  -- promised cases done in fewer working days than promised
    promised_days_taken bigint      not null,  -- working days of the promised cases
    days_taken          bigint      not null,  -- working days of the cases with a legal limit
    legal_days          bigint      not null,  -- their legal limits
    not_accepted        bigint      not null,  -- not accepted that day
    withdrawn           bigint      not null,  -- withdrawn that day
    evaluated           bigint      not null,  -- rated that day, the rating not excluded on appeal
    satisfied           bigint      not null,  -- of those, satisfied
    primary key (body_id, day)
);
-- Questions about every body read by day.
create index case_figures_daily_day on case_figures_daily (day);
-- The days whose sums have come back to zero (a case's figures moved to another day), deleted at each flush. The
-- other sums count within these five, so a day with these at zero has every sum at zero.
create index case_figures_daily_empty on case_figures_daily (body_id)
    where accepted = 0 and concluded = 0 and not_accepted = 0 and withdrawn = 0 and evaluated = 0;

-- A transaction's changes, gathered statement by statement and added once, at commit, in key order: the
-- projection's segments write concurrently, and adding in one order keeps two of them from locking the same days in
-- opposite orders. Empty outside a transaction.
create table case_figures_pending (like case_figures_daily);
alter table case_figures_pending add column transaction_id bigint not null;
create index case_figures_pending_transaction on case_figures_pending (transaction_id);

-- What a case counts on each day, given its fact row: the one definition of the sums, read by the triggers, the
-- fill below and the tests that check the kept sums against the facts.
create function case_figure_days(c case_timeliness)
    returns table (body_id varchar, day date, accepted integer, same_month integer, concluded integer,
                   immediate integer, promised integer, same_day integer, on_time integer, late integer,
                   early integer, promised_days_taken integer, days_taken integer, legal_days integer,
                   not_accepted integer, withdrawn integer, evaluated integer, satisfied integer)
    language sql immutable as $$
    select c.body_id, d.*
    from (values
        (c.accepted_on, 1,
            case when date_trunc('month', c.concluded_on::timestamp) = date_trunc('month', c.accepted_on::timestamp)
                 then 1 else 0 end,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
        (c.concluded_on, 0, 0, 1,
            case when c.case_type = 'IMMEDIATE' then 1 else 0 end,
            case when c.case_type = 'PROMISED' then 1 else 0 end,
            case when c.concluded_on = c.accepted_on then 1 else 0 end,
            case when c.on_time then 1 else 0 end,
            case when not c.on_time then 1 else 0 end,
            case when c.case_type = 'PROMISED' and c.working_days < c.promised_days then 1 else 0 end,
            case when c.case_type = 'PROMISED' then coalesce(c.working_days, 0) else 0 end,
            case when c.legal_limit_days > 0 then coalesce(c.working_days, 0) else 0 end,
            case when c.legal_limit_days > 0 then c.legal_limit_days else 0 end,
            0, 0, 0, 0),
        (c.not_accepted_on, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0),
        (c.withdrawn_on, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0),
        (c.evaluated_on, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            case when not c.rating_excluded then 1 else 0 end,
            case when not c.rating_excluded and c.satisfied then 1 else 0 end)
    ) d (day, accepted, same_month, concluded, immediate, promised, same_day, on_time, late, early,
         promised_days_taken, days_taken, legal_days, not_accepted, withdrawn, evaluated, satisfied)
    where d.day is not null
$$;

-- Changed fact rows, by body and day, among the transaction's pending changes: with sign 1 the rows as they are now,
-- with -1 as they were. PL/pgSQL, so that its statement is planned once per session, not at every call.
create function case_figures_add(changed case_timeliness[], sign integer) returns void
    language plpgsql as $$
begin
    insert into case_figures_pending (transaction_id, body_id, day, accepted, same_month, concluded, immediate,
        promised, same_day, on_time, late, early, promised_days_taken, days_taken, legal_days, not_accepted,
        withdrawn, evaluated, satisfied)
    select txid_current(), f.body_id, f.day, sign * sum(f.accepted), sign * sum(f.same_month),
        sign * sum(f.concluded), sign * sum(f.immediate), sign * sum(f.promised), sign * sum(f.same_day),
        sign * sum(f.on_time), sign * sum(f.late), sign * sum(f.early), sign * sum(f.promised_days_taken),
        sign * sum(f.days_taken), sign * sum(f.legal_days), sign * sum(f.not_accepted), sign * sum(f.withdrawn),
        sign * sum(f.evaluated), sign * sum(f.satisfied)
    from unnest(changed) c cross join lateral case_figure_days(c) f
    group by f.body_id, f.day;
    perform set_config('quanli.case_figures_pending', 'on', true);
end $$;

-- Each statement's changes, from its transition tables: the rows it inserted, updated (as they were and are) or
-- deleted.
create function case_figures_inserted() returns trigger
    language plpgsql as $$
begin
    perform case_figures_add(array(select row(n.*)::case_timeliness from new_rows n), 1);
    return null;
end $$;

create function case_figures_updated() returns trigger
    language plpgsql as $$
begin
    perform case_figures_add(array(select row(n.*)::case_timeliness from new_rows n), 1);
    perform case_figures_add(array(select row(o.*)::case_timeliness from old_rows o), -1);
    return null;
end $$;

create function case_figures_deleted() returns trigger
    language plpgsql as $$
begin
    perform case_figures_add(array(select row(o.*)::case_timeliness from old_rows o), -1);
    return null;
end $$;

-- At commit: the first firing adds the transaction's changes, the others find nothing noted and return.
create function case_figures_flush() returns trigger
    language plpgsql as $$
begin
    if current_setting('quanli.case_figures_pending', true) is distinct from 'on' then
        return null;
    end if;
    perform set_config('quanli.case_figures_pending', 'off', true);
    with taken as (delete from case_figures_pending where transaction_id = txid_current() returning *)
    insert into case_figures_daily as d (body_id, day, accepted, same_month, concluded, immediate, promised,
        same_day, on_time, late, early, promised_days_taken, days_taken, legal_days, not_accepted, withdrawn,
        evaluated, satisfied)
    select body_id, day, sum(accepted), sum(same_month), sum(concluded), sum(immediate), sum(promised),
        sum(same_day), sum(on_time), sum(late), sum(early), sum(promised_days_taken), sum(days_taken),
        sum(legal_days), sum(not_accepted), sum(withdrawn), sum(evaluated), sum(satisfied)
    from taken
    group by body_id, day
    order by body_id, day
    on conflict (body_id, day) do update set
        accepted = d.accepted + excluded.accepted, same_month = d.same_month + excluded.same_month,
        concluded = d.concluded + excluded.concluded, immediate = d.immediate + excluded.immediate,
        promised = d.promised + excluded.promised, same_day = d.same_day + excluded.same_day,
        on_time = d.on_time + excluded.on_time, late = d.late + excluded.late, early = d.early + excluded.early,
        promised_days_taken = d.promised_days_taken + excluded.promised_days_taken,
        days_taken = d.days_taken + excluded.days_taken, legal_days = d.legal_days + excluded.legal_days,
        not_accepted = d.not_accepted + excluded.not_accepted, withdrawn = d.withdrawn + excluded.withdrawn,
        evaluated = d.evaluated + excluded.evaluated, satisfied = d.satisfied + excluded.satisfied;
    -- Through the index of empty days, which is empty but for what this transaction has just emptied.
    delete from case_figures_daily
    where accepted = 0 and concluded = 0 and not_accepted = 0 and withdrawn = 0 and evaluated = 0;
    return null;
end $$;

create function case_figures_truncate() returns trigger
    language plpgsql as $$
begin
    truncate case_figures_daily, case_figures_pending;
    return null;
end $$;

create trigger case_figures_inserted after insert on case_timeliness
    referencing new table as new_rows for each statement execute function case_figures_inserted();
create trigger case_figures_updated after update on case_timeliness
    referencing old table as old_rows new table as new_rows
    for each statement execute function case_figures_updated();
create trigger case_figures_deleted after delete on case_timeliness
    referencing old table as old_rows for each statement execute function case_figures_deleted();
create constraint trigger case_figures_flush after insert or update or delete on case_timeliness
    deferrable initially deferred for each row execute function case_figures_flush();
create trigger case_figures_truncate after truncate on case_timeliness
    for each statement execute function case_figures_truncate();

-- The sums of the facts already projected.
insert into case_figures_daily (body_id, day, accepted, same_month, concluded, immediate, promised, same_day,
    on_time, late, early, promised_days_taken, days_taken, legal_days, not_accepted, withdrawn, evaluated, satisfied)
select f.body_id, f.day, sum(f.accepted), sum(f.same_month), sum(f.concluded), sum(f.immediate), sum(f.promised),
    sum(f.same_day), sum(f.on_time), sum(f.late), sum(f.early), sum(f.promised_days_taken), sum(f.days_taken),
    sum(f.legal_days), sum(f.not_accepted), sum(f.withdrawn), sum(f.evaluated), sum(f.satisfied)
from case_timeliness c cross join lateral case_figure_days(c) f
group by f.body_id, f.day
having (sum(f.accepted), sum(f.concluded), sum(f.not_accepted), sum(f.withdrawn), sum(f.evaluated))
    <> (0, 0, 0, 0, 0);
