package io.devstate.log;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** What the log routes answer (hashes in standard base64, as in checkpoints). */
public final class LogViews {

    private LogViews() {
    }

    /** Entry {@code seq} is leaf {@code seq - 1}; the hashes lead from its leaf hash to the root of {@code tree_size}. */
    @RegisterForReflection
    public record InclusionProof(long seq, @JsonProperty("leaf_index") long leafIndex,
            @JsonProperty("tree_size") long treeSize, List<String> hashes) {
    }

    /** RFC 9162 consistency proof: the tree of {@code to} leaves extends the tree of {@code from} leaves. */
    @RegisterForReflection
    public record ConsistencyProof(long from, long to, List<String> hashes) {
    }

    /** The verifier key of a project's checkpoints, in the note verifier-key format. */
    @RegisterForReflection
    public record LogKey(String origin, @JsonProperty("verifier_key") String verifierKey) {
    }
}
