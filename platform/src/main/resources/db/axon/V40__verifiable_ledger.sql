-- The verifiable ledger (README, "Proof that the record is unaltered"): an RFC 6962 Merkle tree over every stored
-- event in store order, kept as its complete subtrees so that every proof is one indexed query.

-- Level 0: one leaf per sealed event, in store order; the hash is over the event's canonical encoding.
create table ledger_leaf (
    leaf_index       bigint       not null primary key,
    global_index     bigint       not null unique,
    event_identifier varchar(255) not null unique,
    leaf_hash        bytea        not null
);

-- Levels 1 and up: the hash of every complete subtree, covering leaves [node_index·2^level, (node_index+1)·2^level).
create table ledger_node (
    level      smallint not null,
    node_index bigint   not null,
    hash       bytea    not null,
    primary key (level, node_index)
);

-- Positions of the event sequence that no event will ever take (a rolled-back append), found once no transaction
-- that could still write them was open. An event appearing at one later is tampering.
create table ledger_gap (
    from_index bigint      not null primary key,
    to_index   bigint      not null,
    closed_at  timestamptz not null
);

-- Signed tree heads. What is signed is Checkpoint.signedText(): header, size, root (base64), issued time.
create table ledger_checkpoint (
    tree_size bigint      not null primary key,
    root_hash bytea       not null,
    issued_at timestamptz not null,
    key_id    varchar(32) not null,
    signature bytea       not null
);

-- The public keys checkpoints were signed with; one is in use at a time (retired_at null).
create table ledger_signing_key (
    key_id     varchar(32) not null primary key,
    public_key text        not null,
    first_used timestamptz not null,
    retired_at timestamptz
);
create unique index ledger_signing_key_in_use on ledger_signing_key ((true)) where retired_at is null;

-- How far each configured export (an append-only file, or another sink) has been written.
create table ledger_export (
    sink          varchar(100) not null primary key,
    exported_size bigint       not null
);

-- Outcomes of the scheduled verification, newest last.
create table ledger_verification (
    id              bigserial   not null primary key,
    started_at      timestamptz not null,
    finished_at     timestamptz not null,
    sealed_leaves   bigint      not null,
    checkpoints     integer     not null,
    discrepancies   integer     not null,
    report          text        not null
);

-- Defence in depth: stored events and the sealed tree are append-only. Neither the application nor anyone working
-- through it can change or remove a row; only a role that may drop or disable triggers (the owner, a superuser) can,
-- and the verifier shows what it did.
create function ledger_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'the ledger is append-only: % on % refused', tg_op, tg_table_name using errcode = '42501';
end
$$;

create trigger domain_event_entry_append_only before update or delete on domain_event_entry
    for each row execute function ledger_refuse_change();
create trigger domain_event_entry_no_truncate before truncate on domain_event_entry
    for each statement execute function ledger_refuse_change();
create trigger ledger_leaf_append_only before update or delete on ledger_leaf
    for each row execute function ledger_refuse_change();
create trigger ledger_leaf_no_truncate before truncate on ledger_leaf
    for each statement execute function ledger_refuse_change();
create trigger ledger_node_append_only before update or delete on ledger_node
    for each row execute function ledger_refuse_change();
create trigger ledger_node_no_truncate before truncate on ledger_node
    for each statement execute function ledger_refuse_change();
create trigger ledger_checkpoint_append_only before update or delete on ledger_checkpoint
    for each row execute function ledger_refuse_change();
create trigger ledger_checkpoint_no_truncate before truncate on ledger_checkpoint
    for each statement execute function ledger_refuse_change();
