package io.devstate.state;

import io.devstate.common.Json;
import io.devstate.common.Timestamps;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** SQL of the state table. */
@ApplicationScoped
public class StateRepository {

    public Uni<Optional<StoredState>> find(SqlClient client, String project) {
        return client.preparedQuery("select project, document::text as document, checksum, version, updated_at "
                + "from state_current where project = $1")
                .execute(Tuple.of(project))
                .map(rows -> rows.size() == 0
                        ? Optional.<StoredState>empty()
                        : Optional.of(toState(rows.iterator().next())));
    }

    /**
     * The upsert and the announcement go out together (one round trip). Only in a transaction: the
     * announcement must not be delivered unless the upsert commits.
     */
    public Uni<Void> save(SqlConnection tx, StoredState state) {
        return Uni.combine().all().unis(upsert(tx, state), announce(tx, state.project()))
                .discardItems();
    }

    private static Uni<Void> upsert(SqlClient client, StoredState state) {
        return client.preparedQuery("insert into state_current (project, document, checksum, version, updated_at) "
                + "values ($1, $2::text::jsonb, $3, $4, $5) "
                + "on conflict (project) do update set document = excluded.document, checksum = excluded.checksum, "
                + "version = excluded.version, updated_at = excluded.updated_at")
                .execute(Tuple.of(state.project(), Json.compact(state.document()), state.checksum(),
                        state.version(), Timestamps.toOffset(Timestamps.parseChain(state.updatedAt()))))
                .replaceWithVoid();
    }

    /** Tells every replica (on commit) that the project's state changed; see {@link StateChanges}. */
    private static Uni<Void> announce(SqlClient client, String project) {
        return client.preparedQuery("select pg_notify($1, $2)")
                .execute(Tuple.of(StateChanges.CHANNEL, project))
                .replaceWithVoid();
    }

    private static StoredState toState(Row row) {
        return new StoredState(
                row.getString("project"),
                Json.normalise(Json.parse(row.getString("document"), "stored state")),
                row.getString("checksum"),
                row.getLong("version"),
                Timestamps.format(row.getOffsetDateTime("updated_at")));
    }
}
