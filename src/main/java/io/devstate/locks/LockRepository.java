package io.devstate.locks;

import io.devstate.common.Timestamps;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL of locks. Expiry is judged by the database clock, the one clock all replicas share. */
@ApplicationScoped
public class LockRepository {

    private static final String COLUMNS = "id, project, scope, owner, reason, fencing_token, acquired_at, expires_at";

    /**
     * {@code select} over the rows a data-modifying CTE named {@code changed} returned, announcing
     * each as a {@code change} lock event on {@link LockService#CHANGES_CHANNEL}: in the statement
     * (so in its transaction), so only what commits is announced, by whichever replica did it.
     * The payload is the event's JSON (a few hundred bytes: owner and scope are bounded); never the
     * lock id.
     */
    private static String announcing(String change, String selected) {
        return "select " + selected + "pg_notify('" + LockService.CHANGES_CHANNEL + "', json_build_object("
                + "'project', project, 'change', '" + change + "', 'scope', scope, 'owner', owner, "
                + "'fencing_token', fencing_token, "
                + "'expires_at', to_char(expires_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'))::text) "
                + "from changed";
    }

    /**
     * Increments the scope's fencing counter. The upsert also row-locks the counter until the
     * transaction ends, which serialises concurrent acquisitions of the same scope.
     */
    public Uni<Long> nextFencingToken(SqlConnection tx, String project, String scope) {
        return tx.preparedQuery("insert into lock_fencing (project, scope, last_token) values ($1, $2, 1) "
                + "on conflict (project, scope) do update set last_token = lock_fencing.last_token + 1 "
                + "returning last_token")
                .execute(Tuple.of(project, scope))
                .map(rows -> rows.iterator().next().getLong("last_token"));
    }

    public Uni<Void> deleteExpired(SqlClient client, String project, String scope) {
        return client.preparedQuery("with changed as (delete from locks where project = $1 and scope = $2 "
                + "and expires_at <= now() returning " + COLUMNS + ") " + announcing("expired", ""))
                .execute(Tuple.of(project, scope))
                .replaceWithVoid();
    }

    /** Removes every expired lock; returns how many. */
    public Uni<Integer> deleteAllExpired(SqlClient client) {
        return client.query("with changed as (delete from locks where expires_at <= now() returning " + COLUMNS + ") "
                + announcing("expired", ""))
                .execute()
                .map(RowSet::rowCount);
    }

    public Uni<Optional<Lock>> holder(SqlClient client, String project, String scope) {
        return client.preparedQuery("select " + COLUMNS + " from locks "
                + "where project = $1 and scope = $2 and expires_at > now()")
                .execute(Tuple.of(project, scope))
                .map(LockRepository::first);
    }

    public Uni<Lock> insert(SqlConnection tx, String project, LockRequest request, long fencingToken) {
        return tx.preparedQuery("with changed as (insert into locks (" + COLUMNS + ", ttl_sec) "
                + "values ($1, $2, $3, $4, $5, $6, now(), now() + make_interval(secs => $7::integer), $7::integer) "
                + "returning " + COLUMNS + ") " + announcing("acquired", COLUMNS + ", "))
                .execute(Tuple.from(new Object[] {
                    UUID.randomUUID(), project, request.scope(), request.owner(), request.reason(), fencingToken,
                    request.ttlSec() }))
                .map(rows -> toLock(rows.iterator().next()));
    }

    public Uni<Optional<Lock>> renew(SqlClient client, String project, UUID id, Integer ttlSec) {
        return client.preparedQuery("update locks set expires_at = now() + make_interval(secs => coalesce($3::integer, ttl_sec)), "
                + "ttl_sec = coalesce($3::integer, ttl_sec) "
                + "where id = $1 and project = $2 and expires_at > now() returning " + COLUMNS)
                .execute(Tuple.of(id, project, ttlSec))
                .map(LockRepository::first);
    }

    public Uni<Boolean> delete(SqlClient client, String project, UUID id) {
        return client.preparedQuery("with changed as (delete from locks where id = $1 and project = $2 "
                + "and expires_at > now() returning " + COLUMNS + ") " + announcing("released", ""))
                .execute(Tuple.of(id, project))
                .map(rows -> rows.rowCount() > 0);
    }

    public Uni<List<Lock>> active(SqlClient client, String project) {
        return client.preparedQuery("select " + COLUMNS + " from locks where project = $1 and expires_at > now() "
                + "order by scope")
                .execute(Tuple.of(project))
                .map(rows -> {
                    List<Lock> locks = new ArrayList<>(rows.size());
                    rows.forEach(row -> locks.add(toLock(row)));
                    return locks;
                });
    }

    public Uni<Long> countActive(SqlClient client) {
        return client.query("select count(*) as active from locks where expires_at > now()")
                .execute()
                .map(rows -> rows.iterator().next().getLong("active"));
    }

    private static Optional<Lock> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(toLock(rows.iterator().next()));
    }

    private static Lock toLock(Row row) {
        return new Lock(
                row.getUUID("id").toString(),
                row.getString("project"),
                row.getString("scope"),
                row.getString("owner"),
                row.getString("reason"),
                row.getLong("fencing_token"),
                Timestamps.format(row.getOffsetDateTime("acquired_at")),
                Timestamps.format(row.getOffsetDateTime("expires_at")));
    }
}
