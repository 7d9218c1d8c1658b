package io.devstate.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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

    public enum Kind {
        MERGE_PATCH,
        REPLACE
    }
}
