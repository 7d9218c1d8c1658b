package io.devstate.chain;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One history entry exactly as it is signed and stored. {@code ts} is kept in its chain text form
 * so that what is hashed is what is stored and exported.
 */
public record ChainEntry(
        String project,
        long seq,
        String ts,
        String actor,
        String action,
        String cpFrom,
        String cpTo,
        String stateChecksum,
        JsonNode metadata,
        String kid,
        String hmacPrev,
        String hmac) {

    /** The {@code hmac_prev} of a project's first entry. */
    public static final String GENESIS_HMAC = "0".repeat(64);

    public ChainEntry withHmac(String newHmac) {
        return new ChainEntry(project, seq, ts, actor, action, cpFrom, cpTo, stateChecksum, metadata, kid, hmacPrev,
                newHmac);
    }
}
