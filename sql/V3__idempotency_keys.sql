-- Idempotency-Key of appends and state writes: the first request's result, kept so that a retry
-- (after a timeout or a 503) answers it again instead of writing twice. Written in the same
-- transaction as the write it records, under the project's chain lock.
create table idempotency_keys (
    project      text        not null,
    key          text        not null,
    -- SHA-256 of the request (operation, body, conditions, principal): a reused key with another
    -- request is refused
    fingerprint  text        not null,
    -- the history entry the write appended, and for state writes the state version it produced
    seq          bigint      not null,
    version      bigint,
    created_at   timestamptz not null default now(),
    primary key (project, key)
);

create index idempotency_keys_created_at on idempotency_keys (created_at);
