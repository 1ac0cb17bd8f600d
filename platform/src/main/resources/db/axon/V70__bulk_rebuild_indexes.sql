-- The indexes a bulk rebuild has dropped from the tables it fills, to build again once it ends: their definitions
-- as PostgreSQL gave them (pg_get_indexdef), written in the transaction that drops them.
create table bulk_rebuild_index (
    index_name varchar(200) primary key,
    table_name varchar(200) not null,
    definition text         not null
);
