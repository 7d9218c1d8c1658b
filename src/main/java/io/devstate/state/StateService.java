package io.devstate.state;

import com.fasterxml.jackson.databind.JsonNode;

import io.devstate.chain.ChainBatch;
import io.devstate.chain.ChainEntry;
import io.devstate.chain.ChainWriter;
import io.devstate.chain.EntryDraft;
import io.devstate.chain.EntryRules;
import io.devstate.chain.IdempotencyKey;
import io.devstate.chain.IdempotencyKeys;
import io.devstate.chain.Idempotent;
import io.devstate.chain.LogPosition;
import io.devstate.chain.SystemAction;
import io.devstate.common.BadRequest;
import io.devstate.common.HeaderNames;
import io.devstate.common.Invalid;
import io.devstate.common.Json;
import io.devstate.common.MergePatch;
import io.devstate.common.NotFound;
import io.devstate.common.PreconditionFailed;
import io.devstate.database.Database;
import io.devstate.locks.Lock;
import io.devstate.locks.LockService;
import io.devstate.metrics.DevStateMetrics;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Objects;
import java.util.Optional;

/**
 * State writes: the new document and its {@code update_state} entry commit in one transaction,
 * under the project's chain lock, so concurrent writers are applied one after the other.
 * Concurrent writers share that transaction (group commit, see {@link ChainWriter}).
 */
@ApplicationScoped
public class StateService {


    private final Database database;
    private final StateRepository repository;
    private final StateSchema schema;
    private final ChainWriter writer;
    private final LockService locks;
    private final DevStateMetrics metrics;
    private final StateCache cache;
    private final IdempotencyKeys idempotency;

    public StateService(Database database, StateRepository repository, StateSchema schema, ChainWriter writer,
            LockService locks, DevStateMetrics metrics, StateCache cache, IdempotencyKeys idempotency) {
        this.idempotency = idempotency;
        this.metrics = metrics;
        this.cache = cache;
        this.database = database;
        this.repository = repository;
        this.schema = schema;
        this.writer = writer;
        this.locks = locks;
    }

    /**
     * From the cache when it holds the project at {@code minVersion} or later (no database round
     * trip), else from the database, which has every committed write (read-your-writes across
     * replicas). A {@code minVersion} above the current version names a write that does not exist.
     */
    public Uni<StoredState> get(String project, long minVersion) {
        Optional<StoredState> cached = cache.get(project).filter(state -> state.version() >= minVersion);
        if (cached.isPresent()) {
            return Uni.createFrom().item(cached.get());
        }
        long generation = cache.generation();
        return database.read(db -> repository.find(db, project))
                .map(found -> atLeast(project, found, minVersion))
                .invoke(state -> cache.put(state, generation));
    }

    /** The stored state on {@code client}, never the cache: for reads that share a snapshot (export). */
    public Uni<Optional<StoredState>> stored(SqlClient client, String project) {
        return repository.find(client, project);
    }

    /**
     * Inside a chain job that wrote the entries behind it (import): {@code state} becomes the
     * project's state, written with the batch's other state writes before the commit.
     */
    public Uni<Void> restore(ChainBatch batch, StoredState state) {
        return batch.shared(Working.class, () -> load(batch))
                .invoke(working -> {
                    working.current = Optional.of(state);
                    working.changed = true;
                    batch.afterCommit(() -> cache.invalidate(batch.project()));
                })
                .replaceWithVoid();
    }

    private static StoredState atLeast(String project, Optional<StoredState> found, long minVersion) {
        if (found.isEmpty() && minVersion > 0) {
            throw new PreconditionFailed(HeaderNames.MIN_VERSION + " " + minVersion + " is above the current state"
                    + " version: project '" + project + "' has no state");
        }
        StoredState state = found.orElseThrow(() -> new NotFound("project '" + project + "' has no state"));
        if (state.version() < minVersion) {
            throw new PreconditionFailed(HeaderNames.MIN_VERSION + " " + minVersion
                    + " is above the current state version " + state.version());
        }
        return state;
    }

    /**
     * Committed in a group transaction with the project's other concurrent writes (see
     * {@link ChainWriter}): the updates of a batch apply one after the other to the running document.
     */
    /** The state version once entry {@code seq} was written (the change feed's {@code state} events count on from it). */
    public Uni<Long> versionAt(String project, long seq) {
        return database.read(db -> repository.versionAt(db, project, seq));
    }

    public Uni<StateUpdateResult> update(String project, StateChange change) {
        return update(project, change, Optional.empty()).map(Idempotent::result);
    }

    /** With a key, a retry of the same request answers the first one's result and writes nothing. */
    public Uni<Idempotent<StateUpdateResult>> update(String project, StateChange change, Optional<IdempotencyKey> key) {
        long start = System.nanoTime();
        return Uni.createFrom().item(change::body).invoke(StateService::requireObject)
                .chain(() -> writer.submit(project, batch -> idempotency.once(batch, key, () -> apply(batch, change),
                        result -> new IdempotencyKeys.Prior(result.seq(), result.version()),
                        replay -> replayed(batch, replay)))
                        .invoke(result -> cache.invalidate(project))
                        .invoke(result -> metrics.stateUpdated(project, start))
                        .onFailure().invoke(metrics::stateUpdateFailed));
    }

    /** The project's state as the updates of one batch leave it; written once, before the commit. */
    private static final class Working {

        private final Optional<Lock> holder;
        private Optional<StoredState> current;
        private boolean changed;

        Working(Optional<Lock> holder, Optional<StoredState> current) {
            this.holder = holder;
            this.current = current;
        }
    }

    private record Transition(Optional<StoredState> before, StoredState after) {
    }

    private Uni<StateUpdateResult> apply(ChainBatch batch, StateChange change) {
        return batch.shared(Working.class, () -> load(batch))
                .map(working -> apply(batch, working, change));
    }

    /** Both reads go out together on the batch's connection. */
    private Uni<Working> load(ChainBatch batch) {
        return Uni.combine().all().unis(locks.stateHolder(batch.tx(), batch.project()),
                repository.find(batch.tx(), batch.project())).asTuple()
                .map(found -> new Working(found.getItem1(), found.getItem2()))
                .invoke(working -> batch.beforeCommit(() -> save(batch.tx(), working)));
    }

    /**
     * Every check comes before the append and the running state changes only after it, so a refused
     * update leaves the batch as it found it. The entry is signed first so the stored state carries
     * the entry's timestamp as its updated_at.
     */
    private StateUpdateResult apply(ChainBatch batch, Working working, StateChange change) {
        LockService.requireStateAccess(batch.project(), working.holder, change.lockId());
        Transition transition = transition(batch.project(), working.current, change);
        ChainEntry entry = batch.append(draft(transition, change));
        StoredState after = transition.after();
        StoredState stamped = new StoredState(after.project(), after.document(), after.checksum(), after.version(),
                entry.ts());
        working.current = Optional.of(stamped);
        working.changed = true;
        return result(stamped, entry, batch.position(entry));
    }

    private Uni<Void> save(SqlConnection tx, Working working) {
        return working.changed
                ? repository.save(tx, working.current.orElseThrow())
                : Uni.createFrom().voidItem();
    }

    private Transition transition(String project, Optional<StoredState> current, StateChange change) {
        if (change.ifMatch() != null && !matches(change.ifMatch(), current)) {
            throw new PreconditionFailed("If-Match " + change.ifMatch() + " does not match the current state "
                    + current.map(StoredState::checksum).orElse("(none)"));
        }
        JsonNode base = current.map(StoredState::document).orElseGet(Json::object);
        JsonNode next = change.kind() == StateChange.Kind.MERGE_PATCH
                ? MergePatch.apply(base, change.body())
                : change.body();
        Json.requireStorable(next, "state");
        schema.validate(next, "state");
        JsonNode canonical = Json.normalise(next);
        long version = current.map(StoredState::version).orElse(0L) + 1;
        StoredState after = new StoredState(project, canonical, Json.checksum(canonical), version, null);
        return new Transition(current, after);
    }

    private static EntryDraft draft(Transition transition, StateChange change) {
        String cpBefore = transition.before().map(state -> currentCp(state.document())).orElse(null);
        String cpAfter = currentCp(transition.after().document());
        boolean cpChanged = !Objects.equals(cpBefore, cpAfter);
        return new EntryDraft(
                EntryRules.actor(change.actor()),
                SystemAction.UPDATE_STATE.action(),
                cpChanged ? cpBefore : null,
                cpChanged ? cpAfter : null,
                transition.after().checksum(),
                EntryRules.metadata(change.metadata()),
                change.principal());
    }

    private static StateUpdateResult replayed(ChainBatch batch, IdempotencyKeys.Replay replay) {
        ChainEntry entry = replay.entry();
        return new StateUpdateResult(batch.project(), entry.stateChecksum(), replay.prior().version(), entry.ts(),
                entry.seq(), entry.hmac(), batch.position(entry));
    }

    private static StateUpdateResult result(StoredState state, ChainEntry entry, LogPosition log) {
        return new StateUpdateResult(state.project(), state.checksum(), state.version(), state.updatedAt(),
                entry.seq(), entry.hmac(), log);
    }

    private static String currentCp(JsonNode document) {
        JsonNode cp = document.get("current_cp");
        return cp != null && cp.isTextual() ? cp.textValue() : null;
    }

    private static boolean matches(String ifMatch, Optional<StoredState> current) {
        if (current.isEmpty()) {
            return false;
        }
        return ETags.contains(ifMatch, current.get().checksum());
    }

    private static void requireObject(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw new BadRequest("a JSON object body is required");
        }
        if (!body.isObject()) {
            throw new Invalid("the state body must be a JSON object");
        }
    }
}
