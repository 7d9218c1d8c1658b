package io.devstate.files;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Bodies of export and import. */
public final class FilesResult {

    public static final String STATE_FILE = ".trae/state.json";
    public static final String HISTORY_FILE = ".trae/history.json";
    /** The signed checkpoint of the exported entries (docs/CHAIN.md, "The log"). */
    public static final String CHECKPOINT_FILE = ".trae/checkpoint";

    private FilesResult() {
    }

    /** File path to exact file text; the client writes the files, the server never touches its disk. */
    @RegisterForReflection
    @JsonPropertyOrder({ "project", "files" })
    public record ExportFiles(String project, Map<String, String> files) {
    }

    @RegisterForReflection
    public record ImportFiles(Map<String, String> files) {
    }

    @RegisterForReflection
    public record Head(long seq, String hmac) {
    }

    @RegisterForReflection
    @JsonPropertyOrder({ "project", "outcome", "imported", "head" })
    public record ImportResult(String project, String outcome, long imported, Head head) {
    }
}
