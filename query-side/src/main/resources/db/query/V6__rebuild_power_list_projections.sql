-- The power-list projections now handle every event of an item's life. Their rows are emptied and their tokens and
-- parked events removed, so that on start each processor replays the event store from the beginning and rebuilds
-- them (projections are never the truth). On a new database there is nothing to remove.
truncate item_view, item_history;
do $$
begin
    if to_regclass('token_entry') is not null then
        delete from token_entry where processor_name in ('power-lists', 'item-history');
    end if;
    if to_regclass('dead_letter_entry') is not null then
        delete from dead_letter_entry where processing_group in ('power-lists', 'item-history');
    end if;
end $$;
