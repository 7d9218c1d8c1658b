package io.devstate.state;

import com.fasterxml.jackson.databind.JsonNode;

import io.devstate.chain.EntryRules;
import io.devstate.chain.IdempotencyKey;
import io.devstate.common.HeaderNames;
import io.devstate.common.ProjectName;
import io.devstate.security.Caller;
import io.devstate.security.RateLimit;
import io.devstate.security.Roles;
import io.devstate.web.Params;
import io.devstate.web.Replays;
import io.smallrye.mutiny.Uni;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

@Path("/v1/devstate/state")
@Produces(MediaType.APPLICATION_JSON)
public class StateResource {

    static final String MERGE_PATCH_JSON = "application/merge-patch+json";

    private final StateService states;
    private final StateCache cache;

    public StateResource(StateService states, StateCache cache) {
        this.states = states;
        this.cache = cache;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<Response> get(@QueryParam("project") String project,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @HeaderParam(HeaderNames.MIN_VERSION) String minVersion) {
        return states.get(ProjectName.resolve(project), Params.minimum(HeaderNames.MIN_VERSION, minVersion))
                .map(state -> ifNoneMatch != null && ETags.contains(ifNoneMatch, state.checksum())
                        ? Response.notModified().tag(state.checksum()).build()
                        : Response.ok(cache.json(state), MediaType.APPLICATION_JSON_TYPE).tag(state.checksum()).build());
    }

    @POST
    @RateLimit.Mutating
    @Consumes({ MERGE_PATCH_JSON, MediaType.APPLICATION_JSON })
    @RolesAllowed(Roles.WRITER)
    public Uni<Response> mergePatch(@QueryParam("project") String project,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @HeaderParam(HeaderNames.LOCK) String lockId,
            @HeaderParam(HeaderNames.ACTOR) String actor,
            @HeaderParam(HeaderNames.METADATA) String metadata,
            @HeaderParam(HeaderNames.IDEMPOTENCY_KEY) String idempotencyKey,
            @Context SecurityContext security,
            JsonNode patch) {
        return write(project, new StateChange(StateChange.Kind.MERGE_PATCH, patch, ifMatch, lockId, actor(actor),
                Caller.name(security), Params.metadataHeader(metadata)), idempotencyKey);
    }

    @PUT
    @RateLimit.Mutating
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.WRITER)
    public Uni<Response> replace(@QueryParam("project") String project,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @HeaderParam(HeaderNames.LOCK) String lockId,
            @HeaderParam(HeaderNames.ACTOR) String actor,
            @HeaderParam(HeaderNames.METADATA) String metadata,
            @HeaderParam(HeaderNames.IDEMPOTENCY_KEY) String idempotencyKey,
            @Context SecurityContext security,
            JsonNode document) {
        return write(project, new StateChange(StateChange.Kind.REPLACE, document, ifMatch, lockId, actor(actor),
                Caller.name(security), Params.metadataHeader(metadata)), idempotencyKey);
    }

    // Checked before If-Match and the lock are: a malformed header is refused whatever the state
    // (RFC 9110 13.2.1: preconditions are evaluated only for a request that is otherwise acceptable).
    private static String actor(String header) {
        return EntryRules.actor(Params.actor(header));
    }

    private Uni<Response> write(String project, StateChange change, String idempotencyKey) {
        return states.update(ProjectName.resolve(project), change, IdempotencyKey.of(idempotencyKey, change.fingerprint()))
                .map(updated -> Replays.mark(Response.ok(updated.result()).tag(updated.result().checksum()), updated)
                        .build());
    }
}
