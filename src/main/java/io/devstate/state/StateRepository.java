package io.devstate.state;

import io.devstate.chain.SystemAction;
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
     * The state version once entry {@code seq} was written: the current version less the
     * {@code update_state} entries after {@code seq} (each made one version), read in one
     * statement, so from one snapshot. Counts only the entries after {@code seq}: a resume near the
     * head, the common one, reads a few index entries.
     */
    public Uni<Long> versionAt(SqlClient client, String project, long seq) {
        return client.preparedQuery("select coalesce((select version from state_current where project = $1), 0) "
                + "- (select count(*) from history_entries where project = $1 and seq > $2 "
                + "and action = $3) as version")
                .execute(Tuple.of(project, seq, SystemAction.UPDATE_STATE.action()))
                .map(rows -> Math.max(0, rows.iterator().next().getLong("version")));
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
