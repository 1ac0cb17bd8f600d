-- The source items that refused a delegation decided for them (PowerItemDelegationRefused): nothing of theirs reaches
-- the receivers, and a recall of the decision has nothing of theirs to give back. Written with the refusal, in the
-- transaction that records it, by the same lookup as delegation_underway.
create table delegation_refused_item (
    delegation_id varchar(36) not null,
    item_id       varchar(36) not null,
    primary key (delegation_id, item_id)
);

-- From the refusals already recorded, as the lookup does: delegation_underway as V220 derives it, less every row of a
-- refused item.
do $$
begin
    if to_regclass('domain_event_entry') is not null then
        insert into delegation_refused_item (delegation_id, item_id)
        select p ->> 'delegationId', p ->> 'itemId'
        from (select convert_from(payload, 'UTF8')::jsonb as p from domain_event_entry
              where payload_type like '%DelegationMessages$PowerItemDelegationRefused') e
        on conflict do nothing;
        delete from delegation_underway u
        using delegation_refused_item r
        where u.delegation_id = r.delegation_id and u.item_id = r.item_id;
    end if;
end $$;
