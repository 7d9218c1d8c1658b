package io.devstate.state;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Recently read states, so a read (and an ETag/304) costs no database round trip. Correct across
 * replicas: every state write notifies all of them through PostgreSQL (see {@link StateChanges});
 * while that channel is not connected the cache is bypassed, since notifications could be missed.
 */
@ApplicationScoped
public class StateCache {

    private final Map<String, StoredState> states = new ConcurrentHashMap<>();
    /** Bumped by every invalidation, so a read that raced with a write cannot store a stale state. */
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean listening;

    public Optional<StoredState> get(String project) {
        return listening ? Optional.ofNullable(states.get(project)) : Optional.empty();
    }

    /** The generation to pass to {@link #put} for a state read from the database now. */
    public long generation() {
        return generation.get();
    }

    public void put(StoredState state, long readAtGeneration) {
        if (listening && generation.get() == readAtGeneration) {
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

    /** Called when the notification channel connects (true) or is lost (false). */
    void listening(boolean connected) {
        generation.incrementAndGet();
        states.clear();
        listening = connected;
    }
}
