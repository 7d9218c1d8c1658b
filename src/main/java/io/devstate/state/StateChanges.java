package io.devstate.state;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;

/**
 * LISTENs on the channel every state write NOTIFYs (inside its transaction, so only committed
 * writes are announced) and drops the announced project from this replica's {@link StateCache}.
 */
@ApplicationScoped
public class StateChanges {

    public static final String CHANNEL = "devstate_state";
    private static final Logger LOG = Logger.getLogger(StateChanges.class);

    private final StateCache cache;
    private final PgSubscriber subscriber;

    public StateChanges(StateCache cache, Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String username,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.cache = cache;
        this.subscriber = PgSubscriber.subscriber(vertx, PgConnectOptions.fromUri(url)
                .setUser(username)
                .setPassword(password))
                // Keep trying every second; the cache stays bypassed until the channel is back.
                .reconnectPolicy(attempt -> 1_000L);
    }

    void start(@Observes StartupEvent event) {
        subscriber.channel(CHANNEL)
                .subscribeHandler(() -> cache.listening(true))
                .handler(cache::invalidate);
        subscriber.closeHandler(() -> {
            cache.listening(false);
            LOG.debug("state change channel closed; reads go to the database until it reconnects");
        });
        subscriber.connect()
                .subscribe().with(
                        connected -> LOG.debug("listening for state changes"),
                        failure -> LOG.warnf("cannot listen for state changes (%s); reads go to the database",
                                failure.getMessage()));
    }

    void stop(@Observes ShutdownEvent event) {
        cache.listening(false);
        subscriber.closeAndForget();
    }
}
