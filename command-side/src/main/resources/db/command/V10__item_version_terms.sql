-- Each published version of an item with the limits it states, from its effective date: the version a case is
-- handled under and its promised and legal limits (issue 5). Kept in the appending transaction like item_directory.
create table item_version_terms (
    item_id             varchar(36) not null,
    version             integer     not null,
    effective_from      date        not null,
    type_code           varchar(2)  not null,
    legal_limit_days    integer     not null,
    promised_limit_days integer     not null,
    primary key (item_id, version)
);
create index item_version_terms_from on item_version_terms (item_id, effective_from);
