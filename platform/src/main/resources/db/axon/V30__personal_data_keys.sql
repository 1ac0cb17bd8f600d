-- Personal data keys, apart from the event store (PersonalDataVault). One row per data subject (a person): the data
-- key wrapped by the key-encryption key and the blind index (HMAC of the normalised identity number) to find it.
-- Erasure sets both to null and keeps the row, so that the subject reads as erased rather than unknown.
create table personal_data_key (
    subject_id  varchar(36)  not null primary key,
    blind_index varchar(64)  unique,
    data_key    bytea,
    created_at  timestamptz  not null default now(),
    erased_at   timestamptz
);

-- Keys of the whole ledger, wrapped by the key-encryption key: the blind-index key.
create table personal_data_secret (
    name       varchar(40)  not null primary key,
    keyset     bytea        not null,
    created_at timestamptz  not null default now()
);
