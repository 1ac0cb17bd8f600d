-- Command-side lookup for erasure: which data subject each named complaint's complainant is (the subject of the
-- phone number), and the day the complaint was last answered (replied, or rated after the reply); null while it is
-- being handled, again after a reopening or an escalation. Kept in the transaction that appends the events; read
-- when the personal-information officer erases a person (open complaints, retention).
create table personal_data_complaint (
    complaint_id varchar(64) not null primary key,
    subject_id   varchar(36) not null,
    ended_on     date
);
create index personal_data_complaint_subject on personal_data_complaint (subject_id);

-- Complaints recorded before this migration: the subject id is stored next to the sealed complainant, in clear;
-- the end is the answer or rating of the last of the answering, reopening and escalating events.
do $$
begin
    if to_regclass('domain_event_entry') is not null then
        insert into personal_data_complaint (complaint_id, subject_id)
        select e.aggregate_identifier,
               convert_from(e.payload, 'UTF8')::jsonb -> 'complainant' -> 'personalData' ->> 'subject'
        from domain_event_entry e
        where e.payload_type like '%ComplaintMessages$ComplaintRegistered'
          and convert_from(e.payload, 'UTF8')::jsonb -> 'complainant' -> 'personalData' ->> 'subject' is not null
        on conflict do nothing;
        update personal_data_complaint c set ended_on = last.ended_on
        from (select distinct on (e.aggregate_identifier) e.aggregate_identifier,
                     case when e.payload_type like '%$ComplaintReplied'
                              then (convert_from(e.payload, 'UTF8')::jsonb ->> 'repliedOn')::date
                          when e.payload_type like '%$ComplaintRated'
                              then (convert_from(e.payload, 'UTF8')::jsonb ->> 'ratedOn')::date
                     end as ended_on
              from domain_event_entry e
              where e.payload_type like '%ComplaintMessages$ComplaintReplied'
                 or e.payload_type like '%ComplaintMessages$ComplaintRated'
                 or e.payload_type like '%ComplaintMessages$ComplaintReopened'
                 or e.payload_type like '%ComplaintMessages$ComplaintEscalated'
              order by e.aggregate_identifier, e.sequence_number desc) last
        where last.aggregate_identifier = c.complaint_id;
    end if;
end $$;
