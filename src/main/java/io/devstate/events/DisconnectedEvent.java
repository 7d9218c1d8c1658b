package io.devstate.events;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The last event of a feed the service ends: why ({@code too-slow}: the subscriber fell more than
 * DEVSTATE_EVENTS_MAX_BUFFERED entries behind the live tail). The client resumes with its own
 * Last-Event-ID: what the service had already taken for it (up to a page) may not have reached it.
 * A subscriber that stalled reads this only once it reads again; nothing more is queued for it.
 */
@RegisterForReflection
@JsonPropertyOrder({ "reason", "detail" })
public record DisconnectedEvent(String reason, String detail) implements FeedEvent {

    @Override
    public String eventName() {
        return "disconnected";
    }

    static DisconnectedEvent of(SlowSubscriber slow) {
        return new DisconnectedEvent("too-slow", slow.getMessage());
    }
}
