package io.devstate.projects;

import io.devstate.common.OpaqueCursor;
import io.devstate.database.Database;
import io.smallrye.mutiny.Uni;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** The projects this service holds, in name order, a page at a time (HTTP and MCP). */
@ApplicationScoped
public class ProjectService {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    private static final String PREFIX = "project:";

    private final Database database;
    private final ProjectStore store;

    public ProjectService(Database database, ProjectStore store) {
        this.database = database;
        this.store = store;
    }

    /** The page after {@code cursor} (null or empty: the first); one extra row tells whether more follow. */
    public Uni<ProjectViews.ProjectPage> page(String cursor, int limit) {
        String after = decode(cursor);
        return database.read(db -> store.page(db, after, limit + 1))
                .map(rows -> page(rows, limit));
    }

    private static ProjectViews.ProjectPage page(List<ProjectStore.Listed> rows, int limit) {
        boolean more = rows.size() > limit;
        List<ProjectStore.Listed> page = more ? rows.subList(0, limit) : rows;
        String next = more ? encode(page.get(page.size() - 1).project()) : null;
        return new ProjectViews.ProjectPage(page.stream().map(ProjectViews.ProjectSummary::of).toList(), next);
    }

    static String encode(String project) {
        return OpaqueCursor.encode(PREFIX, project);
    }

    /** The name to continue after ("" for the first page). */
    static String decode(String cursor) {
        String after = OpaqueCursor.decode(PREFIX, cursor);
        return after == null ? "" : after;
    }
}
