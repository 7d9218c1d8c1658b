package io.devstate.events;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The {@code state} event: entry {@code seq} (an {@code update_state}) made the project's state
 * {@code version} with {@code checksum}. It comes immediately before that entry's {@code entry}
 * event and has no SSE id of its own, so a resume after entry {@code seq} never repeats it and a
 * resume before it never misses it.
 */
@RegisterForReflection
@JsonPropertyOrder({ "project", "seq", "version", "checksum", "ts", "actor" })
public record StateEvent(String project, long seq, long version, String checksum, String ts, String actor)
        implements FeedEvent {

    @Override
    public String eventName() {
        return "state";
    }

    static StateEvent of(EntryEvent entry, long version) {
        return new StateEvent(entry.project(), entry.seq(), version, entry.stateChecksum(), entry.ts(), entry.actor());
    }
}
