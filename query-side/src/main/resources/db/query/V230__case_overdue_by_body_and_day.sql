-- Cases in hand past their deadline, kept per body and day with the sums of V220: a case adds one on the day after
-- its deadline and takes it away on the day it ended or its clock stopped (a special procedure), so the cases open
-- past their deadline at the end of a day are the changes on or before it. Questions about the whole ledger, a
-- jurisdiction or a body read these changes instead of every case that was ever overdue. What a case counts
-- (case_figure_days) and the functions that keep the sums take the new column; the sums are filled again from the
-- facts.
alter table case_figures_daily add column overdue_change bigint not null default 0;
alter table case_figures_pending add column overdue_change bigint not null default 0;
drop index case_figures_daily_empty;
-- A day is empty when the five counts and the overdue changes are zero (the other sums count within the five).
create index case_figures_daily_empty on case_figures_daily (body_id)
    where accepted = 0 and concluded = 0 and not_accepted = 0 and withdrawn = 0 and evaluated = 0
        and overdue_change = 0;
-- The days a body's open-overdue count changes, read in order up to a date.
create index case_figures_daily_overdue on case_figures_daily (body_id, day) include (overdue_change)
    where overdue_change <> 0;

drop function case_figure_days(case_timeliness);
create function case_figure_days(c case_timeliness)
    returns table (body_id varchar, day date, accepted integer, same_month integer, concluded integer,
                   immediate integer, promised integer, same_day integer, on_time integer, late integer,
                   early integer, promised_days_taken integer, days_taken integer, legal_days integer,
                   not_accepted integer, withdrawn integer, evaluated integer, satisfied integer,
                   overdue_change integer)
    language sql immutable as $$
    select c.body_id, d.*
    from (select c.deadline is not null and (c.closed_on is null or c.closed_on > c.deadline) as overdue,
                 least(c.closed_on, c.clock_stopped_since) as ends) o,
    lateral (values
        (c.accepted_on, 1,
            case when date_trunc('month', c.concluded_on::timestamp) = date_trunc('month', c.accepted_on::timestamp)
                 then 1 else 0 end,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
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
            0, 0, 0, 0, 0),
        (c.not_accepted_on, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0),
        (c.withdrawn_on, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0),
        (c.evaluated_on, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            case when not c.rating_excluded then 1 else 0 end,
            case when not c.rating_excluded and c.satisfied then 1 else 0 end, 0),
        -- In hand past its deadline from the day after it, until it ended or its clock stopped.
        (c.deadline + 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            case when o.overdue and (o.ends is null or o.ends > c.deadline + 1) then 1 else 0 end),
        (o.ends, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            case when o.overdue and o.ends > c.deadline + 1 then -1 else 0 end)
    ) d (day, accepted, same_month, concluded, immediate, promised, same_day, on_time, late, early,
         promised_days_taken, days_taken, legal_days, not_accepted, withdrawn, evaluated, satisfied,
         overdue_change)
    where d.day is not null
$$;

create or replace function case_figures_add(changed case_timeliness[], sign integer) returns void
    language plpgsql as $$
begin
    insert into case_figures_pending (transaction_id, body_id, day, accepted, same_month, concluded, immediate,
        promised, same_day, on_time, late, early, promised_days_taken, days_taken, legal_days, not_accepted,
        withdrawn, evaluated, satisfied, overdue_change)
    select txid_current(), f.body_id, f.day, sign * sum(f.accepted), sign * sum(f.same_month),
        sign * sum(f.concluded), sign * sum(f.immediate), sign * sum(f.promised), sign * sum(f.same_day),
        sign * sum(f.on_time), sign * sum(f.late), sign * sum(f.early), sign * sum(f.promised_days_taken),
        sign * sum(f.days_taken), sign * sum(f.legal_days), sign * sum(f.not_accepted), sign * sum(f.withdrawn),
        sign * sum(f.evaluated), sign * sum(f.satisfied), sign * sum(f.overdue_change)
    from unnest(changed) c cross join lateral case_figure_days(c) f
    group by f.body_id, f.day;
    perform set_config('quanli.case_figures_pending', 'on', true);
end $$;

create or replace function case_figures_flush() returns trigger
    language plpgsql as $$
begin
    if current_setting('quanli.case_figures_pending', true) is distinct from 'on' then
        return null;
    end if;
    perform set_config('quanli.case_figures_pending', 'off', true);
    with taken as (delete from case_figures_pending where transaction_id = txid_current() returning *)
    insert into case_figures_daily as d (body_id, day, accepted, same_month, concluded, immediate, promised,
        same_day, on_time, late, early, promised_days_taken, days_taken, legal_days, not_accepted, withdrawn,
        evaluated, satisfied, overdue_change)
    select body_id, day, sum(accepted), sum(same_month), sum(concluded), sum(immediate), sum(promised),
        sum(same_day), sum(on_time), sum(late), sum(early), sum(promised_days_taken), sum(days_taken),
        sum(legal_days), sum(not_accepted), sum(withdrawn), sum(evaluated), sum(satisfied),
        sum(overdue_change)
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
        evaluated = d.evaluated + excluded.evaluated, satisfied = d.satisfied + excluded.satisfied,
        overdue_change = d.overdue_change + excluded.overdue_change;
    -- Through the index of empty days, which is empty but for what this transaction has just emptied.
    delete from case_figures_daily
    where accepted = 0 and concluded = 0 and not_accepted = 0 and withdrawn = 0 and evaluated = 0
        and overdue_change = 0;
    return null;
end $$;

truncate case_figures_daily;
insert into case_figures_daily (body_id, day, accepted, same_month, concluded, immediate, promised, same_day,
    on_time, late, early, promised_days_taken, days_taken, legal_days, not_accepted, withdrawn, evaluated, satisfied,
    overdue_change)
select f.body_id, f.day, sum(f.accepted), sum(f.same_month), sum(f.concluded), sum(f.immediate), sum(f.promised),
    sum(f.same_day), sum(f.on_time), sum(f.late), sum(f.early), sum(f.promised_days_taken), sum(f.days_taken),
    sum(f.legal_days), sum(f.not_accepted), sum(f.withdrawn), sum(f.evaluated), sum(f.satisfied),
    sum(f.overdue_change)
from case_timeliness c cross join lateral case_figure_days(c) f
group by f.body_id, f.day
having (sum(f.accepted), sum(f.concluded), sum(f.not_accepted), sum(f.withdrawn), sum(f.evaluated),
        sum(f.overdue_change)) <> (0, 0, 0, 0, 0, 0);
