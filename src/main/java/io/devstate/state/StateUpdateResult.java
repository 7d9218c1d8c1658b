package io.devstate.state;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.devstate.chain.LogPosition;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The new state's identity, the history entry that recorded the change and where it is in the log. */
@RegisterForReflection
@JsonPropertyOrder({ "project", "checksum", "version", "updated_at", "seq", "hmac", "log" })
public record StateUpdateResult(
        String project,
        String checksum,
        long version,
        @JsonProperty("updated_at") String updatedAt,
        long seq,
        String hmac,
        LogPosition log) {
}
