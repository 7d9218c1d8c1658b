package io.devstate.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.devstate.common.Json;

/**
 * What a caller asks to record; seq, ts, kid and the hmacs are the chain's to fill in.
 * {@code principal} is who authenticated (not a claim): it is written into the signed metadata.
 */
public record EntryDraft(
        String actor,
        String action,
        String cpFrom,
        String cpTo,
        String stateChecksum,
        JsonNode metadata,
        String principal) {

    /** Every input of the append, for {@link IdempotencyKey}: a retry must ask for exactly this. */
    public ObjectNode fingerprint() {
        ObjectNode request = Json.object().put("operation", "append").put("actor", actor).put("action", action)
                .put("cp_from", cpFrom).put("cp_to", cpTo).put("state_checksum", stateChecksum)
                .put("principal", principal);
        request.set("metadata", metadata);
        return request;
    }

    public EntryDraft withMetadata(JsonNode newMetadata) {
        return new EntryDraft(actor, action, cpFrom, cpTo, stateChecksum, newMetadata, principal);
    }
}
