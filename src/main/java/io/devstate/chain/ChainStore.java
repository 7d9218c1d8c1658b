package io.devstate.chain;

import io.devstate.common.Json;
import io.devstate.common.Timestamps;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SQL of the history chain, package-private: writes go through {@link ChainWriter} (the only
 * caller of {@link #lockChain}) and reads through {@link ChainReader}. Inserts only: the table
 * rejects anything else.
 */
@ApplicationScoped
class ChainStore {

    /**
     * ts in binary, formatted here ({@code Timestamps}): to_char on the server cost PostgreSQL about
     * 2 µs a row (measured with psql over 100k rows), more than the whole decode and format in this
     * process. Metadata as text: verify canonicalises it without building a tree.
     */
    private static final String COLUMNS = "h.project, h.seq, h.ts, h.actor, h.action, h.cp_from, h.cp_to, "
            + "h.state_checksum, h.metadata::text as metadata, h.kid, h.hmac_prev, h.hmac";
    private static final String TOMBSTONED_BY = "(select t.seq from history_entries t where t.project = h.project "
            + "and t.action = 'tombstone' and t.metadata ->> 'target_seq' = h.seq::text "
            + "order by t.seq limit 1) as tombstoned_by";
    private static final String VERIFY_RANGE = "select " + COLUMNS
            + " from history_entries h where h.project = $1 and h.seq > $2 order by h.seq limit $3";
    private static final String INSERT = "insert into history_entries (project, seq, ts, actor, action, cp_from, "
            + "cp_to, state_checksum, metadata, kid, hmac_prev, hmac) "
            + "values ($1, $2, $3, $4, $5, $6, $7, $8, $9::text::jsonb, $10, $11, $12)";

    /**
     * Serialises appends to one project until the transaction ends; other projects use other keys.
     * The key is PostgreSQL's own 64-bit text hash, so any process on the database derives the same.
     */
    Uni<Void> lockChain(SqlConnection tx, String project) {
        return tx.preparedQuery("select pg_advisory_xact_lock(hashtextextended($1, 0))")
                .execute(Tuple.of("devstate.history:" + project))
                .replaceWithVoid();
    }

    /**
     * Every project's head seq: one index probe per project (a loose scan of the primary key),
     * not a pass over all the entries.
     */
    Uni<Map<String, Long>> heads(SqlClient client) {
        return client.query("""
                with recursive names(name) as (
                    (select project from history_entries order by project limit 1)
                    union all
                    select (select project from history_entries where project > names.name order by project limit 1)
                    from names where names.name is not null
                )
                select n.name, (select max(seq) from history_entries e where e.project = n.name) as seq
                from names n where n.name is not null""")
                .execute()
                .map(rows -> {
                    Map<String, Long> heads = new HashMap<>();
                    rows.forEach(row -> heads.put(row.getString("name"), row.getLong("seq")));
                    return heads;
                });
    }

    Uni<ChainHead> head(SqlClient client, String project) {
        return client.preparedQuery("select seq, hmac from history_entries where project = $1 "
                + "order by seq desc limit 1")
                .execute(Tuple.of(project))
                .map(rows -> rows.size() == 0
                        ? ChainHead.GENESIS
                        : toHead(rows.iterator().next()));
    }

    Uni<Void> insertAll(SqlConnection tx, List<ChainEntry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(INSERT)
                .executeBatch(entries.stream().map(ChainStore::toTuple).toList())
                .replaceWithVoid();
    }

    Uni<Optional<HistoryRecord>> find(SqlClient client, String project, long seq) {
        return client.preparedQuery("select " + COLUMNS + ", " + TOMBSTONED_BY
                + " from history_entries h where h.project = $1 and h.seq = $2")
                .execute(Tuple.of(project, seq))
                .map(rows -> rows.size() == 0
                        ? Optional.<HistoryRecord>empty()
                        : Optional.of(toRecord(rows.iterator().next())));
    }

    /**
     * Up to {@code limit} entries with {@code afterSeq < seq <= throughSeq}, in chain order. Entries
     * never change once written, so pages up to a head read earlier form one consistent chain even
     * when each page is its own query.
     */
    Uni<List<ChainEntry>> range(SqlClient client, String project, long afterSeq, long throughSeq, int limit) {
        return client.preparedQuery("select " + COLUMNS + " from history_entries h "
                + "where h.project = $1 and h.seq > $2 and h.seq <= $3 order by h.seq limit $4")
                .execute(Tuple.of(project, afterSeq, throughSeq, limit))
                .map(ChainStore::toEntries);
    }

    /**
     * As {@link #range} for verify: metadata as stored text, never parsed into a tree (the signer
     * canonicalises it), so a row costs the event loop as little as possible.
     */
    Uni<List<StoredEntry>> verifyRange(SqlClient client, String project, long afterSeq, int limit) {
        return client.preparedQuery(VERIFY_RANGE)
                .execute(Tuple.of(project, afterSeq, limit))
                .map(ChainStore::toStoredEntries);
    }

    /** Newest first; fetches one row more than asked so the caller knows whether a next page exists. */
    Uni<List<HistoryRecord>> search(SqlClient client, HistoryQuery query) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder("h.project = $1");
        params.add(query.project());
        if (query.actor() != null) {
            params.add(query.actor());
            where.append(" and h.actor = $").append(params.size());
        }
        if (query.action() != null) {
            params.add(query.action());
            where.append(" and h.action = $").append(params.size());
        }
        if (query.since() != null) {
            params.add(query.since());
            where.append(" and h.ts >= $").append(params.size());
        }
        if (query.until() != null) {
            params.add(query.until());
            where.append(" and h.ts <= $").append(params.size());
        }
        if (query.cp() != null) {
            params.add(query.cp());
            where.append(" and (h.cp_from = $").append(params.size())
                    .append(" or h.cp_to = $").append(params.size()).append(')');
        }
        if (query.metadata() != null) {
            params.add(Json.compact(query.metadata()));
            where.append(" and h.metadata @> $").append(params.size()).append("::text::jsonb");
        }
        if (query.beforeSeq() != null) {
            params.add(query.beforeSeq());
            where.append(" and h.seq < $").append(params.size());
        }
        params.add(query.limit() + 1);
        String sql = "select " + COLUMNS + ", " + TOMBSTONED_BY + " from history_entries h where " + where
                + " order by h.seq desc limit $" + params.size();
        return client.preparedQuery(sql)
                .execute(Tuple.from(params))
                .map(ChainStore::toRecords);
    }

    private static Tuple toTuple(ChainEntry e) {
        return Tuple.from(new Object[] {
            e.project(), e.seq(), Timestamps.toOffset(Timestamps.parseChain(e.ts())), e.actor(), e.action(),
            e.cpFrom(), e.cpTo(), e.stateChecksum(), e.metadata() == null ? null : Json.compact(e.metadata()),
            e.kid(), e.hmacPrev(), e.hmac()
        });
    }

    private static ChainHead toHead(Row row) {
        return new ChainHead(row.getLong("seq"), row.getString("hmac"));
    }

    private static List<ChainEntry> toEntries(RowSet<Row> rows) {
        List<ChainEntry> entries = new ArrayList<>(rows.size());
        rows.forEach(row -> entries.add(toEntry(row)));
        return entries;
    }

    private static List<StoredEntry> toStoredEntries(RowSet<Row> rows) {
        List<StoredEntry> entries = new ArrayList<>(rows.size());
        rows.forEach(row -> entries.add(toStoredEntry(row)));
        return entries;
    }

    /** By column position in {@link #VERIFY_RANGE}: a name lookup per value showed in verify profiles. */
    private static StoredEntry toStoredEntry(Row row) {
        ChainEntry entry = new ChainEntry(
                row.getString(0), // project
                row.getLong(1), // seq
                Timestamps.format(row.getOffsetDateTime(2)), // ts
                row.getString(3), // actor
                row.getString(4), // action
                row.getString(5), // cp_from
                row.getString(6), // cp_to
                row.getString(7), // state_checksum
                null,
                row.getString(9), // kid
                row.getString(10), // hmac_prev
                row.getString(11)); // hmac
        return new StoredEntry(entry, row.getString(8)); // metadata
    }

    private static List<HistoryRecord> toRecords(RowSet<Row> rows) {
        List<HistoryRecord> records = new ArrayList<>(rows.size());
        rows.forEach(row -> records.add(toRecord(row)));
        return records;
    }

    private static HistoryRecord toRecord(Row row) {
        return new HistoryRecord(toEntry(row), row.getLong("tombstoned_by"));
    }

    static ChainEntry toEntry(Row row) {
        String metadata = row.getString("metadata");
        return new ChainEntry(
                row.getString("project"),
                row.getLong("seq"),
                Timestamps.format(row.getOffsetDateTime("ts")),
                row.getString("actor"),
                row.getString("action"),
                row.getString("cp_from"),
                row.getString("cp_to"),
                row.getString("state_checksum"),
                // Not normalised here: signing canonicalises anyway (verify walks many rows); views do it.
                metadata == null ? null : Json.parse(metadata, "stored metadata"),
                row.getString("kid"),
                row.getString("hmac_prev"),
                row.getString("hmac"));
    }
}
