-- Command-side lookup for erasure: which data subject each case's applicant is, and the day the case ended
-- (concluded, not accepted, withdrawn or terminated; null while open). Kept in the transaction that appends the
-- events; read when the personal-information officer erases a person (retention, open cases).
create table personal_data_case (
    case_id    varchar(64) not null primary key,
    subject_id varchar(36) not null,
    ended_on   date
);
create index personal_data_case_subject on personal_data_case (subject_id);
