package io.devstate.state;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.devstate.config.DevStateConfig;

/**
 * Recently read states, so a read (and an ETag/304) costs no database round trip. Correct across
 * replicas because every state write notifies all of them through PostgreSQL (see
 * {@link StateChanges}), and bounded when that channel fails silently:
 *
 * <p><b>The bound.</b> {@link StateChanges} sends itself a notification every
 * {@code bound / 4} through the pool and reports here when one comes back. PostgreSQL delivers a
 * listener's notifications in commit order, so a heartbeat sent at time S that came back means
 * every state write committed before S has been announced (and evicted) here. The cache is used
 * only while the last heartbeat that came back was sent less than {@code bound} ago: a cached
 * state is then never older than a write committed more than {@code bound} before the read.
 * Beyond that — connection lost, reconnect refused, database stalled — reads go to the database,
 * and the cache starts empty once heartbeats return (writes may have gone unannounced meanwhile).
 */
@ApplicationScoped
public class StateCache {

    private static final Logger LOG = Logger.getLogger(StateCache.class);

    private final Map<String, StoredState> states = new ConcurrentHashMap<>();
    /** Bumped by every invalidation, so a read that raced with a write cannot store a stale state. */
    private final AtomicLong generation = new AtomicLong();
    private final long boundNanos;
    private final LongSupplier clock;
    /** Send time of the newest heartbeat that came back. */
    private volatile long confirmedSentAt;
    /** Whether the cache is in use; changed only under this object's monitor, read without it. */
    private volatile boolean live;

    @Inject
    public StateCache(DevStateConfig config) {
        this(config.state().cacheStalenessBound(), System::nanoTime);
    }

    StateCache(Duration bound, LongSupplier clock) {
        this.boundNanos = bound.toNanos();
        this.clock = clock;
    }

    /** The cached state, if the cache is in use and holds the project. */
    public Optional<StoredState> get(String project) {
        return inUse() ? Optional.ofNullable(states.get(project)) : Optional.empty();
    }

    /** The generation to pass to {@link #put} for a state read from the database now. */
    public long generation() {
        return generation.get();
    }

    public void put(StoredState state, long readAtGeneration) {
        if (inUse() && generation.get() == readAtGeneration) {
            states.put(state.project(), state);
            if (generation.get() != readAtGeneration) {
                states.remove(state.project());
            }
        }
    }

    public void invalidate(String project) {
        generation.incrementAndGet();
        states.remove(project);
    }

    /** Whether reads may be served from memory now: the channel is confirmed live within the bound. */
    public boolean inUse() {
        if (!live) {
            return false;
        }
        if (clock.getAsLong() - confirmedSentAt < boundNanos) {
            return true;
        }
        stop("no heartbeat came back for " + Duration.ofNanos(clock.getAsLong() - confirmedSentAt).toMillis() + " ms");
        return false;
    }

    /** A heartbeat sent at {@code sentAt} (this clock) came back through the notification channel. */
    synchronized void confirmed(long sentAt) {
        if (sentAt - confirmedSentAt > 0) {
            confirmedSentAt = sentAt;
        }
        if (!live && clock.getAsLong() - confirmedSentAt < boundNanos) {
            // Reads that started before now may hold states whose change was not announced.
            forgetAll();
            live = true;
            LOG.warn("state cache in use again: the notification channel is confirmed live");
        }
    }

    /** The notification channel is known to be gone (closed, reconnect attempt failed). */
    void lost(String reason) {
        stop(reason);
    }

    private synchronized void stop(String reason) {
        if (live) {
            live = false;
            forgetAll();
            LOG.warnf("state cache bypassed, reads go to the database: %s", reason);
        }
    }

    private void forgetAll() {
        generation.incrementAndGet();
        states.clear();
    }
}
