-- Delegations reach the lists. A received item's period names where it came from (the source item and body, the
-- delegation and its mode); an entrustment (委托) stays on the entrusting body's list and names, for its term, the
-- bodies that exercise the item in that body's name.
alter table published_item_version add column source_item_id varchar(36);
alter table published_item_version add column source_body_id varchar(18);
alter table published_item_version add column delegation_id varchar(36);
alter table published_item_version add column delegation_mode varchar(16);

create table item_entrustment (
    item_id             varchar(36)  not null,   -- the entrusting body's item
    receiver_body_id    varchar(18)  not null,   -- the body exercising it in the entrusting body's name
    delegation_id       varchar(36)  not null,
    effective_from      date         not null,
    term_end            date,                    -- inclusive: the announced term's last day
    document_number     text         not null,
    recorded_at         timestamptz  not null,
    effective_to        date,                    -- exclusive: a recall's effective date
    end_document_number text,
    end_recorded_at     timestamptz,
    primary key (item_id, delegation_id, receiver_body_id)
);

-- The power-list and item-history projections now handle the delegation events: their rows are emptied and their
-- tokens and parked events removed, so that each processor replays the event store and rebuilds them on start.
truncate item_view, item_history, published_item_version, cleanup_outcome;
do $$
begin
    if to_regclass('token_entry') is not null then
        delete from token_entry where processor_name in ('power-lists', 'item-history');
    end if;
    if to_regclass('dead_letter_entry') is not null then
        delete from dead_letter_entry where processing_group in ('power-lists', 'item-history');
    end if;
end $$;
