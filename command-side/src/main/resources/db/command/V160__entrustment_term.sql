-- An entrustment (委托) is given for a term: the entrustee exercises the item in the entrusting body's name until the
-- term's last day, and not after it. The delegation lookup keeps the term; the entrustee's holding carries it, so
-- that "held on day D" is one predicate: effective_from <= D, (effective_to is null or D < effective_to) and
-- (term_end is null or D <= term_end).
alter table delegation_item add column term_end date;    -- inclusive; entrustments only
alter table item_holding add column term_end date;       -- inclusive; an entrustee's holding only

-- Entrustments recorded before this migration: their terms come from the events that recorded them.
do $$
begin
    if to_regclass('domain_event_entry') is not null then
        update delegation_item i set term_end = (convert_from(e.payload, 'UTF8')::jsonb ->> 'termEnd')::date
        from domain_event_entry e
        where e.payload_type like '%DelegationMessages$DelegationDecided'
          and e.aggregate_identifier = i.delegation_id and i.mode = 'ENTRUST';
        update item_holding h set term_end = i.term_end
        from domain_event_entry e
        join delegation_item i on i.delegation_id = convert_from(e.payload, 'UTF8')::jsonb ->> 'delegationId'
            and i.item_id = convert_from(e.payload, 'UTF8')::jsonb ->> 'sourceItemId'
        where e.payload_type like '%DelegationMessages$PowerItemReceived'
          and e.aggregate_identifier = h.item_id and i.mode = 'ENTRUST';
    end if;
end $$;
