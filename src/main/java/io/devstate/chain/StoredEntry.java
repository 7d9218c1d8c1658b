package io.devstate.chain;

import io.devstate.common.Json;

/**
 * A stored entry as verify reads it: its metadata only as the text PostgreSQL rendered, never parsed
 * into a tree ({@code entry.metadata()} is null). Verify needs the metadata only to sign it, and
 * canonicalising the stored text directly skips a parse and a serialisation per entry. The row
 * mapper keeps the text as it came, so that work happens where the verifier runs, off the event loop.
 */
public record StoredEntry(ChainEntry entry, String metadataText) {

    /** RFC 8785 form of the metadata, null when there is none. */
    public String canonicalMetadata() {
        return metadataText == null ? null : Json.canonicalText(metadataText);
    }
}
