package io.devstate.locks;

import com.fasterxml.jackson.databind.JsonNode;

import io.devstate.common.BadRequest;
import io.devstate.common.Problem;
import io.devstate.common.ProjectName;
import io.devstate.security.RateLimit;
import io.devstate.security.Roles;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;

@Path("/v1/devstate/locks")
@Produces(MediaType.APPLICATION_JSON)
public class LockResource {

    private final LockService locks;

    public LockResource(LockService locks) {
        this.locks = locks;
    }

    @RegisterForReflection
    public record LockList(List<Lock> items) {
    }

    @POST
    @RateLimit.Mutating
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.WRITER)
    public Uni<Response> acquire(@QueryParam("project") String project, LockRequest request) {
        return locks.acquire(ProjectName.resolve(project), request)
                .map(lock -> Response.created(URI.create("/v1/devstate/locks/" + lock.lockId() + "?project="
                        + lock.project())).entity(lock).build());
    }

    @POST
    @RateLimit.Mutating
    @Path("/{lock_id}/renew")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.WRITER)
    public Uni<Lock> renew(@QueryParam("project") String project, @PathParam("lock_id") String lockId,
            JsonNode body) {
        return Uni.createFrom().item(() -> ttlSec(body))
                .chain(ttlSec -> locks.renew(ProjectName.resolve(project), lockId, ttlSec));
    }

    /**
     * The body is optional (no body keeps the lock's ttl), but one that is sent must be an object:
     * a JSON {@code null} read as a record is indistinguishable from no body, so it is read as a tree.
     */
    private static Integer ttlSec(JsonNode body) {
        if (body == null || body.isMissingNode()) {
            return null;
        }
        if (!body.isObject()) {
            throw new BadRequest("the body must be a JSON object");
        }
        JsonNode ttl = body.get("ttl_sec");
        if (ttl == null || ttl.isNull()) {
            return null;
        }
        if (!ttl.isIntegralNumber() || !ttl.canConvertToInt()) {
            throw new BadRequest("ttl_sec must be an integer").with("field", "ttl_sec");
        }
        return ttl.intValue();
    }

    @DELETE
    @RateLimit.Mutating
    @Path("/{lock_id}")
    @RolesAllowed(Roles.WRITER)
    // No body on success; clients that only accept problem documents (for the errors) are fine.
    @Produces({ MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE })
    public Uni<Response> release(@QueryParam("project") String project, @PathParam("lock_id") String lockId) {
        return locks.release(ProjectName.resolve(project), lockId)
                .replaceWith(Response.noContent().build());
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<LockList> list(@QueryParam("project") String project) {
        return locks.active(ProjectName.resolve(project))
                .map(LockList::new);
    }
}
