package io.devstate.mcp;

import io.devstate.chain.ChainAnnouncement;
import io.devstate.chain.ChainWriter;
import io.devstate.common.BadRequest;
import io.devstate.common.ProjectName;
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
import java.util.function.Function;

import org.jboss.logging.Logger;

/**
 * Each project's state and history as concrete MCP resources, so that a client can
 * {@code resources/subscribe} to them (the MCP server accepts subscriptions to registered
 * resources only, not to URIs of a template) and is sent {@code notifications/resources/updated}
 * when they change. The changes come from the NOTIFYs every write sends in its transaction, on
 * whichever replica it ran: {@code devstate_state} (a state write) and {@code devstate_chain}
 * (entries appended). Reads go through {@link DevStateResources}, the templates' read path and
 * role check. {@code resources/list} needs no filter of its own: every MCP request has passed
 * {@link McpAuthentication}, so its caller holds at least the viewer role, as list_projects asks.
 * <p>
 * Bounded: at most {@link #MAX_LISTED_PROJECTS} projects are listed on a replica, a further one
 * delists the least recently active (changed or read). Those that exist at start-up are listed
 * while there is room, a page at a time; any other with its next change or read.
 */
@ApplicationScoped
public class ResourceSubscriptions {

    /**
     * Enough for every project being worked on at once; small enough that the listed resources
     * cost little memory and {@code resources/list}, which sorts all of them for every page, stays
     * cheap.
     */
    static final int MAX_LISTED_PROJECTS = 1_000;
    private static final Logger LOG = Logger.getLogger(ResourceSubscriptions.class);
    private static final String JSON = "application/json";
    private static final String STATE = "The project's state, as the state template reads it; subscribe to be told "
            + "when it changes.";
    private static final String HISTORY = "The newest " + DevStateResources.HISTORY_ENTRIES + " history entries of "
            + "the project, as the history template reads them; subscribe to be told when entries are appended.";

    /** The two resources a listed project has. */
    record ProjectResources(ResourceManager.ResourceInfo state, ResourceManager.ResourceInfo history) {
    }

    private final ResourceManager resources;
    private final DevStateResources reads;
    private final ProjectService projects;
    private final StateChanges notifications;
    private final ListedProjects<ProjectResources> listed =
            new ListedProjects<>(MAX_LISTED_PROJECTS, this::register, this::unregister);

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
        notifications.listen(StateChanges.CHANNEL, this::stateChanged);
        notifications.listen(ChainWriter.CHANGES_CHANNEL, this::historyChanged);
        listExistingAfter(null);
    }

    /** A read found the project: listed, so that it can be subscribed (and kept longest). */
    void found(String project) {
        listed.active(project);
    }

    /** {@code devstate_state}: the payload is the project. Runs on the listener's event loop. */
    private void stateChanged(String project) {
        if (isProjectName(project)) {
            listed.active(project).state().sendUpdateAndForget();
        }
    }

    /** {@code devstate_chain}: a {@link ChainAnnouncement}. Runs on the listener's event loop. */
    private void historyChanged(String payload) {
        ChainAnnouncement.parse(payload).map(ChainAnnouncement::project).filter(ResourceSubscriptions::isProjectName)
                .ifPresent(project -> listed.active(project).history().sendUpdateAndForget());
    }

    /** Anyone who may connect to the database can NOTIFY: a payload that names no project is ignored. */
    private static boolean isProjectName(String project) {
        if (project.isEmpty()) {
            return false;
        }
        try {
            ProjectName.resolve(project);
            return true;
        } catch (BadRequest notAProject) {
            LOG.debugf("ignored a change notification for %s", project);
            return false;
        }
    }

    /** The existing projects after {@code cursor}, a page at a time, while there is room. */
    private void listExistingAfter(String cursor) {
        projects.page(cursor, ProjectService.MAX_LIMIT).subscribe().with(
                this::listExisting,
                failure -> LOG.warnf("MCP resources of the existing projects not listed (%s); each is listed "
                        + "with its next change or read", failure.getMessage()));
    }

    private void listExisting(ProjectViews.ProjectPage page) {
        boolean room = page.items().stream()
                .map(ProjectViews.ProjectSummary::project)
                .allMatch(listed::listIfRoom);
        if (room && page.nextCursor() != null) {
            listExistingAfter(page.nextCursor());
        }
    }

    private ProjectResources register(String project) {
        return new ProjectResources(
                define(stateUri(project), project + " state", STATE,
                        arguments -> reads.state(project, arguments.requestUri(), arguments.connection())),
                define(historyUri(project), project + " history", HISTORY,
                        arguments -> reads.history(project, arguments.requestUri(), arguments.connection())));
    }

    private ResourceManager.ResourceInfo define(String uri, String name, String description,
            Function<ResourceManager.ResourceArguments, Uni<TextResourceContents>> read) {
        return resources.newResource(name)
                .setUri(uri)
                .setMimeType(JSON)
                .setDescription(description)
                .setAsyncHandler(arguments -> read.apply(arguments).map(contents -> new ResourceResponse(List.of(contents))))
                .register();
    }

    /**
     * By URI and server name: {@code removeResource(uri)} alone searches every resource. The
     * library (quarkus-mcp-server 1.13) keeps the URI's subscribers, so they are told again once
     * the project is listed again.
     */
    private void unregister(String project, ProjectResources listedResources) {
        for (ResourceManager.ResourceInfo resource : List.of(listedResources.state(), listedResources.history())) {
            for (String server : resource.serverNames()) {
                resources.removeResource(resource.uri(), server);
            }
        }
        LOG.debugf("MCP resources of %s delisted: more than %d projects were active", project, MAX_LISTED_PROJECTS);
    }
}
