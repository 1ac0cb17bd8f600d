-- An item has two states: whether it stands on the list, and where its pending change stands in review.
alter table item_view rename column status to list_status;
alter table item_view add column review_status varchar(16) not null default 'NONE';
alter table item_view add column pending_change varchar(16);
alter table item_view add column pending_content jsonb;
alter table item_view alter column content drop not null;
drop index item_view_jurisdiction;
create index item_view_jurisdiction on item_view (jurisdiction_code, list_status);
