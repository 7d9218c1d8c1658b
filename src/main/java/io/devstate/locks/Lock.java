package io.devstate.locks;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A held lock as the API shows it. */
@RegisterForReflection
@JsonPropertyOrder({ "lock_id", "project", "scope", "owner", "reason", "fencing_token", "acquired_at", "expires_at" })
public record Lock(
        @JsonProperty("lock_id") String lockId,
        String project,
        String scope,
        String owner,
        String reason,
        @JsonProperty("fencing_token") long fencingToken,
        @JsonProperty("acquired_at") String acquiredAt,
        @JsonProperty("expires_at") String expiresAt) {
}
