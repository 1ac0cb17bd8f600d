-- Institutional reform: whether a body is still active, and which body it was merged into.
alter table place_directory_body add column status varchar(16) not null default 'ACTIVE';
alter table place_directory_body add column successor_body_id varchar(18) references place_directory_body (body_id);
create index place_directory_body_successor on place_directory_body (successor_body_id);
