-- The item history now names bodies by a placeholder that its reader fills with the body's name when the history is
-- read, so that its rows no longer depend on how far the places projection had got (a replay, a rebuild or a second
-- node write the same rows). Its rows are emptied and its token and parked events removed, so that on start the
-- processor replays the event store and rebuilds them. On a new database there is nothing to remove.
truncate item_history;
do $$
begin
    if to_regclass('token_entry') is not null then
        delete from token_entry where processor_name = 'item-history';
    end if;
    if to_regclass('dead_letter_entry') is not null then
        delete from dead_letter_entry where processing_group = 'item-history';
    end if;
end $$;
