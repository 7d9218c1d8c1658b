-- DevState schema. The history table is append-only and chain-checked by triggers; the service
-- serialises appends per project with an advisory lock, the triggers are the second line of defence.

create table state_current (
    project     text        primary key,
    document    jsonb       not null,
    checksum    text        not null,
    version     bigint      not null check (version > 0),
    updated_at  timestamptz not null
);

create table history_entries (
    project         text        not null,
    seq             bigint      not null check (seq > 0),
    ts              timestamptz not null,
    actor           text        not null,
    action          text        not null,
    cp_from         text,
    cp_to           text,
    state_checksum  text,
    metadata        jsonb,
    kid             text        not null,
    hmac_prev       text        not null,
    hmac            text        not null,
    primary key (project, seq)
);

create index history_entries_ts_idx on history_entries (project, ts);
create index history_entries_actor_idx on history_entries (project, actor, seq);
create index history_entries_action_idx on history_entries (project, action, seq);
create index history_entries_cp_from_idx on history_entries (project, cp_from) where cp_from is not null;
create index history_entries_cp_to_idx on history_entries (project, cp_to) where cp_to is not null;
create index history_entries_metadata_idx on history_entries using gin (metadata jsonb_path_ops);
-- Tombstones reference their target in metadata.target_seq; reads mark targets through this index.
-- Compared as text: a cast could fail on an ordinary entry's metadata that merely has that key.
create index history_entries_tombstone_idx on history_entries (project, (metadata ->> 'target_seq'))
    where action = 'tombstone';

create function history_entries_reject_change() returns trigger
    language plpgsql as
$$
begin
    raise exception 'history_entries is append-only: % is not allowed', tg_op
        using errcode = 'P0001';
end;
$$;

create trigger history_entries_no_update
    before update or delete on history_entries
    for each row execute function history_entries_reject_change();

create trigger history_entries_no_truncate
    before truncate on history_entries
    for each statement execute function history_entries_reject_change();

create function history_entries_check_link() returns trigger
    language plpgsql as
$$
declare
    last_seq  bigint;
    last_hmac text;
begin
    select h.seq, h.hmac into last_seq, last_hmac
      from history_entries h
     where h.project = new.project
     order by h.seq desc
     limit 1;
    if last_seq is null then
        last_seq := 0;
        last_hmac := repeat('0', 64);
    end if;
    if new.seq <> last_seq + 1 then
        raise exception 'history chain of %: seq % does not follow %', new.project, new.seq, last_seq
            using errcode = 'P0002';
    end if;
    if new.hmac_prev <> last_hmac then
        raise exception 'history chain of %: hmac_prev of seq % is not the hmac of seq %', new.project, new.seq, last_seq
            using errcode = 'P0002';
    end if;
    return new;
end;
$$;

create trigger history_entries_link
    before insert on history_entries
    for each row execute function history_entries_check_link();

create table locks (
    id             uuid        primary key,
    project        text        not null,
    scope          text        not null,
    owner          text,
    reason         text,
    ttl_sec        integer     not null check (ttl_sec > 0),
    fencing_token  bigint      not null,
    acquired_at    timestamptz not null,
    expires_at     timestamptz not null
);

-- At most one row per scope: expired rows are removed before a new holder is inserted.
create unique index locks_scope_idx on locks (project, scope);
create index locks_expires_idx on locks (expires_at);

-- Fencing tokens only grow, per project and scope, even across expiry and deletion of locks.
create table lock_fencing (
    project     text   not null,
    scope       text   not null,
    last_token  bigint not null,
    primary key (project, scope)
);
