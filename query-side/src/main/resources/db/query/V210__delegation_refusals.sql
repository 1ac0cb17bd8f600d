-- The source items that refused a delegation decided for them (PowerItemDelegationRefused): the decision never
-- reached them, so no receiver holds an item of theirs and no finding or figure of the decision counts them. A table
-- of its own, not a column of delegation_item_view: the refusal is an item's event, projected in whatever order
-- against the delegation's own, and a row here needs nothing else to exist first.
create table delegation_refusal_view (
    delegation_id varchar(36)  not null,
    item_id       varchar(36)  not null,
    rule          varchar(64)  not null,
    reason        text         not null,
    event_id      varchar(36)  not null,
    position      bigint       not null,
    primary key (delegation_id, item_id)
);

-- What the findings and figures read: the items a delegation sent down, less those that refused it.
create view delegation_item_not_refused as
select di.* from delegation_item_view di
where not exists (select 1 from delegation_refusal_view r
                  where r.delegation_id = di.delegation_id and r.item_id = di.item_id);
