package io.devstate.state;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The state as the API shows it; {@code json} is the document. */
@RegisterForReflection
@JsonPropertyOrder({ "project", "json", "checksum", "version", "updated_at" })
public record StateView(String project, JsonNode json, String checksum, long version,
        @JsonProperty("updated_at") String updatedAt) {

    public static StateView of(StoredState state) {
        return new StateView(state.project(), state.document(), state.checksum(), state.version(), state.updatedAt());
    }
}
