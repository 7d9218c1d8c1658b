package io.devstate.mcp;

import io.devstate.chain.ChainWriter;
import io.devstate.projects.ProjectService;
import io.devstate.projects.ProjectViews;
import io.devstate.state.StateChanges;
import io.quarkiverse.mcp.server.ResourceManager;
import io.quarkiverse.mcp.server.ResourceResponse;
import io.quarkiverse.mcp.server.TextResourceContents;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jboss.logging.Logger;

/**
 * Each project's state and history as concrete MCP resources, so a client can
 * {@code resources/subscribe} to them (the MCP server accepts subscriptions to registered
 * resources only, not to URIs of a template) and is sent {@code notifications/resources/updated}
 * when they change. The changes come from the same NOTIFY channels the replicas already listen
 * on, written in the committing transaction by whichever replica wrote: {@code devstate_state}
 * (a state write) and {@code devstate_chain} (entries appended). Reads go through
 * {@link DevStateResources}, the templates' read path and role check.
 * <p>
 * Two small registrations per project (the URI, a handler): registered for the projects that
 * exist at start, a page at a time, and for each new project when its first change is announced.
 */
@ApplicationScoped
public class ResourceSubscriptions {

    private static final Logger LOG = Logger.getLogger(ResourceSubscriptions.class);
    private static final String JSON = "application/json";

    private final ResourceManager resources;
    private final DevStateResources reads;
    private final ProjectService projects;
    private final StateChanges notifications;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    public ResourceSubscriptions(ResourceManager resources, DevStateResources reads, ProjectService projects,
            StateChanges notifications) {
        this.resources = resources;
        this.reads = reads;
        this.projects = projects;
        this.notifications = notifications;
    }

    static String stateUri(String project) {
        return "devstate://" + project + "/state";
    }

    static String historyUri(String project) {
        return "devstate://" + project + "/history";
    }

    void start(@Observes StartupEvent event) {
        notifications.listen(StateChanges.CHANNEL, project -> changed(project, stateUri(project)));
        notifications.listen(ChainWriter.CHANGES_CHANNEL, payload -> {
            int space = payload.lastIndexOf(' ');
            if (space > 0) {
                String project = payload.substring(0, space);
                changed(project, historyUri(project));
            }
        });
        registerAfter(null);
    }

    /** Registers the projects of the page after {@code cursor}, then the next page. */
    private void registerAfter(String cursor) {
        projects.page(cursor, ProjectService.MAX_LIMIT).subscribe().with(
                page -> {
                    page.items().stream().map(ProjectViews.ProjectSummary::project).forEach(this::register);
                    if (page.nextCursor() != null) {
                        registerAfter(page.nextCursor());
                    }
                },
                failure -> LOG.warnf("MCP resources of the existing projects not registered yet (%s); "
                        + "each is registered at its next change", failure.getMessage()));
    }

    /** Tells this replica's subscribers of {@code uri} (if any) to read it again. */
    private void changed(String project, String uri) {
        register(project);
        ResourceManager.ResourceInfo resource = resources.getResource(uri);
        if (resource != null) {
            resource.sendUpdateAndForget();
        }
    }

    private void register(String project) {
        if (!registered.add(project)) {
            return;
        }
        define(stateUri(project), project + " state", "The state of " + project + " (as the state template reads it).",
                arguments -> reads.state(project, arguments.requestUri(), arguments.connection()));
        define(historyUri(project), project + " history", "The newest " + DevStateResources.HISTORY_ENTRIES
                + " history entries of " + project + " (as the history template reads them).",
                arguments -> reads.history(project, arguments.requestUri(), arguments.connection()));
    }

    private void define(String uri, String name, String description,
            Function<ResourceManager.ResourceArguments, Uni<TextResourceContents>> read) {
        if (resources.getResource(uri) != null) {
            return;
        }
        resources.newResource(name).setUri(uri).setMimeType(JSON).setDescription(description)
                .setAsyncHandler(arguments -> read.apply(arguments).map(contents -> new ResourceResponse(List.of(contents))))
                .register();
    }
}
