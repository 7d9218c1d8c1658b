package io.devstate.projects;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** What the project list answers, for HTTP and MCP alike: the contract's {@code ProjectPage}. */
public final class ProjectViews {

    private ProjectViews() {
    }

    @RegisterForReflection
    @JsonPropertyOrder({ "project", "state", "head", "updated_at" })
    public record ProjectSummary(String project, StateSummary state, HeadSummary head,
            @JsonProperty("updated_at") String updatedAt) {

        static ProjectSummary of(ProjectStore.Listed listed) {
            StateSummary state = listed.version() == null ? null
                    : new StateSummary(listed.version(), listed.checksum(), listed.stateUpdatedAt());
            // The newest write is the head entry: a state write appends one with the state's own ts.
            return new ProjectSummary(listed.project(), state, new HeadSummary(listed.seq(), listed.hmac()),
                    listed.headTs());
        }
    }

    @RegisterForReflection
    @JsonPropertyOrder({ "version", "checksum", "updated_at" })
    public record StateSummary(long version, String checksum, @JsonProperty("updated_at") String updatedAt) {
    }

    @RegisterForReflection
    public record HeadSummary(long seq, String hmac) {
    }

    @RegisterForReflection
    public record ProjectPage(List<ProjectSummary> items, @JsonProperty("next_cursor") String nextCursor) {
    }
}
