package io.devstate.events;

import io.devstate.common.ProjectName;
import io.devstate.config.DevStateConfig;
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

/**
 * The change feed as Server-Sent Events: one {@code entry} event per committed history entry,
 * {@code id:} its seq, so a client that reconnects with {@code Last-Event-ID} (or asks with
 * {@code after}) continues exactly after the last one it had; heartbeat comments in between.
 */
@Path("/v1/devstate/events")
public class EventsResource {

    static final String LAST_EVENT_ID = "Last-Event-ID";

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
    @RolesAllowed(Roles.VIEWER)
    public Multi<OutboundSseEvent> events(@QueryParam("project") String project, @QueryParam("after") String after,
            @HeaderParam(LAST_EVENT_ID) String lastEventId, @Context Sse sse, @Context HttpServerRequest http) {
        String name = ProjectName.resolve(project);
        // The browser's reconnect sends Last-Event-ID; it wins over the after of the URL it reopens.
        long from = lastEventId != null && !lastEventId.isBlank()
                ? Params.longInRange(LAST_EVENT_ID, lastEventId.strip(), 0, 0, Long.MAX_VALUE)
                : Params.longInRange("after", after, 0, 0, Long.MAX_VALUE);
        // Counted per principal, or per client address for anonymous callers (as the rate limits are).
        Multi<OutboundSseEvent> entries = feed.subscribe(name, from, RateLimiter.callerKey(identity, http))
                .map(event -> sse.newEventBuilder().name("entry").id(Long.toString(event.seq()))
                        .mediaType(MediaType.APPLICATION_JSON_TYPE).data(EntryEvent.class, event).build());
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom().ticks().every(heartbeat)
                .onOverflow().drop()
                .map(tick -> sse.newEventBuilder().comment("heartbeat").build());
        return Multi.createBy().merging().streams(entries, heartbeats);
    }
}
