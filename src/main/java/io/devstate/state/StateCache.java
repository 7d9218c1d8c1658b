package io.devstate.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.devstate.config.DevStateConfig;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.jboss.logging.Logger;

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
 *
 * <p>Each entry also holds the state's {@link StateView} JSON, rendered once per state instead of
 * once per read: a cached state is read thousands of times a second, and serialising the same
 * document again was a tenth of the service's CPU under that load. At most
 * {@code devstate.state.cache-max-projects} projects are held; a put beyond that evicts another.
 */
@ApplicationScoped
public class StateCache {

    private static final Logger LOG = Logger.getLogger(StateCache.class);

    /** A cached state and, once a read asked for it, its rendered view. */
    private static final class Entry {
        private final StoredState state;
        private volatile byte[] json;

        Entry(StoredState state) {
            this.state = state;
        }
    }

    private final Map<String, Entry> states = new ConcurrentHashMap<>();
    private final int maxProjects;
    private final ObjectMapper mapper;
    /** Bumped by every invalidation, so a read that raced with a write cannot store a stale state. */
    private final AtomicLong generation = new AtomicLong();
    private final long boundNanos;
    private final LongSupplier clock;
    /** Send time of the newest heartbeat that came back. */
    private volatile long confirmedSentAt;
    /** Whether the cache is in use; changed only under this object's monitor, read without it. */
    private volatile boolean live;

    /** {@code mapper} is the REST layer's, so the rendered bytes are exactly what returning the view gives. */
    @Inject
    public StateCache(DevStateConfig config, ObjectMapper mapper) {
        this(config.state().cacheStalenessBound(), config.state().cacheMaxProjects(), mapper, System::nanoTime);
    }

    StateCache(Duration bound, int maxProjects, ObjectMapper mapper, LongSupplier clock) {
        if (maxProjects < 1) {
            throw new IllegalArgumentException("devstate.state.cache-max-projects must be at least 1, not " + maxProjects);
        }
        this.boundNanos = bound.toNanos();
        this.maxProjects = maxProjects;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** The cached state, if the cache is in use and holds the project. */
    public Optional<StoredState> get(String project) {
        if (!inUse()) {
            return Optional.empty();
        }
        Entry entry = states.get(project);
        return entry == null ? Optional.empty() : Optional.of(entry.state);
    }

    /** The generation to pass to {@link #put} for a state read from the database now. */
    public long generation() {
        return generation.get();
    }

    public void put(StoredState state, long readAtGeneration) {
        if (inUse() && generation.get() == readAtGeneration) {
            if (states.size() >= maxProjects && !states.containsKey(state.project())) {
                evictOne();
            }
            states.put(state.project(), new Entry(state));
            if (generation.get() != readAtGeneration) {
                states.remove(state.project());
            }
        }
    }

    /**
     * The state's {@link StateView} as JSON: rendered once for the cached instance, anew for any
     * other (a state read from the database while the cache is bypassed).
     */
    public byte[] json(StoredState state) {
        Entry entry = states.get(state.project());
        if (entry == null || entry.state != state) {
            return render(state);
        }
        byte[] json = entry.json;
        if (json == null) {
            json = render(state);
            entry.json = json; // two readers may both render it: the same bytes either way
        }
        return json;
    }

    private byte[] render(StoredState state) {
        try {
            return mapper.writeValueAsBytes(StateView.of(state));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored state always serialises", e);
        }
    }

    /** Any one entry: which does not matter for correctness, and a scan for the coldest would cost every put. */
    private void evictOne() {
        var keys = states.keySet().iterator();
        if (keys.hasNext()) {
            states.remove(keys.next());
        }
    }

    /** How many projects the cache holds (for tests). */
    int size() {
        return states.size();
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
