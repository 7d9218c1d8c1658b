package io.devstate.files;

import io.devstate.common.HeaderNames;
import io.devstate.common.ProjectName;
import io.devstate.history.HistoryService;
import io.devstate.security.RateLimit;
import io.devstate.security.Roles;
import io.devstate.web.Params;
import io.smallrye.mutiny.Uni;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/v1/devstate")
@Produces(MediaType.APPLICATION_JSON)
public class FilesResource {

    private final ExportService exporter;
    private final ImportService importer;
    private final HistoryService history;

    public FilesResource(ExportService exporter, ImportService importer, HistoryService history) {
        this.exporter = exporter;
        this.importer = importer;
        this.history = history;
    }

    @GET
    @Path("/export")
    @RolesAllowed(Roles.VIEWER)
    public Uni<ExportStream> export(@QueryParam("project") String project,
            @HeaderParam(HeaderNames.MIN_SEQ) String minSeq) {
        String name = ProjectName.resolve(project);
        return history.requireIncludes(name, Params.minimum(HeaderNames.MIN_SEQ, minSeq))
                .chain(() -> exporter.open(name));
    }

    @POST
    @RateLimit.Mutating
    @Path("/import")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<FilesResult.ImportResult> importFiles(@QueryParam("project") String project,
            FilesResult.ImportFiles body) {
        return importer.importFiles(ProjectName.resolve(project), body);
    }
}
