-- Command-side lookup of items: who holds each and whether it stands on the list. Kept in the appending transaction.
create table item_directory (
    item_id           varchar(36) not null primary key,
    body_id           varchar(18) not null,
    jurisdiction_code varchar(12) not null,
    list_status       varchar(16) not null
);
create index item_directory_body on item_directory (body_id, list_status);
