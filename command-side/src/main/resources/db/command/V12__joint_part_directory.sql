-- Command-side lookup of joint approvals' parts (并联审批): which case is a part of which joint approval, led by which
-- body, whether it has been submitted and whether the joint approval has recorded its end. Kept in the transaction
-- that appends the events; read when a part case is submitted (may the lead window submit it?) and by the
-- joint-approval process (which parts still need a submission or a report back).
create table joint_part_directory (
    case_id           varchar(64) not null primary key,
    joint_approval_id varchar(64) not null,
    lead_body_id      varchar(18) not null,
    item_id           varchar(64) not null,
    body_id           varchar(18) not null,
    submitted         boolean     not null default false,
    closed            boolean     not null default false  -- recorded on the joint approval as concluded or ended
);
