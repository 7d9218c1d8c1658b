package io.devstate.log;

import io.devstate.common.BadRequest;
import io.devstate.common.ProjectName;
import io.devstate.security.Roles;
import io.devstate.web.Params;
import io.smallrye.mutiny.Uni;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/v1/devstate/log")
public class LogResource {

    /** The C2SP signed-note and tlog-proof media type is plain UTF-8 text. */
    static final String NOTE = "text/plain; charset=utf-8";

    private final LogService log;

    public LogResource(LogService log) {
        this.log = log;
    }

    @GET
    @Path("/checkpoint")
    @Produces(NOTE)
    @RolesAllowed(Roles.VIEWER)
    public Uni<String> checkpoint(@QueryParam("project") String project, @QueryParam("size") String size) {
        return log.checkpoint(ProjectName.resolve(project), Params.optionalLong("size", size, 0, Long.MAX_VALUE));
    }

    @GET
    @Path("/proof/inclusion")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.VIEWER)
    public Uni<LogViews.InclusionProof> inclusion(@QueryParam("project") String project, @QueryParam("seq") String seq,
            @QueryParam("size") String size) {
        long entry = required("seq", seq, 1);
        return log.inclusion(ProjectName.resolve(project), entry, Params.optionalLong("size", size, 1, Long.MAX_VALUE));
    }

    @GET
    @Path("/tlog-proof")
    @Produces(NOTE)
    @RolesAllowed(Roles.VIEWER)
    public Uni<String> tlogProof(@QueryParam("project") String project, @QueryParam("seq") String seq,
            @QueryParam("size") String size) {
        long entry = required("seq", seq, 1);
        return log.tlogProof(ProjectName.resolve(project), entry, Params.optionalLong("size", size, 1, Long.MAX_VALUE));
    }

    @GET
    @Path("/proof/consistency")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.VIEWER)
    public Uni<LogViews.ConsistencyProof> consistency(@QueryParam("project") String project,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        return log.consistency(ProjectName.resolve(project), required("from", from, 0),
                Params.optionalLong("to", to, 0, Long.MAX_VALUE));
    }

    private static long required(String name, String raw, long min) {
        Long value = Params.optionalLong(name, raw, min, Long.MAX_VALUE);
        if (value == null) {
            throw new BadRequest(name + " is required").with("field", name);
        }
        return value;
    }

    @GET
    @Path("/key")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.VIEWER)
    public LogViews.LogKey key(@QueryParam("project") String project) {
        return log.key(ProjectName.resolve(project));
    }
}
