-- The kid that signs new entries, shared by every replica. Secrets are never stored here.
create table active_key (
    id            smallint    primary key default 1 check (id = 1),
    kid           text        not null,
    activated_at  timestamptz not null
);
