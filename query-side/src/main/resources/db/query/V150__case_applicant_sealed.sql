-- The applicant of a case is kept sealed (ciphertext under the applicant's own data key, PersonalDataCodec) instead
-- of in clear, with the data subject it belongs to (for erasure) and the blind index of the identity number (to
-- find a person's cases). The joint approval keeps its applicant's subject for the same reason.
-- The case and joint-approval projections are emptied and their token and parked events removed, so that on start the processor
-- replays the event store and rebuilds them (projections are never the truth). On a new database there is nothing
-- to remove.
truncate case_view, case_applicant, case_flag, joint_approval_view, joint_approval_part;
alter table case_applicant drop column name, drop column document_number, drop column phone;
alter table case_applicant add column subject_id varchar(36), add column blind_index varchar(64),
    add column sealed text not null;
create index case_applicant_blind_index on case_applicant (blind_index) where blind_index is not null;
create index case_applicant_subject on case_applicant (subject_id) where subject_id is not null;

alter table joint_approval_view add column applicant_subject_id varchar(36);
create index joint_approval_view_subject on joint_approval_view (applicant_subject_id)
    where applicant_subject_id is not null;

do $$
begin
    if to_regclass('token_entry') is not null then
        delete from token_entry where processor_name in ('case-view', 'joint-approvals');
    end if;
    if to_regclass('dead_letter_entry') is not null then
        delete from dead_letter_entry where processing_group in ('case-view', 'joint-approvals');
    end if;
end $$;
