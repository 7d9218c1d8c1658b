package io.devstate.events;

import io.devstate.common.BadRequest;
import io.devstate.common.Forbidden;
import io.devstate.common.ProjectName;
import io.devstate.common.Unauthenticated;
import io.devstate.config.DevStateConfig;
import io.devstate.security.RateLimit;
import io.devstate.security.RateLimiter;
import io.devstate.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.devstate.web.Params;
import io.smallrye.mutiny.Multi;
import io.vertx.core.http.HttpServerRequest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import java.time.Duration;
import java.util.List;

/**
 * The change feed as Server-Sent Events: one {@code entry} event per committed history entry,
 * {@code id:} its seq, so a client that reconnects with {@code Last-Event-ID} (or asks with
 * {@code after}) continues exactly after the last one it had; a {@code state} event before each
 * {@code update_state} entry, {@code lock} events as locks change, heartbeat comments in between.
 */
@Path("/v1/devstate/events")
public class EventsResource {

    static final String LAST_EVENT_ID = "Last-Event-ID";
    /** {@code ?project=*}: every project's changes, for admins. */
    static final String ALL_PROJECTS = "*";

    private final ChangeFeed feed;
    private final Duration heartbeat;
    private final SecurityIdentity identity;

    public EventsResource(ChangeFeed feed, DevStateConfig config, SecurityIdentity identity) {
        this.feed = feed;
        this.heartbeat = config.events().heartbeat();
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RateLimit.Subscribe
    @RolesAllowed(Roles.VIEWER)
    public Multi<OutboundSseEvent> events(@QueryParam("project") String project, @QueryParam("after") String after,
            @HeaderParam(LAST_EVENT_ID) String lastEventId, @Context Sse sse, @Context HttpServerRequest http) {
        boolean everyProject = ALL_PROJECTS.equals(project);
        String name = everyProject ? ALL_PROJECTS : ProjectName.resolve(project);
        // The browser's reconnect sends Last-Event-ID; it wins over the after of the URL it reopens.
        long from = lastEventId != null && !lastEventId.isBlank()
                ? Params.longInRange(LAST_EVENT_ID, lastEventId.strip(), 0, 0, Long.MAX_VALUE)
                : Params.longInRange("after", after, 0, 0, Long.MAX_VALUE);
        if (everyProject) {
            allowedEveryProject(from, lastEventId != null && !lastEventId.isBlank() ? LAST_EVENT_ID : "after");
        }
        // Counted per principal, or per client address for anonymous callers (as the rate limits are).
        String caller = RateLimiter.callerKey(identity, http);
        // The all-projects feed is live only: without ids, a reconnecting EventSource sends no Last-Event-ID.
        ServerSentEvents events = new ServerSentEvents(sse, !everyProject, heartbeat);
        return everyProject ? feed.subscribeAll(caller, events) : feed.subscribe(name, from, caller, events);
    }

    /** The feed's events as Server-Sent Events; a subscriber dropped for lagging gets the reason as its last event. */
    private record ServerSentEvents(Sse sse, boolean withIds, Duration heartbeatEvery)
            implements SubscriberStream.Renderer<OutboundSseEvent> {

        @Override
        public OutboundSseEvent event(FeedEvent event) {
            OutboundSseEvent.Builder builder = sse.newEventBuilder().name(event.eventName())
                    .mediaType(MediaType.APPLICATION_JSON_TYPE).data(event.getClass(), event);
            if (withIds && event.eventId() != null) {
                builder.id(event.eventId());
            }
            return builder.build();
        }

        @Override
        public OutboundSseEvent heartbeat() {
            return sse.newEventBuilder().comment("heartbeat").build();
        }

        @Override
        public List<OutboundSseEvent> farewell(SlowSubscriber reason) {
            return List.of(event(DisconnectedEvent.of(reason)));
        }
    }

    /** Every project needs the admin role and is live only: a position to resume from is a mistake. */
    private void allowedEveryProject(long from, String field) {
        if (!identity.hasRole(Roles.ADMIN)) {
            // As for a route that needs the role: without a token, authenticate; with one, forbidden.
            throw identity.isAnonymous() ? new Unauthenticated() : new Forbidden();
        }
        if (from != 0) {
            throw new BadRequest("the feed of every project (project=*) is live only: resume a project's own feed "
                    + "with Last-Event-ID").with("field", field);
        }
    }

}
