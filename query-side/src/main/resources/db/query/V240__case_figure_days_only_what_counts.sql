-- What a case counts on each day, as V230 defines it, less the two rows of zeros V230 gives every case with a
-- deadline that was never in hand past it: such a row noted a change of nothing on a day that may have had no other,
-- and the flush then wrote that day's row only to delete it as empty. The sums are the same.
create or replace function case_figure_days(c case_timeliness)
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
        (case when o.overdue and (o.ends is null or o.ends > c.deadline + 1) then c.deadline + 1 end,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1),
        (case when o.overdue and o.ends > c.deadline + 1 then o.ends end,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1)
    ) d (day, accepted, same_month, concluded, immediate, promised, same_day, on_time, late, early,
         promised_days_taken, days_taken, legal_days, not_accepted, withdrawn, evaluated, satisfied,
         overdue_change)
    where d.day is not null
$$;
