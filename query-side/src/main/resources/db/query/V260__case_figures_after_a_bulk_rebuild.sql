-- A bulk rebuild writes the case facts in chunks of thousands of events, and adding each chunk's changes to the sums
-- kept per body and day (V220, V230) cost the case timeliness's rebuild about a third of its speed. In a chunk's
-- transaction (where quanli.bulk_rebuild is on) the triggers now only note that the sums are behind the facts; the
-- sums are filled from the facts in one grouped scan when the rebuild has ended or stopped, or, should its node not
-- live to do it, when a node starts (case_figures_catch_up).

-- One row while the sums are behind the facts.
create table case_figures_behind (
    behind boolean primary key default true check (behind)
);

-- One function for the three statement triggers, by operation: outside a bulk rebuild the changes noted as V220's
-- three did; in a chunk only that the sums are behind.
create function case_figures_changed() returns trigger
    language plpgsql as $$
begin
    if current_setting('quanli.bulk_rebuild', true) = 'on' then
        insert into case_figures_behind default values on conflict do nothing;
        return null;
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        perform case_figures_add(array(select row(n.*)::case_timeliness from new_rows n), 1);
    end if;
    if tg_op in ('UPDATE', 'DELETE') then
        perform case_figures_add(array(select row(o.*)::case_timeliness from old_rows o), -1);
    end if;
    return null;
end $$;

drop trigger case_figures_inserted on case_timeliness;
drop trigger case_figures_updated on case_timeliness;
drop trigger case_figures_deleted on case_timeliness;
drop function case_figures_inserted();
drop function case_figures_updated();
drop function case_figures_deleted();
create trigger case_figures_inserted after insert on case_timeliness
    referencing new table as new_rows for each statement execute function case_figures_changed();
create trigger case_figures_updated after update on case_timeliness
    referencing old table as old_rows new table as new_rows
    for each statement execute function case_figures_changed();
create trigger case_figures_deleted after delete on case_timeliness
    referencing old table as old_rows for each statement execute function case_figures_changed();

-- A chunk's rows queue no flush at commit: there is nothing to add.
drop trigger case_figures_flush on case_timeliness;
create constraint trigger case_figures_flush after insert or update or delete on case_timeliness
    deferrable initially deferred for each row
    when (current_setting('quanli.bulk_rebuild', true) is distinct from 'on')
    execute function case_figures_flush();

-- Emptied facts have empty sums: nothing is behind.
create or replace function case_figures_truncate() returns trigger
    language plpgsql as $$
begin
    truncate case_figures_daily, case_figures_pending, case_figures_behind;
    return null;
end $$;

-- The sums filled from the facts when they are behind. Writers of the facts wait while it runs (share mode), so the
-- sums are those of the facts when it commits; the writers that follow add their changes as usual.
create function case_figures_catch_up() returns void
    language plpgsql as $$
begin
    if not exists (select from case_figures_behind) then
        return;
    end if;
    lock table case_timeliness in share mode;
    if not exists (select from case_figures_behind) then
        return;
    end if;
    truncate case_figures_daily;
    insert into case_figures_daily (body_id, day, accepted, same_month, concluded, immediate, promised, same_day,
        on_time, late, early, promised_days_taken, days_taken, legal_days, not_accepted, withdrawn, evaluated,
        satisfied, overdue_change)
    select f.body_id, f.day, sum(f.accepted), sum(f.same_month), sum(f.concluded), sum(f.immediate),
        sum(f.promised), sum(f.same_day), sum(f.on_time), sum(f.late), sum(f.early), sum(f.promised_days_taken),
        sum(f.days_taken), sum(f.legal_days), sum(f.not_accepted), sum(f.withdrawn), sum(f.evaluated),
        sum(f.satisfied), sum(f.overdue_change)
    from case_timeliness c cross join lateral case_figure_days(c) f
    group by f.body_id, f.day
    having (sum(f.accepted), sum(f.concluded), sum(f.not_accepted), sum(f.withdrawn), sum(f.evaluated),
            sum(f.overdue_change)) <> (0, 0, 0, 0, 0, 0);
    delete from case_figures_behind;
end $$;
