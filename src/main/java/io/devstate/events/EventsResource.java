package io.devstate.events;

import io.devstate.common.ProjectName;
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

/**
 * The change feed as Server-Sent Events: one {@code entry} event per committed history entry,
 * {@code id:} its seq, so a client that reconnects with {@code Last-Event-ID} (or asks with
 * {@code after}) continues exactly after the last one it had; a {@code state} event before each
 * {@code update_state} entry, {@code lock} events as locks change, heartbeat comments in between.
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
    @RateLimit.Subscribe
    @RolesAllowed(Roles.VIEWER)
    public Multi<OutboundSseEvent> events(@QueryParam("project") String project, @QueryParam("after") String after,
            @HeaderParam(LAST_EVENT_ID) String lastEventId, @Context Sse sse, @Context HttpServerRequest http) {
        String name = ProjectName.resolve(project);
        // The browser's reconnect sends Last-Event-ID; it wins over the after of the URL it reopens.
        long from = lastEventId != null && !lastEventId.isBlank()
                ? Params.longInRange(LAST_EVENT_ID, lastEventId.strip(), 0, 0, Long.MAX_VALUE)
                : Params.longInRange("after", after, 0, 0, Long.MAX_VALUE);
        // Counted per principal, or per client address for anonymous callers (as the rate limits are).
        // A subscriber dropped for lagging gets the reason as its last event, then the stream ends.
        OutboundSseEvent end = sse.newEventBuilder().comment("end").build();
        Multi<OutboundSseEvent> changes = feed.subscribe(name, from, RateLimiter.callerKey(identity, http))
                .map(event -> outbound(sse, event))
                .onFailure(SlowSubscriber.class).recoverWithMulti(slow -> Multi.createFrom()
                        .items(outbound(sse, DisconnectedEvent.of((SlowSubscriber) slow)), end));
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom().ticks().every(heartbeat)
                .onOverflow().drop()
                .map(tick -> sse.newEventBuilder().comment("heartbeat").build());
        return Multi.createBy().merging().streams(changes, heartbeats)
                .select().first(event -> event != end);
    }

    private static OutboundSseEvent outbound(Sse sse, FeedEvent event) {
        OutboundSseEvent.Builder builder = sse.newEventBuilder().name(event.eventName())
                .mediaType(MediaType.APPLICATION_JSON_TYPE).data(event.getClass(), event);
        if (event.eventId() != null) {
            builder.id(event.eventId());
        }
        return builder.build();
    }
}
