package io.devstate.history;

import com.fasterxml.jackson.databind.JsonNode;

/** What a caller asks to record; seq, ts, kid and the hmacs are the chain's to fill in. */
public record EntryDraft(
        String actor,
        String action,
        String cpFrom,
        String cpTo,
        String stateChecksum,
        JsonNode metadata) {
}
