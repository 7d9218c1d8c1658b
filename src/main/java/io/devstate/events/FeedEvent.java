package io.devstate.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * An event of the change feed: its SSE event name, its SSE id, and itself as the event's JSON data.
 * Only {@code entry} events carry an id (the entry's seq), so {@code Last-Event-ID} is always the
 * last entry a client has: the events without one either come just before the entry whose id they
 * share in meaning ({@code state}) or are live notices that are not replayed ({@code lock}).
 */
public sealed interface FeedEvent permits EntryEvent, StateEvent, LockEvent, DisconnectedEvent {

    @JsonIgnore
    String eventName();

    /** The SSE id, or null for an event that does not move the position. */
    @JsonIgnore
    default String eventId() {
        return null;
    }
}
