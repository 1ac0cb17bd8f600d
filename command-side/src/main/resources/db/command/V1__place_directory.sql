-- Command-side lookups of registered places, kept in the same transaction as the events that register them.
create table place_directory_jurisdiction (
    code            varchar(12)  not null primary key,
    name            varchar(200) not null,
    level           varchar(16)  not null,
    parent_code     varchar(12)  references place_directory_jurisdiction (code),
    functional_zone boolean      not null
);

create table place_directory_body (
    body_id                varchar(18)  not null primary key,
    name                   varchar(200) not null,
    jurisdiction_code      varchar(12)  not null references place_directory_jurisdiction (code),
    administrative_subject boolean      not null
);
create index place_directory_body_jurisdiction on place_directory_body (jurisdiction_code);
