package io.devstate.keys;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.devstate.chain.ActiveKey;
import io.devstate.chain.EntryRules;
import io.devstate.common.BadRequest;
import io.devstate.common.HeaderNames;
import io.devstate.common.ProjectName;
import io.devstate.security.Caller;
import io.devstate.security.RateLimit;
import io.devstate.security.Roles;
import io.devstate.web.Params;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

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
            @HeaderParam(HeaderNames.ACTOR) String actor,
            @HeaderParam(HeaderNames.METADATA) String metadata,
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
