package io.devstate.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The {@code lock} event: a lock of the project was {@code acquired}, {@code released} or
 * {@code expired} (removed after its expiry). Live only: sent when it happens, never replayed on a
 * resume ({@code GET /locks} has the current holders). Never the lock id: that is the holder's
 * capability to write under the lock.
 */
@RegisterForReflection
@JsonPropertyOrder({ "project", "change", "scope", "owner", "fencing_token", "expires_at" })
public record LockEvent(String project, String change, String scope, String owner,
        @JsonProperty("fencing_token") long fencingToken, @JsonProperty("expires_at") String expiresAt)
        implements FeedEvent {

    @Override
    public String eventName() {
        return "lock";
    }
}
