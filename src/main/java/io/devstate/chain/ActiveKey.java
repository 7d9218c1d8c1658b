package io.devstate.chain;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Which kid signs new entries, and since when. Never a secret. */
@RegisterForReflection
public record ActiveKey(String kid, @JsonProperty("activated_at") String activatedAt) {
}
