-- Command-side lookup of recalled delegations, kept in the transaction that appends the recall: the delegation
-- process reads it when a source item's delegation is carried out after the recall was recorded, so that the
-- receivers' items it then creates are recalled too.
create table delegation_recall (
    delegation_id   varchar(36) primary key,
    document_number text        not null,
    effective_date  date        not null
);
