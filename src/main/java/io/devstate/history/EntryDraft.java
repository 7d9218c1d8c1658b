package io.devstate.history;

import com.fasterxml.jackson.databind.JsonNode;

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

    public EntryDraft withMetadata(JsonNode newMetadata) {
        return new EntryDraft(actor, action, cpFrom, cpTo, stateChecksum, newMetadata, principal);
    }
}
