package io.devstate.history;

import io.devstate.chain.VerifyResult;
import io.devstate.common.HeaderNames;
import io.devstate.common.ProjectName;
import io.devstate.security.RateLimit;
import io.devstate.security.Roles;
import io.devstate.web.Params;
import io.smallrye.mutiny.Uni;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/v1/devstate/verify")
@Produces(MediaType.APPLICATION_JSON)
public class VerifyResource {

    private final VerifyService verifier;
    private final HistoryService history;

    public VerifyResource(VerifyService verifier, HistoryService history) {
        this.verifier = verifier;
        this.history = history;
    }

    @GET
    @RateLimit.Verify
    @RolesAllowed(Roles.VIEWER)
    public Uni<VerifyResult> verify(@QueryParam("project") String project,
            @QueryParam("from") String from,
            @QueryParam("limit") String limit,
            @HeaderParam(HeaderNames.MIN_SEQ) String minSeq) {
        String name = ProjectName.resolve(project);
        long first = Params.longInRange("from", from, 1, 1, Long.MAX_VALUE);
        Long max = Params.optionalLong("limit", limit, 1, Long.MAX_VALUE);
        return history.requireIncludes(name, Params.minimum(HeaderNames.MIN_SEQ, minSeq))
                .chain(() -> verifier.verify(name, first, max));
    }
}
