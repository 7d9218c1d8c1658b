package io.devstate.chain;

import io.devstate.common.HeaderNames;
import io.devstate.common.Invalid;
import io.devstate.config.DevStateConfig;
import io.devstate.database.Database;
import io.devstate.database.DatabaseFailures;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

/**
 * Keeps the result of each write made with an {@code Idempotency-Key} for
 * {@code devstate.idempotency.ttl}, in the write's own transaction and under the project's chain
 * lock, so two requests with one key can never both write, on any replica: the second finds the
 * first's row and answers its result again.
 */
@ApplicationScoped
public class IdempotencyKeys {

    private static final Logger LOG = Logger.getLogger(IdempotencyKeys.class);

    /** What the first request wrote: its history entry and, for a state write, the version. */
    public record Prior(long seq, Long version) {
    }

    private final Database database;
    private final ChainStore store;
    private final long ttlSeconds;

    public IdempotencyKeys(Database database, ChainStore store, DevStateConfig config) {
        this.database = database;
        this.store = store;
        this.ttlSeconds = Math.max(1, config.idempotency().ttl().toSeconds());
    }

    /**
     * Inside a chain job: replays the kept result for {@code key}, or runs {@code write} and keeps
     * what it wrote. Without a key, just the write.
     */
    public <T> Uni<Idempotent<T>> once(ChainBatch batch, Optional<IdempotencyKey> key, Supplier<Uni<T>> write,
            Function<T, Prior> wrote, Function<Replay, T> replay) {
        if (key.isEmpty()) {
            return write.get().map(Idempotent::fresh);
        }
        IdempotencyKey claim = key.get();
        return find(batch.tx(), batch.project(), claim)
                .chain(prior -> prior.isPresent()
                        ? entry(batch, prior.get().seq()).map(entry -> Idempotent.replay(replay.apply(new Replay(prior.get(), entry))))
                        : write.get().call(result -> keep(batch.tx(), batch.project(), claim, wrote.apply(result)))
                                .map(Idempotent::fresh));
    }

    /** The first request's write, to rebuild its answer from. */
    public record Replay(Prior prior, ChainEntry entry) {
    }

    private Uni<Optional<Prior>> find(SqlClient tx, String project, IdempotencyKey claim) {
        return tx.preparedQuery("select fingerprint, seq, version from idempotency_keys"
                + " where project = $1 and key = $2 and created_at > now() - make_interval(secs => $3)")
                .execute(Tuple.of(project, claim.key(), ttlSeconds))
                .map(rows -> rows.size() == 0 ? Optional.<Prior>empty() : Optional.of(prior(rows.iterator().next(), claim)));
    }

    private static Prior prior(Row row, IdempotencyKey claim) {
        if (!row.getString("fingerprint").equals(claim.fingerprint())) {
            throw new Invalid(HeaderNames.IDEMPOTENCY_KEY + " was already used for a different request")
                    .with("field", HeaderNames.IDEMPOTENCY_KEY);
        }
        return new Prior(row.getLong("seq"), row.getLong("version"));
    }

    /** An entry of an earlier batch is in the table; one of this batch is not inserted yet. */
    private Uni<ChainEntry> entry(ChainBatch batch, long seq) {
        Optional<ChainEntry> pending = batch.pending(seq);
        if (pending.isPresent()) {
            return Uni.createFrom().item(pending.get());
        }
        return store.find(batch.tx(), batch.project(), seq)
                .map(found -> found.orElseThrow(() -> new IllegalStateException(
                        "idempotency key of " + batch.project() + " names entry " + seq + ", which does not exist"))
                        .entry());
    }

    /** Replaces an expired row of the same key, which {@link #find} no longer sees. */
    private Uni<Void> keep(SqlClient tx, String project, IdempotencyKey claim, Prior prior) {
        return tx.preparedQuery("insert into idempotency_keys (project, key, fingerprint, seq, version)"
                + " values ($1, $2, $3, $4, $5) on conflict (project, key) do update set fingerprint = excluded.fingerprint,"
                + " seq = excluded.seq, version = excluded.version, created_at = now()")
                .execute(Tuple.tuple().addString(project).addString(claim.key()).addString(claim.fingerprint())
                        .addLong(prior.seq()).addLong(prior.version()))
                .replaceWithVoid();
    }

    @Scheduled(every = "10m", delay = 1, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> deleteExpired() {
        return database.read(db -> db.preparedQuery("delete from idempotency_keys where created_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of(ttlSeconds)))
                .replaceWithVoid()
                .onFailure().invoke(e -> {
                    if (!DatabaseFailures.isUnavailable(e)) {
                        LOG.warnf("expired idempotency key cleanup failed: %s", e.getMessage());
                    }
                })
                .onFailure().recoverWithNull();
    }
}
