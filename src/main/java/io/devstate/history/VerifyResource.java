package io.devstate.history;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.devstate.common.Params;
import io.devstate.common.ProjectName;
import io.devstate.security.Roles;
import io.smallrye.mutiny.Uni;

@Path("/v1/devstate/verify")
@Produces(MediaType.APPLICATION_JSON)
public class VerifyResource {

    private final VerifyService verifier;

    public VerifyResource(VerifyService verifier) {
        this.verifier = verifier;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<VerifyResult> verify(@QueryParam("project") String project,
            @QueryParam("from") String from,
            @QueryParam("limit") String limit) {
        return verifier.verify(ProjectName.resolve(project),
                Params.longInRange("from", from, 1, 1, Long.MAX_VALUE),
                Params.optionalLong("limit", limit, 1, Long.MAX_VALUE));
    }
}
