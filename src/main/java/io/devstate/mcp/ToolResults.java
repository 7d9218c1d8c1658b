package io.devstate.mcp;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The structured results of the tools that have no service type of their own, as the contract's
 * schemas of the same name describe them ({@link ToolSchemas} maps each type to its schema).
 */
public final class ToolResults {

    private ToolResults() {
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
