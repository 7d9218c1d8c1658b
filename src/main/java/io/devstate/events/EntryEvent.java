package io.devstate.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.devstate.chain.ChainAnnouncement;
import io.devstate.chain.ChainEntry;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The {@code entry} event of the change feed: a committed history entry, summarised (its id and
 * who did what), never the whole document. Entry {@code seq} is in every checkpoint of at least
 * {@code seq} leaves; {@code checkpoint_size} is the tree size the feed knew when it read it.
 */
@RegisterForReflection
@JsonPropertyOrder({ "project", "seq", "ts", "actor", "action", "hmac", "state_checksum", "checkpoint_size" })
public record EntryEvent(String project, long seq, String ts, String actor, String action, String hmac,
        @JsonProperty("state_checksum") String stateChecksum, @JsonProperty("checkpoint_size") long checkpointSize)
        implements FeedEvent {

    @Override
    public String eventName() {
        return "entry";
    }

    @Override
    public String eventId() {
        return Long.toString(seq);
    }

    /** An entry as its commit announced it: in a tree of at least {@code head} leaves (entries and leaves commit together). */
    static EntryEvent of(String project, ChainAnnouncement.Entry entry, long head) {
        return new EntryEvent(project, entry.seq(), entry.ts(), entry.actor(), entry.action(), entry.hmac(),
                entry.stateChecksum(), head);
    }

    static EntryEvent of(ChainEntry entry, long checkpointSize) {
        return new EntryEvent(entry.project(), entry.seq(), entry.ts(), entry.actor(), entry.action(), entry.hmac(),
                entry.stateChecksum(), checkpointSize);
    }
}
