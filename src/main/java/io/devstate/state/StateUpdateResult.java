package io.devstate.state;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The new state's identity and the history entry that recorded the change. */
@RegisterForReflection
@JsonPropertyOrder({ "project", "checksum", "version", "updated_at", "seq", "hmac" })
public record StateUpdateResult(
        String project,
        String checksum,
        long version,
        @JsonProperty("updated_at") String updatedAt,
        long seq,
        String hmac) {
}
