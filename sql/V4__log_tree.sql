-- Each project's history is also an RFC 6962 Merkle tree whose leaves are its entries in seq order
-- (docs/CHAIN.md, "The log"). Hashes are stored as C2SP tlog-tiles lays them out: the hashes of
-- tree level 8*L are cut into tiles of 256; a full tile never changes. Written by the chain writer
-- in the transaction of the entries it covers, under the project's advisory lock.

-- Full tiles: 256 hashes (8192 bytes) of tree level 8*level, nodes idx*256 .. idx*256+255.
create table log_tiles (
    project  text     not null,
    level    smallint not null check (level >= 0),
    idx      bigint   not null check (idx >= 0),
    hashes   bytea    not null check (length(hashes) = 8192),
    primary key (project, level, idx)
);

create function log_tiles_reject_change() returns trigger
    language plpgsql as
$$
begin
    raise exception 'log_tiles is append-only: % is not allowed', tg_op
        using errcode = 'P0001';
end;
$$;

create trigger log_tiles_no_update
    before update or delete on log_tiles
    for each row execute function log_tiles_reject_change();

create trigger log_tiles_no_truncate
    before truncate on log_tiles
    for each statement execute function log_tiles_reject_change();

-- The leaf hashes of each project's partial level-0 tile, one row per batch that added leaves to
-- it (a row never spans two tiles). Once the tile is full it is a row of log_tiles and these rows
-- are deleted: this table holds fewer than 256 hashes per project. Insert-only per batch, so a
-- write does not rewrite the partial tile.
create table log_leaves (
    project  text    not null,
    idx      bigint  not null check (idx >= 0),
    hashes   bytea   not null check (length(hashes) > 0 and length(hashes) % 32 = 0),
    primary key (project, idx)
);

-- The tree's current size and root, and the partial tiles of the levels above 0 (level 1 first,
-- each its hashes concatenated), which change only when a level-0 tile fills. size equals the
-- project's newest seq once the tree has caught up with a chain written before these tables.
create table log_heads (
    project  text    primary key,
    size     bigint  not null check (size >= 0),
    root     bytea   not null check (length(root) = 32),
    upper    bytea[] not null
);
