package io.devstate.chain;

/** An entry a write appended (or a replay answers) and where it is in the project's log. */
public record Appended(ChainEntry entry, LogPosition log) {

    /** In a job: the entry and its position in the log {@code batch} commits. */
    public static Appended in(ChainBatch batch, ChainEntry entry) {
        return new Appended(entry, batch.position(entry));
    }
}
