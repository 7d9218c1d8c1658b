package io.devstate.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.devstate.chain.HistoryQuery;
import io.devstate.chain.HistoryRecord;
import io.devstate.common.DevStateException;
import io.devstate.common.Json;
import io.devstate.common.ProjectName;
import io.devstate.history.HistoryService;
import io.devstate.history.SearchCursor;
import io.devstate.security.Roles;
import io.devstate.state.StateService;
import io.devstate.state.StateView;
import io.quarkiverse.mcp.server.JsonRpcErrorCodes;
import io.quarkiverse.mcp.server.McpConnection;
import io.quarkiverse.mcp.server.McpException;
import io.quarkiverse.mcp.server.RequestUri;
import io.quarkiverse.mcp.server.ResourceTemplate;
import io.quarkiverse.mcp.server.TextResourceContents;
import io.smallrye.mutiny.Uni;

import jakarta.annotation.security.RolesAllowed;

import java.util.List;

/**
 * A project's state and the newest part of its history as MCP resources, for clients that attach
 * context by URI instead of calling a tool. Read through the same services as get_state and
 * search_history, with the session's own newest write as the minimum ({@link SessionWrites}).
 * The history resource is bounded: one message holds at most {@link #HISTORY_ENTRIES} entries
 * (a chain can hold millions), with {@code next_cursor} for search_history to page on. A read
 * that finds the project lists its concrete resources ({@link ResourceSubscriptions}), so that
 * a client can subscribe to what it just read.
 */
public class DevStateResources {

    static final int HISTORY_ENTRIES = 50;
    private static final String JSON = "application/json";

    private final StateService states;
    private final HistoryService history;
    private final SessionWrites sessions;
    private final ResourceSubscriptions subscriptions;

    public DevStateResources(StateService states, HistoryService history, SessionWrites sessions,
            ResourceSubscriptions subscriptions) {
        this.states = states;
        this.history = history;
        this.sessions = sessions;
        this.subscriptions = subscriptions;
    }

    @ResourceTemplate(name = "state", title = "Project state", uriTemplate = "devstate://{project}/state",
            mimeType = JSON, description = "The project's state document with its checksum and version, as get_state "
                    + "returns it.")
    @RolesAllowed(Roles.VIEWER)
    public Uni<TextResourceContents> state(String project, RequestUri uri, McpConnection session) {
        return read(uri, () -> {
            String name = ProjectName.resolve(project);
            return states.get(name, sessions.of(session.id(), name).version())
                    .invoke(() -> subscriptions.found(name))
                    .map(StateView::of);
        });
    }

    @ResourceTemplate(name = "history", title = "Project history (newest " + HISTORY_ENTRIES + " entries)",
            uriTemplate = "devstate://{project}/history", mimeType = JSON,
            description = "The newest " + HISTORY_ENTRIES + " history entries, newest first, as search_history "
                    + "returns them; a non-null next_cursor means older entries exist: page on with search_history "
                    + "(cursor). Never the whole chain: use export_files for that, verify_hmac_chain to check it.")
    @RolesAllowed(Roles.VIEWER)
    public Uni<TextResourceContents> history(String project, RequestUri uri, McpConnection session) {
        return read(uri, () -> {
            String name = ProjectName.resolve(project);
            HistoryQuery newest = new HistoryQuery(name, null, null, null, null, null, null, null, HISTORY_ENTRIES);
            return history.requireIncludes(name, sessions.of(session.id(), name).seq())
                    .chain(() -> history.search(newest))
                    .invoke(records -> foundIfAny(name, records))
                    .map(records -> SearchCursor.page(records, HISTORY_ENTRIES));
        });
    }

    /** A project with history exists even without a state: listed for subscriptions too. */
    private void foundIfAny(String project, List<HistoryRecord> records) {
        if (!records.isEmpty()) {
            subscriptions.found(project);
        }
    }

    private static Uni<TextResourceContents> read(RequestUri uri, DevStateTools.Call view) {
        return Uni.createFrom().deferred(view::run)
                .map(result -> new TextResourceContents(uri.value(), text(result), JSON))
                .onFailure(DevStateException.class).transform(DevStateResources::asMcpError);
    }

    /** A problem as the JSON-RPC error resources/read answers with: not found, bad URI, or its detail. */
    private static Throwable asMcpError(Throwable failure) {
        DevStateException problem = (DevStateException) failure;
        int code = switch (problem.status()) {
            case 404 -> JsonRpcErrorCodes.RESOURCE_NOT_FOUND;
            case 400, 422 -> JsonRpcErrorCodes.INVALID_PARAMS;
            case 401, 403 -> JsonRpcErrorCodes.SECURITY_ERROR;
            default -> JsonRpcErrorCodes.INTERNAL_ERROR;
        };
        return new McpException(problem.getMessage(), code);
    }

    private static String text(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("resources are plain JSON", e);
        }
    }
}
