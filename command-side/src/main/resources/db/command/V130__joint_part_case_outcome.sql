-- What became of each part's case in the ledger (CONCLUDED, NOT_ACCEPTED, WITHDRAWN or TERMINATED, and the day), so
-- that a joint approval records a part as done only as its case was done. Filled from the case events already stored
-- (when this module migrates before the event store exists there is nothing to fill).
alter table joint_part_directory add column case_outcome varchar(20);
alter table joint_part_directory add column case_done_on date;

do $$
begin
    if to_regclass('domain_event_entry') is not null then
        update joint_part_directory p
        set case_outcome = d.outcome, case_done_on = d.done_on
        from (select distinct on (e.aggregate_identifier) e.aggregate_identifier as case_id,
                     case substring(e.payload_type from '\$(\w+)$')
                         when 'CaseConcluded' then 'CONCLUDED' when 'CaseNotAccepted' then 'NOT_ACCEPTED'
                         when 'CaseWithdrawn' then 'WITHDRAWN' else 'TERMINATED' end as outcome,
                     (convert_from(e.payload, 'UTF8')::jsonb ->> case substring(e.payload_type from '\$(\w+)$')
                         when 'CaseConcluded' then 'concludedOn' when 'CaseNotAccepted' then 'decidedOn'
                         when 'CaseWithdrawn' then 'withdrawnOn' else 'terminatedOn' end)::date as done_on
              from domain_event_entry e
              where e.aggregate_identifier in (select case_id from joint_part_directory)
                and e.payload_type in ('org.quanli.kernel.cases.CaseMessages$CaseConcluded',
                                       'org.quanli.kernel.cases.CaseMessages$CaseNotAccepted',
                                       'org.quanli.kernel.cases.CaseMessages$CaseWithdrawn',
                                       'org.quanli.kernel.cases.CaseMessages$CaseTerminated')
              order by e.aggregate_identifier, e.sequence_number desc) d
        where p.case_id = d.case_id;
    end if;
end $$;
