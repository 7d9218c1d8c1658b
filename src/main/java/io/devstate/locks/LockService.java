package io.devstate.locks;

import io.devstate.common.BadRequest;
import io.devstate.common.Conflict;
import io.devstate.common.Invalid;
import io.devstate.common.Locked;
import io.devstate.common.NotFound;
import io.devstate.common.Utf8;
import io.devstate.database.Database;
import io.devstate.database.DatabaseFailures;
import io.devstate.metrics.DevStateMetrics;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

/** Advisory, expiring locks with fencing tokens. At most one unexpired holder per project and scope. */
@ApplicationScoped
public class LockService {

    /** The scope that guards state updates. */
    public static final String STATE_SCOPE = "state";
    /** Every lock acquired, released or expired is announced here (see LockRepository). */
    public static final String CHANGES_CHANNEL = "devstate_locks";
    static final int MAX_TTL_SEC = 86_400;
    private static final Pattern SCOPE = Pattern.compile("^[A-Za-z0-9._:/-]{1,128}$");
    private static final Logger LOG = Logger.getLogger(LockService.class);

    private final Database database;
    private final LockRepository repository;
    private final DevStateMetrics metrics;

    public LockService(Database database, LockRepository repository, DevStateMetrics metrics) {
        this.metrics = metrics;
        this.database = database;
        this.repository = repository;
    }

    /** Bad input is a failed Uni like any other refusal, never an exception of this call. */
    public Uni<Lock> acquire(String project, LockRequest request) {
        return Uni.createFrom().item(() -> validate(request))
                .chain(valid -> database.transaction(tx -> repository.nextFencingToken(tx, project, valid.scope())
                        .call(() -> repository.deleteExpired(tx, project, valid.scope()))
                        .call(() -> refuseIfHeld(tx, project, valid.scope()))
                        .chain(token -> repository.insert(tx, project, valid, token))));
    }

    public Uni<Lock> renew(String project, String lockId, Integer ttlSec) {
        return Uni.createFrom().voidItem()
                .invoke(() -> {
                    if (ttlSec != null) {
                        ttl(ttlSec);
                    }
                })
                .chain(() -> database.read(db -> repository.renew(db, project, lockIdParam(lockId), ttlSec)))
                .map(renewed -> renewed.orElseThrow(() -> notFound(project, lockId)));
    }

    public Uni<Void> release(String project, String lockId) {
        return database.read(db -> repository.delete(db, project, lockIdParam(lockId)))
                .invoke(deleted -> {
                    if (!deleted) {
                        throw notFound(project, lockId);
                    }
                })
                .replaceWithVoid();
    }

    public Uni<List<Lock>> active(String project) {
        return database.read(db -> repository.active(db, project));
    }

    /** The unexpired holder of scope {@code state}, read once for a batch of state updates. */
    public Uni<Optional<Lock>> stateHolder(SqlConnection tx, String project) {
        return repository.holder(tx, project, STATE_SCOPE);
    }

    /** 423 unless scope {@code state} is free ({@code holder} empty) or held by the lock the caller presents. */
    public static void requireStateAccess(String project, Optional<Lock> holder, String presentedLockId) {
        holder.ifPresent(lock -> {
            if (!lock.lockId().equals(presentedLockId)) {
                throw new Locked("scope 'state' of project '" + project + "' is locked"
                        + (lock.owner() == null ? "" : " by " + lock.owner())
                        + "; present the lock id in the DevState-Lock header")
                        .with("holder", holderOf(lock));
            }
        });
    }

    @Scheduled(every = "${devstate.locks.cleanup-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> removeExpired() {
        return database.read(repository::deleteAllExpired)
                .call(() -> database.read(repository::countActive).invoke(metrics::activeLocks))
                .invoke(count -> {
                    if (count > 0) {
                        LOG.debugf("removed %d expired locks", count);
                    }
                })
                // An outage is logged once by DatabaseAvailability, not every cleanup interval.
                .onFailure(e -> !DatabaseFailures.isUnavailable(e))
                .invoke(e -> LOG.warnf("expired lock cleanup failed: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<Void> refuseIfHeld(SqlConnection tx, String project, String scope) {
        return repository.holder(tx, project, scope)
                .invoke(holder -> holder.ifPresent(lock -> {
                    throw new Conflict("scope '" + scope + "' is held until " + lock.expiresAt())
                            .with("holder", holderOf(lock));
                }))
                .replaceWithVoid();
    }

    private static Map<String, Object> holderOf(Lock lock) {
        return lock.owner() == null
                ? Map.of("expires_at", lock.expiresAt())
                : Map.of("owner", lock.owner(), "expires_at", lock.expiresAt());
    }

    private static LockRequest validate(LockRequest request) {
        if (request == null) {
            throw new BadRequest("a JSON body is required");
        }
        if (request.scope() == null || !SCOPE.matcher(request.scope()).matches()) {
            throw new Invalid("scope must match " + SCOPE.pattern()).with("field", "scope");
        }
        if (request.ttlSec() == null) {
            throw new Invalid("ttl_sec is required").with("field", "ttl_sec");
        }
        ttl(request.ttlSec());
        Utf8.requireCharacters("owner", request.owner());
        Utf8.requireCharacters("reason", request.reason());
        if (request.owner() != null && request.owner().length() > 200) {
            throw new Invalid("owner must be at most 200 characters").with("field", "owner");
        }
        if (request.reason() != null && request.reason().length() > 500) {
            throw new Invalid("reason must be at most 500 characters").with("field", "reason");
        }
        return request;
    }

    private static void ttl(int ttlSec) {
        if (ttlSec < 1 || ttlSec > MAX_TTL_SEC) {
            throw new Invalid("ttl_sec must be from 1 to " + MAX_TTL_SEC).with("field", "ttl_sec");
        }
    }

    private static UUID lockIdParam(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw new NotFound("no lock " + raw);
        }
    }

    private static NotFound notFound(String project, String lockId) {
        return new NotFound("project '" + project + "' holds no unexpired lock " + lockId);
    }
}
