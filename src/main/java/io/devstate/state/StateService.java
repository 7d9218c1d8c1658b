package io.devstate.state;

import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.devstate.common.BadRequest;
import io.devstate.common.Invalid;
import io.devstate.common.Json;
import io.devstate.common.MergePatch;
import io.devstate.common.NotFound;
import io.devstate.common.PreconditionFailed;
import io.devstate.history.ChainEntry;
import io.devstate.history.EntryDraft;
import io.devstate.history.EntryRules;
import io.devstate.history.HistoryService;
import io.devstate.locks.LockService;
import io.devstate.metrics.DevStateMetrics;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * State writes: the new document and its {@code update_state} entry commit in one transaction,
 * under the project's chain lock, so concurrent writers are applied one after the other.
 */
@ApplicationScoped
public class StateService {

    static final String UPDATE_ACTION = "update_state";

    private final Pool pool;
    private final StateRepository repository;
    private final StateSchema schema;
    private final HistoryService history;
    private final LockService locks;
    private final DevStateMetrics metrics;
    private final StateCache cache;

    public StateService(Pool pool, StateRepository repository, StateSchema schema, HistoryService history,
            LockService locks, DevStateMetrics metrics, StateCache cache) {
        this.metrics = metrics;
        this.cache = cache;
        this.pool = pool;
        this.repository = repository;
        this.schema = schema;
        this.history = history;
        this.locks = locks;
    }

    /** From the cache when it holds the project (no database round trip), else from the database. */
    public Uni<StoredState> get(String project) {
        Optional<StoredState> cached = cache.get(project);
        if (cached.isPresent()) {
            return Uni.createFrom().item(cached.get());
        }
        long generation = cache.generation();
        return repository.find(pool, project)
                .map(found -> found.orElseThrow(() -> new NotFound("project '" + project + "' has no state")))
                .invoke(state -> cache.put(state, generation));
    }

    public Uni<StateUpdateResult> update(String project, StateChange change) {
        long start = System.nanoTime();
        requireObject(change.body());
        return pool.withTransaction(tx -> history.lockChain(tx, project)
                .chain(() -> locks.requireStateAccess(tx, project, change.lockId()))
                .chain(() -> repository.find(tx, project))
                .map(current -> transition(project, current, change))
                .chain(transition -> commit(tx, transition, change)))
                .invoke(result -> cache.invalidate(project))
                .invoke(result -> metrics.stateUpdated(project, start))
                .onFailure().invoke(metrics::stateUpdateFailed);
    }

    private record Transition(Optional<StoredState> before, StoredState after) {
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
        Json.rejectNulCharacters(next, "state");
        schema.validate(next, "state");
        JsonNode canonical = Json.normalise(next);
        long version = current.map(StoredState::version).orElse(0L) + 1;
        StoredState after = new StoredState(project, canonical, Json.checksum(canonical), version, null);
        return new Transition(current, after);
    }

    /** The entry is signed first so the stored state carries the entry's timestamp as its updated_at. */
    private Uni<StateUpdateResult> commit(SqlConnection tx, Transition transition, StateChange change) {
        return history.appendInTransaction(tx, transition.after().project(), draft(transition, change))
                .chain(entry -> saveAt(tx, transition.after(), entry));
    }

    private Uni<StateUpdateResult> saveAt(SqlConnection tx, StoredState state, ChainEntry entry) {
        StoredState stamped = new StoredState(state.project(), state.document(), state.checksum(), state.version(),
                entry.ts());
        return repository.save(tx, stamped)
                .replaceWith(result(stamped, entry));
    }

    private static EntryDraft draft(Transition transition, StateChange change) {
        String cpBefore = transition.before().map(state -> currentCp(state.document())).orElse(null);
        String cpAfter = currentCp(transition.after().document());
        boolean cpChanged = !Objects.equals(cpBefore, cpAfter);
        return new EntryDraft(
                EntryRules.actor(change.actor()),
                UPDATE_ACTION,
                cpChanged ? cpBefore : null,
                cpChanged ? cpAfter : null,
                transition.after().checksum(),
                EntryRules.metadata(change.metadata()),
                change.principal());
    }

    private static StateUpdateResult result(StoredState state, ChainEntry entry) {
        return new StateUpdateResult(state.project(), state.checksum(), state.version(), state.updatedAt(),
                entry.seq(), entry.hmac());
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
