package io.devstate.projects;

import io.devstate.security.Roles;
import io.devstate.web.Params;
import io.smallrye.mutiny.Uni;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/v1/devstate/projects")
public class ProjectResource {

    private final ProjectService projects;

    public ProjectResource(ProjectService projects) {
        this.projects = projects;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.VIEWER)
    public Uni<ProjectViews.ProjectPage> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return projects.page(cursor, (int) Params.longInRange("limit", limit, ProjectService.DEFAULT_LIMIT, 1,
                ProjectService.MAX_LIMIT));
    }
}
