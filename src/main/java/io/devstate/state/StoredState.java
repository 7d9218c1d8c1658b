package io.devstate.state;

import com.fasterxml.jackson.databind.JsonNode;

/** A project's state row. {@code document} is in canonical form (members ordered, numbers normalised). */
public record StoredState(String project, JsonNode document, String checksum, long version, String updatedAt) {
}
