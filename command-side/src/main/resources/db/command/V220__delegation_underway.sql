-- Command-side lookup of what the delegation process has still to carry into the items: a receiver's item not yet
-- made, a recalled devolution's item not yet given back. A row is written in the transaction that records the
-- decision or the recall and removed in the one that makes or gives back the item (a recall also removes its
-- receivers' rows: an item made after it is recalled as it is made); an abolition is refused while the body has a row.
create table delegation_underway (
    delegation_id varchar(36) not null,
    item_id       varchar(36) not null,  -- the source item
    body_id       varchar(18) not null,  -- the body to receive an item of it, or to get it back
    effect        varchar(8)  not null,  -- RECEIVE or RESTORE
    primary key (delegation_id, item_id, body_id, effect)
);
create index delegation_underway_body on delegation_underway (body_id);

-- Delegations and recalls recorded before this migration: from their events, less what has been carried out.
do $$
begin
    if to_regclass('domain_event_entry') is not null then
        insert into delegation_underway (delegation_id, item_id, body_id, effect)
        select d.p ->> 'delegationId', i ->> 'itemId', r ->> 'bodyId', 'RECEIVE'
        from (select convert_from(payload, 'UTF8')::jsonb as p from domain_event_entry
              where payload_type like '%DelegationMessages$DelegationDecided') d
        cross join jsonb_array_elements(d.p -> 'items') i
        cross join jsonb_array_elements(d.p -> 'receivers') r
        on conflict do nothing;
        delete from delegation_underway u
        using (select convert_from(payload, 'UTF8')::jsonb as p from domain_event_entry
               where payload_type like '%DelegationMessages$PowerItemReceived') e
        where u.effect = 'RECEIVE' and u.delegation_id = e.p ->> 'delegationId'
          and u.item_id = e.p ->> 'sourceItemId' and u.body_id = e.p ->> 'bodyId';

        delete from delegation_underway u
        using (select convert_from(payload, 'UTF8')::jsonb as p from domain_event_entry
               where payload_type like '%DelegationMessages$DelegationRecalled') e
        where u.effect = 'RECEIVE' and u.delegation_id = e.p ->> 'delegationId';

        insert into delegation_underway (delegation_id, item_id, body_id, effect)
        select d.p ->> 'delegationId', i ->> 'itemId', i ->> 'bodyId', 'RESTORE'
        from (select convert_from(payload, 'UTF8')::jsonb as p from domain_event_entry
              where payload_type like '%DelegationMessages$DelegationRecalled') d
        cross join jsonb_array_elements(d.p -> 'items') i
        where d.p ->> 'mode' = 'DEVOLVE'
        on conflict do nothing;
        delete from delegation_underway u
        using (select convert_from(payload, 'UTF8')::jsonb as p from domain_event_entry
               where payload_type like '%DelegationMessages$PowerItemRestored') e
        where u.effect = 'RESTORE' and u.delegation_id = e.p ->> 'delegationId' and u.item_id = e.p ->> 'itemId';
    end if;
end $$;
