package io.devstate.chain;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Where a written entry is in its project's log: entry {@code seq} is leaf {@code seq - 1}, and the
 * checkpoint that first includes it is the one its batch commits (a replayed write: the one its
 * replay's batch commits). The size is set once the batch's last job ran, before the commit, so it
 * is known by the time the caller gets the result; each position belongs to one batch.
 */
@RegisterForReflection
@JsonPropertyOrder({ "leaf_index", "checkpoint_size" })
public final class LogPosition {

    private final long leafIndex;
    private long checkpointSize = -1;

    LogPosition(long leafIndex) {
        this.leafIndex = leafIndex;
    }

    @JsonProperty("leaf_index")
    public long leafIndex() {
        return leafIndex;
    }

    @JsonProperty("checkpoint_size")
    public long checkpointSize() {
        if (checkpointSize < 0) {
            throw new IllegalStateException("leaf " + leafIndex + " is read before its batch committed");
        }
        return checkpointSize;
    }

    void committedAt(long size) {
        checkpointSize = size;
    }

    @Override
    public String toString() {
        return "LogPosition[leaf_index=" + leafIndex + ", checkpoint_size=" + checkpointSize + "]";
    }
}
