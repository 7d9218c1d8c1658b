package io.devstate.chain;

import io.devstate.common.Timestamps;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * The active kid as stored in the database, so every replica signs with the same key. A fresh
 * database starts with the keyring's first kid.
 */
@ApplicationScoped
public class ActiveKeys {

    private final Keyring keyring;

    public ActiveKeys(Keyring keyring) {
        this.keyring = keyring;
    }

    public Uni<ActiveKey> current(SqlClient client) {
        return find(client)
                .chain(found -> found.isPresent()
                        ? Uni.createFrom().item(found.get())
                        : activateDefault(client));
    }

    /** The kid to sign with now; refuses a kid this replica has no secret for. */
    public Uni<String> signingKid(SqlClient client) {
        return current(client)
                .map(ActiveKey::kid)
                .invoke(kid -> {
                    if (!keyring.knows(kid)) {
                        throw new IllegalStateException("the active kid '" + kid + "' is not in this replica's keyring; "
                                + "configure its secret in DEVSTATE_HMAC_KEYS or DEVSTATE_HMAC_KEYS_FILE");
                    }
                });
    }

    public Uni<ActiveKey> activate(SqlClient client, String kid) {
        return client.preparedQuery("insert into active_key (id, kid, activated_at) values (1, $1, now()) "
                + "on conflict (id) do update set kid = excluded.kid, activated_at = excluded.activated_at "
                + "returning kid, activated_at")
                .execute(Tuple.of(kid))
                .map(rows -> toKey(rows.iterator().next()));
    }

    private Uni<ActiveKey> activateDefault(SqlClient client) {
        return client.preparedQuery("insert into active_key (id, kid, activated_at) values (1, $1, now()) "
                + "on conflict (id) do nothing")
                .execute(Tuple.of(keyring.defaultKid()))
                .chain(() -> find(client))
                .map(Optional::orElseThrow);
    }

    private Uni<Optional<ActiveKey>> find(SqlClient client) {
        return client.query("select kid, activated_at from active_key where id = 1")
                .execute()
                .map(ActiveKeys::first);
    }

    private static Optional<ActiveKey> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(toKey(rows.iterator().next()));
    }

    private static ActiveKey toKey(Row row) {
        return new ActiveKey(row.getString("kid"), Timestamps.format(row.getOffsetDateTime("activated_at")));
    }
}
