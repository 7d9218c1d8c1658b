package io.devstate.state;

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

import com.fasterxml.jackson.databind.JsonNode;

import io.devstate.common.Params;
import io.devstate.common.ProjectName;
import io.devstate.security.Caller;
import io.devstate.security.Roles;
import io.smallrye.mutiny.Uni;

@Path("/v1/devstate/state")
@Produces(MediaType.APPLICATION_JSON)
public class StateResource {

    static final String MERGE_PATCH_JSON = "application/merge-patch+json";

    private final StateService states;
    private final StateViews views;

    public StateResource(StateService states, StateViews views) {
        this.states = states;
        this.views = views;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<Response> get(@QueryParam("project") String project,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return states.get(ProjectName.resolve(project))
                .map(state -> ifNoneMatch != null && ETags.contains(ifNoneMatch, state.checksum())
                        ? Response.notModified().tag(state.checksum()).build()
                        : Response.ok(views.json(state), MediaType.APPLICATION_JSON_TYPE).tag(state.checksum()).build());
    }

    @POST
    @Consumes({ MERGE_PATCH_JSON, MediaType.APPLICATION_JSON })
    @RolesAllowed(Roles.WRITER)
    public Uni<Response> mergePatch(@QueryParam("project") String project,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @HeaderParam(Params.LOCK_HEADER) String lockId,
            @HeaderParam(Params.ACTOR_HEADER) String actor,
            @HeaderParam(Params.METADATA_HEADER) String metadata,
            @Context SecurityContext security,
            JsonNode patch) {
        return write(project, new StateChange(StateChange.Kind.MERGE_PATCH, patch, ifMatch, lockId, Params.actor(actor),
                Caller.name(security), Params.jsonObject(Params.METADATA_HEADER, metadata)));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.WRITER)
    public Uni<Response> replace(@QueryParam("project") String project,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @HeaderParam(Params.LOCK_HEADER) String lockId,
            @HeaderParam(Params.ACTOR_HEADER) String actor,
            @HeaderParam(Params.METADATA_HEADER) String metadata,
            @Context SecurityContext security,
            JsonNode document) {
        return write(project, new StateChange(StateChange.Kind.REPLACE, document, ifMatch, lockId, Params.actor(actor),
                Caller.name(security), Params.jsonObject(Params.METADATA_HEADER, metadata)));
    }

    private Uni<Response> write(String project, StateChange change) {
        return states.update(ProjectName.resolve(project), change)
                .map(result -> Response.ok(result).tag(result.checksum()).build());
    }
}
