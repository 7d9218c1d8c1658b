package io.devstate.locks;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of an acquisition. */
@RegisterForReflection
public record LockRequest(String scope, @JsonProperty("ttl_sec") Integer ttlSec, String owner, String reason) {
}
