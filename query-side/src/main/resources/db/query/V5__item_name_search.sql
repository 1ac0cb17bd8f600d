-- Name search (ilike '%…%') through a trigram index. pg_trgm is a trusted extension (PostgreSQL 13+) and ships with
-- the embedded PostgreSQL; on a server where the ledger's user may not create it, the search still works, by a scan.
do $$
begin
    begin
        create extension if not exists pg_trgm;
    exception when others then
        raise notice 'pg_trgm not available: item names are searched without a trigram index';
    end;
    if exists (select 1 from pg_extension where extname = 'pg_trgm') then
        execute 'create index published_item_version_name_trgm on published_item_version using gin (name gin_trgm_ops)';
    end if;
end $$;
