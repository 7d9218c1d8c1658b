package io.devstate.keys;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.devstate.common.BadRequest;
import io.devstate.common.Params;
import io.devstate.common.ProjectName;
import io.devstate.history.EntryRules;
import io.devstate.security.Caller;
import io.devstate.security.RateLimit;
import io.devstate.security.Roles;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/** Which key signs new entries, and rotation. Never a secret. */
@Path("/v1/devstate/keys")
@Produces(MediaType.APPLICATION_JSON)
public class KeyResource {

    private final KeyService keys;

    public KeyResource(KeyService keys) {
        this.keys = keys;
    }

    @RegisterForReflection
    public record RotateRequest(String kid) {
    }

    @RegisterForReflection
    @JsonPropertyOrder({ "kid", "activated_at", "project", "seq", "hmac" })
    public record RotationResult(String kid, @JsonProperty("activated_at") String activatedAt, String project,
            long seq, String hmac) {
    }

    @GET
    @Path("/active")
    @RolesAllowed(Roles.VIEWER)
    public Uni<ActiveKey> active() {
        return keys.active();
    }

    @POST
    @RateLimit.Mutating
    @Path("/rotate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Uni<RotationResult> rotate(@QueryParam("project") String project, RotateRequest request,
            @HeaderParam(Params.ACTOR_HEADER) String actor,
            @HeaderParam(Params.METADATA_HEADER) String metadata,
            @Context SecurityContext security) {
        if (request == null) {
            throw new BadRequest("body must be {\"kid\": \"...\"}");
        }
        return keys.rotate(ProjectName.resolve(project), request.kid(), EntryRules.actor(Params.actor(actor)),
                Caller.name(security), Params.metadataHeader(metadata))
                .map(rotation -> new RotationResult(rotation.key().kid(), rotation.key().activatedAt(),
                        rotation.entry().project(), rotation.entry().seq(), rotation.entry().hmac()));
    }
}
