package io.devstate.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.devstate.common.Json;

/**
 * A requested state write: a merge patch or a replacement, with its preconditions and audit data.
 * {@code ifMatch} is the checksum the caller last saw (null: no precondition).
 */
public record StateChange(
        Kind kind,
        JsonNode body,
        String ifMatch,
        String lockId,
        String actor,
        String principal,
        ObjectNode metadata) {

    /** Every input of the write, for {@code IdempotencyKey}: a retry must ask for exactly this. */
    public ObjectNode fingerprint() {
        ObjectNode request = Json.object().put("operation", kind.name()).put("if_match", ifMatch)
                .put("lock_id", lockId).put("actor", actor).put("principal", principal);
        request.set("body", body);
        request.set("metadata", metadata);
        return request;
    }

    public enum Kind {
        MERGE_PATCH,
        REPLACE
    }
}
