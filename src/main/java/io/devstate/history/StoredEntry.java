package io.devstate.history;

/**
 * A stored entry as verify reads it: its metadata only as canonical text, never parsed into a tree
 * ({@code entry.metadata()} is null). Verify needs the metadata only to sign it, and canonicalising
 * the stored text directly skips a parse and a serialisation per entry.
 */
public record StoredEntry(ChainEntry entry, String canonicalMetadata) {
}
