package io.devstate.events;

import io.devstate.chain.SystemAction;

import java.util.List;

/**
 * Where a reader of one project's chain stands: the last seq it has and the state version there
 * (-1 until known). It turns the entries that continue it into feed events, each
 * {@code update_state} entry preceded by its {@code state} event — what a project's subscriber and
 * the feed of every project both do. One writer at a time; read from any thread.
 */
final class ChainPosition {

    private volatile long seq;
    private volatile long stateVersion;

    ChainPosition(long seq, long stateVersion) {
        this.seq = seq;
        this.stateVersion = stateVersion;
    }

    long seq() {
        return seq;
    }

    long stateVersion() {
        return stateVersion;
    }

    void stateVersion(long version) {
        stateVersion = version;
    }

    /** Adds to {@code out} the events of the entries that continue the position (a page may overlap it), moving it. */
    void follow(List<EntryEvent> entries, List<? super FeedEvent> out) {
        for (EntryEvent entry : entries) {
            if (entry.seq() != seq + 1) {
                continue;
            }
            if (SystemAction.UPDATE_STATE.is(entry.action())) {
                long version = stateVersion + 1;
                stateVersion = version;
                out.add(StateEvent.of(entry, version));
            }
            out.add(entry);
            seq = entry.seq();
        }
    }
}
