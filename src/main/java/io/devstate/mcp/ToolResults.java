package io.devstate.mcp;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

import io.devstate.history.ChainEntry;
import io.devstate.state.StoredState;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The structured results of the tools that have no service type of their own, as the contract's
 * schemas of the same name describe them ({@link ToolSchemas} maps each type to its schema).
 */
public final class ToolResults {

    private ToolResults() {
    }

    /** get_state: the contract's {@code StateView}. */
    @RegisterForReflection
    @JsonPropertyOrder({ "project", "json", "checksum", "version", "updated_at" })
    public record StateView(String project, JsonNode json, String checksum, long version,
            @JsonProperty("updated_at") String updatedAt) {

        static StateView of(StoredState state) {
            return new StateView(state.project(), state.document(), state.checksum(), state.version(),
                    state.updatedAt());
        }
    }

    /** append_history: the contract's {@code AppendResult} ({@code new_hmac} repeats {@code hmac}). */
    @RegisterForReflection
    @JsonPropertyOrder({ "project", "seq", "ts", "hmac", "new_hmac" })
    public record Appended(String project, long seq, String ts, String hmac, @JsonProperty("new_hmac") String newHmac) {

        static Appended of(ChainEntry entry) {
            return new Appended(entry.project(), entry.seq(), entry.ts(), entry.hmac(), entry.hmac());
        }
    }

    /** unlock_state: the lock that was released (over HTTP a bare 204). */
    @RegisterForReflection
    public record Released(String released) {
    }

    /**
     * export_files, past {@code DEVSTATE_MCP_MAX_EXPORT_CHARS}: where to download the export
     * instead of its contents.
     */
    @RegisterForReflection
    @JsonPropertyOrder({ "project", "too_large", "max_chars", "export" })
    public record ExportLink(String project, @JsonProperty("too_large") boolean tooLarge,
            @JsonProperty("max_chars") long maxChars, String export) {
    }

    /** export_files answers either the files (the contract's {@code ExportFiles}) or an {@link ExportLink}. */
    public interface Export {
    }
}
