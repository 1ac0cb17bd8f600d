-- Every view of unmasked personal data (个人信息保护法 Art. 51, 54): who saw which case's applicant, when, which
-- fields and through which question. Written when the answer is given, never rebuilt: it is not a projection of
-- events and a replay leaves it alone.
create table personal_data_access (
    access_id         bigserial    not null primary key,
    viewed_at         timestamptz  not null default now(),
    user_id           varchar(100) not null,
    user_name         varchar(200),
    role              varchar(32)  not null,
    user_body_id      varchar(18),
    case_id           varchar(36)  not null,
    case_body_id      varchar(18)  not null,
    fields            varchar(200) not null,   -- comma-separated: name,documentNumber,phone
    purpose           varchar(100) not null    -- the question that showed it
);
create index personal_data_access_viewed on personal_data_access (viewed_at desc, access_id);
create index personal_data_access_case on personal_data_access (case_id, viewed_at desc);
create index personal_data_access_user on personal_data_access (user_id, viewed_at desc);
