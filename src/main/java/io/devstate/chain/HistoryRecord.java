package io.devstate.chain;

/** A stored entry with what reads add to it: the seq of the tombstone marking it, if any. */
public record HistoryRecord(ChainEntry entry, Long tombstonedBy) {
}
