package io.devstate.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.devstate.chain.EntryDraft;
import io.devstate.chain.HistoryQuery;
import io.devstate.chain.VerifyResult;
import io.devstate.common.DevStateException;
import io.devstate.common.Json;
import io.devstate.common.Problem;
import io.devstate.common.ProjectName;
import io.devstate.config.DevStateConfig;
import io.devstate.files.ExportService;
import io.devstate.files.FilesResult;
import io.devstate.files.ImportService;
import io.devstate.history.AppendResult;
import io.devstate.history.HistoryCommands;
import io.devstate.history.HistoryService;
import io.devstate.history.SearchCursor;
import io.devstate.history.VerifyService;
import io.devstate.locks.Lock;
import io.devstate.locks.LockRequest;
import io.devstate.locks.LockService;
import io.devstate.projects.ProjectService;
import io.devstate.projects.ProjectViews;
import io.devstate.security.RateLimiter;
import io.devstate.security.Roles;
import io.devstate.state.StateChange;
import io.devstate.state.StateService;
import io.devstate.state.StateUpdateResult;
import io.devstate.state.StateView;
import io.quarkiverse.mcp.server.McpConnection;
import io.quarkiverse.mcp.server.ResourceLink;
import io.quarkiverse.mcp.server.TextContent;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

import jakarta.annotation.security.RolesAllowed;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The original specification's MCP tools over Streamable HTTP at {@code /mcp}. Each tool calls the
 * same service as its HTTP route, under the same roles and rate limits; writes carry
 * {@code metadata.via = "mcp"} and the principal, so the chain shows how a change arrived.
 * Failures are tool errors whose structured content is the HTTP problem document. Reads present
 * the session's own newest write as their minimum ({@link SessionWrites}), like the HTTP clients'
 * {@code DevState-Min-Version} / {@code DevState-Min-Seq}.
 */
@ToolCalls
public class DevStateTools {

    static final String VIA = "mcp";
    private static final String PATCH_EXAMPLE = "{\"current_cp\": \"CP2-LC\"}";
    private static final String METADATA_EXAMPLE = "{\"ticket\": \"DS-17\"}";

    private final StateService states;
    private final HistoryService history;
    private final VerifyService verifier;
    private final ExportService exporter;
    private final ImportService importer;
    private final LockService locks;
    private final ProjectService projects;
    private final RateLimiter limiter;
    private final CurrentIdentityAssociation identity;
    private final SessionWrites sessions;
    private final long maxExportChars;

    public DevStateTools(StateService states, HistoryService history, VerifyService verifier, ExportService exporter,
            ImportService importer, LockService locks, ProjectService projects, RateLimiter limiter,
            CurrentIdentityAssociation identity, SessionWrites sessions, DevStateConfig config) {
        this.projects = projects;
        this.maxExportChars = config.mcp().maxExportChars();
        this.sessions = sessions;
        this.states = states;
        this.history = history;
        this.verifier = verifier;
        this.exporter = exporter;
        this.importer = importer;
        this.locks = locks;
        this.limiter = limiter;
        this.identity = identity;
    }

    @Tool(name = "get_state", description = "Read a project's state document with its checksum (pass it as "
            + "if_match to update_state) and version.", structuredContent = true,
            annotations = @Tool.Annotations(title = "Read the state", readOnlyHint = true, destructiveHint = false,
                    idempotentHint = true, openWorldHint = false),
            outputSchema = @Tool.OutputSchema(from = StateView.class))
    @RolesAllowed(Roles.VIEWER)
    public Uni<ToolResponse> getState(
            @ToolArg(description = "Project name (default: default)", required = false) String project,
            McpConnection session) {
        return respond(() -> {
            String name = ProjectName.resolve(project);
            return states.get(name, sessions.of(session.id(), name).version()).map(StateView::of);
        });
    }

    @Tool(name = "update_state", description = "Apply a JSON Merge Patch (RFC 7396) to the state; the result must "
            + "match the state schema. Appends an update_state history entry (HMAC-chained, audited). While the "
            + "state is locked, pass the lock_id from lock_state.", structuredContent = true,
            annotations = @Tool.Annotations(title = "Change the state", readOnlyHint = false, destructiveHint = true,
                    idempotentHint = false, openWorldHint = false),
            outputSchema = @Tool.OutputSchema(from = StateUpdateResult.class))
    @RolesAllowed(Roles.WRITER)
    public Uni<ToolResponse> updateState(
            @ToolArg(description = "JSON Merge Patch: a JSON object, e.g. {\"current_cp\": \"CP2-LC\"}; null removes "
                    + "a member") Object patch,
            @ToolArg(description = "Project name (default: default)", required = false) String project,
            @ToolArg(description = "Who is making the change (default: mcp)", required = false) String actor,
            @ToolArg(description = "Extra audit metadata (object)", required = false) Object metadata,
            @ToolArg(name = "if_match", description = "Checksum the change is based on (from get_state), like If-Match",
                    required = false) String ifMatch,
            @ToolArg(name = "lock_id", description = "Id of the held 'state' lock, needed while the state is locked",
                    required = false)
            String lockId,
            McpConnection session) {
        return write(RateLimiter.MUTATING, principal -> {
            String name = ProjectName.resolve(project);
            StateChange change = new StateChange(StateChange.Kind.MERGE_PATCH,
                    ToolArgs.requiredObject("patch", patch, PATCH_EXAMPLE), ifMatch, lockId, actorOrDefault(actor),
                    principal, via(metadata));
            return states.update(name, change)
                    .invoke(result -> sessions.wrote(session.id(), name, result.version(), result.seq()));
        });
    }

    @Tool(name = "append_history", description = "Append an entry to the project's HMAC-chained history.",
            structuredContent = true,
            annotations = @Tool.Annotations(title = "Record an event", readOnlyHint = false, destructiveHint = false,
                    idempotentHint = false, openWorldHint = false),
            outputSchema = @Tool.OutputSchema(from = AppendResult.class))
    @RolesAllowed(Roles.WRITER)
    public Uni<ToolResponse> appendHistory(
            @ToolArg(description = "Who did it") String actor,
            @ToolArg(description = "What was done, e.g. build, review, deploy") String action,
            @ToolArg(description = "Project name (default: default)", required = false) String project,
            @ToolArg(name = "cp_from", description = "Checkpoint before", required = false) String cpFrom,
            @ToolArg(name = "cp_to", description = "Checkpoint after", required = false) String cpTo,
            @ToolArg(name = "state_checksum", description = "sha256:<hex> of the state this entry refers to", required = false)
            String stateChecksum,
            @ToolArg(description = "Extra details (object)", required = false) Object metadata,
            McpConnection session) {
        return write(RateLimiter.MUTATING, principal -> {
            String name = ProjectName.resolve(project);
            EntryDraft draft = HistoryCommands.append(actor, action, cpFrom, cpTo, stateChecksum, via(metadata),
                    principal);
            return history.append(name, draft)
                    .invoke(appended -> sessions.wrote(session.id(), name, 0, appended.entry().seq()))
                    .map(AppendResult::of);
        });
    }

    @Tool(name = "verify_hmac_chain", description = "Verify the project's history chain; reports the first broken "
            + "entry (seq and reason).", structuredContent = true,
            annotations = @Tool.Annotations(title = "Verify the chain", readOnlyHint = true, destructiveHint = false,
                    idempotentHint = true, openWorldHint = false),
            outputSchema = @Tool.OutputSchema(from = VerifyResult.class))
    @RolesAllowed(Roles.VIEWER)
    public Uni<ToolResponse> verifyChain(
            @ToolArg(description = "Project name (default: default)", required = false) String project,
            @ToolArg(description = "First seq to verify (default 1)", required = false) Object from,
            @ToolArg(description = "Most entries to verify (default: all)", required = false) Object limit,
            McpConnection session) {
        return limited(RateLimiter.VERIFY, () -> {
            String name = ProjectName.resolve(project);
            Long first = ToolArgs.integer("from", from, "of at least 1", 1);
            Long most = ToolArgs.integer("limit", limit, "of at least 1", 1000);
            return history.requireIncludes(name, sessions.of(session.id(), name).seq())
                    .chain(() -> verifier.verify(name, first == null ? 1 : first, most));
        });
    }

    @Tool(name = "export_files", description = "Export .trae/state.json and .trae/history.json; the client writes "
            + "the returned file contents. A large export is answered with a resource_link to the HTTP export "
            + "(GET it with the same token) instead of the contents.", structuredContent = true,
            annotations = @Tool.Annotations(title = "Export the .trae files", readOnlyHint = true,
                    destructiveHint = false, idempotentHint = true, openWorldHint = false),
            outputSchema = @Tool.OutputSchema(from = ToolResults.Export.class))
    @RolesAllowed(Roles.VIEWER)
    public Uni<ToolResponse> exportFiles(
            @ToolArg(description = "Project name (default: default)", required = false) String project,
            McpConnection session) {
        return Uni.createFrom().deferred(() -> {
            String name = ProjectName.resolve(project);
            return history.requireIncludes(name, sessions.of(session.id(), name).seq())
                    .chain(() -> exporter.exportWithin(name, maxExportChars))
                    .map(files -> files.map(DevStateTools::success).orElseGet(() -> exportLink(name)));
        }).onFailure(DevStateException.class).recoverWithItem(DevStateTools::problem);
    }

    /**
     * Too large for one message: the streamed HTTP export instead, as a link relative to this
     * endpoint's origin (MCP messages are held whole in memory; the HTTP export never is).
     */
    private ToolResponse exportLink(String project) {
        String path = "/v1/devstate/export?project=" + URLEncoder.encode(project, StandardCharsets.UTF_8);
        ToolResults.ExportLink link = new ToolResults.ExportLink(project, true, maxExportChars, path);
        String text = "The export of '" + project + "' is larger than " + maxExportChars
                + " characters; GET " + path + " (the same origin and token as this endpoint) to download it.";
        return new ToolResponse(false, List.of(new TextContent(text),
                new ResourceLink(path, "application/json", ".trae export of " + project, null,
                        "the files of the project as the HTTP export streams them", null, null, null)),
                link, null);
    }

    @Tool(name = "import_files", description = "Import .trae files: validates the schema and every HMAC; creates, "
            + "extends or leaves the project as it was (importing the same files again changes nothing).",
            structuredContent = true,
            annotations = @Tool.Annotations(title = "Import .trae files", readOnlyHint = false,
                    destructiveHint = false, idempotentHint = true, openWorldHint = false),
            outputSchema = @Tool.OutputSchema(from = FilesResult.ImportResult.class))
    @RolesAllowed(Roles.ADMIN)
    public Uni<ToolResponse> importFiles(
            @ToolArg(description = "File path to exact file text: .trae/history.json and, when the history "
                    + "records state updates, .trae/state.json") Object files,
            @ToolArg(description = "Project name (default: default)", required = false) String project) {
        return write(RateLimiter.MUTATING, principal -> importer.importFiles(ProjectName.resolve(project),
                new FilesResult.ImportFiles(ToolArgs.files(files))));
    }

    @Tool(name = "lock_state", description = "Acquire an expiring lock (scope 'state' guards state updates: pass "
            + "its lock_id to update_state, then release it with unlock_state).", structuredContent = true,
            annotations = @Tool.Annotations(title = "Lock the state", readOnlyHint = false, destructiveHint = false,
                    idempotentHint = false, openWorldHint = false),
            outputSchema = @Tool.OutputSchema(from = Lock.class))
    @RolesAllowed(Roles.WRITER)
    public Uni<ToolResponse> lockState(
            @ToolArg(name = "ttl_sec", description = "Lock lifetime in seconds (1..86400)") Object ttlSec,
            @ToolArg(description = "Project name (default: default)", required = false) String project,
            @ToolArg(description = "Scope (default: state)", required = false) String scope,
            @ToolArg(description = "Who holds the lock", required = false) String owner,
            @ToolArg(description = "Why", required = false) String reason) {
        return write(RateLimiter.MUTATING, principal -> locks.acquire(ProjectName.resolve(project),
                new LockRequest(scope == null ? LockService.STATE_SCOPE : scope,
                        ToolArgs.smallInteger("ttl_sec", ttlSec, "from 1 to 86400", 60), owner,
                        reason)));
    }

    @Tool(name = "unlock_state", description = "Release a lock by its lock_id. Releasing it again changes nothing "
            + "(a 404 tool error: the lock is gone).", structuredContent = true,
            annotations = @Tool.Annotations(title = "Release a lock", readOnlyHint = false, destructiveHint = false,
                    idempotentHint = true, openWorldHint = false),
            outputSchema = @Tool.OutputSchema(from = ToolResults.Released.class))
    @RolesAllowed(Roles.WRITER)
    public Uni<ToolResponse> unlockState(
            @ToolArg(name = "lock_id", description = "The lock_id returned by lock_state") String lockId,
            @ToolArg(description = "Project name (default: default)", required = false) String project) {
        return write(RateLimiter.MUTATING, principal -> locks.release(ProjectName.resolve(project), lockId)
                .replaceWith(new ToolResults.Released(lockId)));
    }

    @Tool(name = "search_history", description = "Search history entries, newest first, with keyset pagination.",
            structuredContent = true,
            annotations = @Tool.Annotations(title = "Search the history", readOnlyHint = true,
                    destructiveHint = false, idempotentHint = true, openWorldHint = false),
            outputSchema = @Tool.OutputSchema(from = SearchCursor.SearchPage.class))
    @RolesAllowed(Roles.VIEWER)
    public Uni<ToolResponse> searchHistory(
            @ToolArg(description = "Project name (default: default)", required = false) String project,
            @ToolArg(description = "Only this actor", required = false) String actor,
            @ToolArg(description = "Only this action", required = false) String action,
            @ToolArg(description = "Entries at or after (RFC 3339)", required = false) String since,
            @ToolArg(description = "Entries at or before (RFC 3339)", required = false) String until,
            @ToolArg(description = "Checkpoint (cp_from or cp_to)", required = false) String cp,
            @ToolArg(description = "Metadata containment (object)", required = false) Object metadata,
            @ToolArg(description = "Page size 1..1000 (default 100)", required = false) Object limit,
            @ToolArg(description = "Cursor from the previous page", required = false) String cursor,
            McpConnection session) {
        return respond(() -> {
            HistoryQuery query = HistoryCommands.search(ProjectName.resolve(project), actor, action, since, until, cp,
                    ToolArgs.object("metadata", metadata, METADATA_EXAMPLE), cursor,
                    ToolArgs.smallInteger("limit", limit, "from 1 to " + HistoryCommands.MAX_LIMIT,
                            HistoryCommands.DEFAULT_LIMIT));
            return history.requireIncludes(query.project(), sessions.of(session.id(), query.project()).seq())
                    .chain(() -> history.search(query))
                    .map(records -> SearchCursor.page(records, query.limit()));
        });
    }

    @Tool(name = "list_projects", description = "List the projects this service holds, in name order, with each "
            + "one's state version and checksum and its chain head; keyset pagination.", structuredContent = true,
            annotations = @Tool.Annotations(title = "List the projects", readOnlyHint = true, destructiveHint = false,
                    idempotentHint = true, openWorldHint = false),
            outputSchema = @Tool.OutputSchema(from = ProjectViews.ProjectPage.class))
    @RolesAllowed(Roles.VIEWER)
    public Uni<ToolResponse> listProjects(
            @ToolArg(description = "Page size 1..1000 (default 100)", required = false) Object limit,
            @ToolArg(description = "Cursor from the previous page", required = false) String cursor) {
        return respond(() -> projects.page(cursor, ToolArgs.smallInteger("limit", limit,
                "from 1 to " + ProjectService.MAX_LIMIT, ProjectService.DEFAULT_LIMIT)));
    }

    private static String actorOrDefault(String actor) {
        return actor == null || actor.isBlank() ? VIA : actor;
    }

    /** The caller's metadata with {@code via: "mcp"}, the transport being part of the audit trail. */
    private static ObjectNode via(Object metadata) {
        ObjectNode given = ToolArgs.object("metadata", metadata, METADATA_EXAMPLE);
        ObjectNode withVia = given == null ? Json.object() : given;
        withVia.put("via", VIA);
        return withVia;
    }

    @FunctionalInterface
    interface Call {
        Uni<?> run();
    }

    @FunctionalInterface
    interface PrincipalCall {
        Uni<?> run(String principal);
    }

    private Uni<ToolResponse> write(String limit, PrincipalCall call) {
        return identity.getDeferredIdentity()
                .map(DevStateTools::principalOf)
                .invoke(principal -> limiter.check(limit, RateLimiter.principalKey(principal)))
                .chain(call::run)
                .map(DevStateTools::success)
                .onFailure(DevStateException.class).recoverWithItem(DevStateTools::problem);
    }

    private Uni<ToolResponse> limited(String limit, Call call) {
        return write(limit, principal -> call.run());
    }

    private static Uni<ToolResponse> respond(Call call) {
        return Uni.createFrom().deferred(call::run)
                .map(DevStateTools::success)
                .onFailure(DevStateException.class).recoverWithItem(DevStateTools::problem);
    }

    private static String principalOf(SecurityIdentity caller) {
        return caller == null || caller.getPrincipal() == null ? "anonymous" : caller.getPrincipal().getName();
    }

    /** The same members as the HTTP problem document, as the tool error's structured content. */
    static ToolResponse problem(DevStateException e) {
        Map<String, Object> problem = Problem.body(e);
        return new ToolResponse(true, List.of(new TextContent(text(problem))), problem, null);
    }

    /** Structured content, and the same JSON as text for clients that only read content. */
    private static ToolResponse success(Object result) {
        return new ToolResponse(false, List.of(new TextContent(text(result))), result, null);
    }

    private static String text(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("tool results are plain JSON", e);
        }
    }
}
