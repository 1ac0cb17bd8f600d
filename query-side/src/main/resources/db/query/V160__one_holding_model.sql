-- One model of "who holds which version of which item, from when to when" on the query side: the list projection's
-- periods (item_holding_period), which now also hold what no list shows (an entrustee's own item, exercised in the
-- entrusting body's name), each period's power source and the event that opened it. The delegation feature's own
-- copy (holding_period, holding_item_view, holding_item_version) is gone; every reader goes through the views below.
truncate published_item_version, cleanup_outcome, item_entrustment, item_view;
alter table published_item_version rename to item_holding_period;
alter index published_item_version_pkey rename to item_holding_period_pkey;
alter index published_item_version_jurisdiction rename to item_holding_period_jurisdiction;
alter index published_item_version_body rename to item_holding_period_body;
alter index published_item_version_open rename to item_holding_period_open;
alter index if exists published_item_version_name_trgm rename to item_holding_period_name_trgm;
alter table item_holding_period rename constraint published_item_version_order to item_holding_period_order;
alter table item_holding_period rename constraint published_item_version_end to item_holding_period_end;
alter table item_holding_period
    add column power_source        varchar(32) not null,  -- STATUTORY, DEVOLVED_FROM_ABOVE, … (PowerSource)
    add column listed              boolean     not null,  -- false for an entrustee's own item
    add column held_since_sequence bigint      not null,  -- opened_sequence of the first period of this holding
    add column open_event_id       varchar(36) not null,  -- the event that opened the period, as evidence
    add column open_position       bigint      not null;
create index item_holding_period_source on item_holding_period (source_item_id) where source_item_id is not null;

-- The published lists: the periods a list shows.
create view published_item_version as select * from item_holding_period where listed;

-- The term of an entrustee's holding (inclusive), from the entrustment's own record.
create view item_holding_term as
select p.*, (select max(e.term_end) from item_entrustment e
             where p.delegation_mode = 'ENTRUST' and not p.listed
               and e.delegation_id = p.delegation_id and e.item_id = p.source_item_id) as term_end
from item_holding_period p;

-- The one definition of "in effect on day D": begun on or before D, not ended by D (effective_to is exclusive) and,
-- for an entrustee, D within the entrustment's term.
create function in_effect_on(effective_from date, effective_to date, term_end date, d date) returns boolean
    language sql immutable parallel safe
    as $$ select $1 <= $4 and ($2 is null or $4 < $2) and ($3 is null or $4 <= $3) $$;

-- The periods in effect on day D.
create function holdings_on(d date) returns setof item_holding_term
    language sql stable
    as $$ select * from item_holding_term p where in_effect_on(p.effective_from, p.effective_to, p.term_end, d) $$;

-- Where each item's power comes from: its publication by its body, or its receipt by a delegation.
create view item_origin as
select item_id, body_id, jurisdiction_code, power_source, document_number, effective_from as effective_date,
       source_item_id, source_body_id, delegation_id, delegation_mode as mode,
       case opened_by when 'PUBLISH' then 'PowerItemPublished' else 'PowerItemReceived' end as event_type,
       open_event_id as event_id, open_position as position, listed
from item_holding_period where opened_by in ('PUBLISH', 'RECEIVE');

-- Each version of each item, from the decision that made it.
create view item_version as
select item_id, version, name, type_code, legal_limit_days, promised_limit_days, content, document_number,
       effective_from,
       case opened_by when 'PUBLISH' then 'PowerItemPublished' when 'AMEND' then 'PowerItemAmended'
                      else 'PowerItemReceived' end as event_type,
       open_event_id as event_id, open_position as position
from item_holding_period where opened_by in ('PUBLISH', 'AMEND', 'RECEIVE');

-- Who held each item from when to when, across its amendments, in the lineage's words; an entrustee's holding ends
-- with its term (TERM_ENDED) unless something ended it earlier.
create view item_holder_period as
select f.item_id, f.body_id, f.jurisdiction_code, f.effective_from,
       case when l.term_end is not null and (l.effective_to is null or l.term_end < l.effective_to)
            then l.term_end + 1 else l.effective_to end as effective_to,
       l.term_end,
       case f.opened_by when 'PUBLISH' then 'PUBLISHED' when 'RECEIVE' then 'RECEIVED'
                        when 'PASSED' then 'PASSED_TO_SUCCESSOR' when 'RESUME' then 'RESUMED'
                        when 'RESTORE' then 'RESTORED' else f.opened_by end as opened_by,
       f.document_number as open_document, f.open_event_id, f.open_position,
       case when l.term_end is not null and (l.effective_to is null or l.term_end < l.effective_to) then 'TERM_ENDED'
            else case l.ended_by when 'CANCEL' then 'CANCELLED' when 'TRANSFER_OUT' then 'TRANSFERRED'
                                 when 'MERGE' then 'MERGED' when 'SUSPEND' then 'SUSPENDED'
                                 when 'DEVOLVE' then 'DEVOLVED' when 'RECALL' then 'RECALLED'
                                 when 'PASSED' then 'PASSED_TO_SUCCESSOR' else l.ended_by end end as ended_by,
       case when l.term_end is not null and (l.effective_to is null or l.term_end < l.effective_to) then null
            else l.end_document_number end as end_document,
       f.power_source, f.delegation_id, f.source_item_id, f.source_body_id, f.listed
from item_holding_period f
join lateral (select t.* from item_holding_term t where t.item_id = f.item_id
                and t.held_since_sequence = f.opened_sequence order by t.opened_sequence desc limit 1) l on true
where f.held_since_sequence = f.opened_sequence;

drop table holding_period, holding_item_view, holding_item_version;

-- The list processor writes the new columns and the entrustees' holdings: its rows are emptied above and its token
-- and parked events removed, so that it replays the event store on start.
do $$
begin
    if to_regclass('token_entry') is not null then
        delete from token_entry where processor_name in ('power-lists');
    end if;
    if to_regclass('dead_letter_entry') is not null then
        delete from dead_letter_entry where processing_group in ('power-lists');
    end if;
end $$;
