package io.devstate.state;

import io.devstate.config.DevStateConfig;
import io.devstate.database.Database;
import io.devstate.database.DatabaseAvailability;
import io.devstate.database.DatabaseFailures;
import io.devstate.database.PoolTimeouts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * LISTENs on the channel every state write NOTIFYs (inside its transaction, so only committed
 * writes are announced) and drops the announced project from this replica's {@link StateCache}.
 * It also proves the channel live, the way {@link StateCache} needs it: every {@code bound / 4} a
 * heartbeat NOTIFY goes out through the pool, and the cache is used only while they come back.
 * The pg client reports a lost connection only when its reconnect policy gives up (never, here),
 * so the policy itself reports each loss and each failed attempt.
 */
@ApplicationScoped
public class StateChanges {

    public static final String CHANNEL = "devstate_state";
    /** Heartbeats of every replica; each replica only counts its own. */
    static final String HEARTBEAT_CHANNEL = "devstate_heartbeat";
    private static final long RECONNECT_DELAY_MILLIS = 1_000;
    private static final Logger LOG = Logger.getLogger(StateChanges.class);

    private final StateCache cache;
    private final Vertx vertx;
    private final Pool pool;
    private final DatabaseAvailability availability;
    private final PgSubscriber subscriber;
    private final String replica = UUID.randomUUID().toString();
    private final long heartbeatMillis;
    private final AtomicBoolean heartbeatInFlight = new AtomicBoolean();
    private final List<Runnable> onListening = new CopyOnWriteArrayList<>();
    private volatile boolean stopped;
    private long timer = -1;

    public StateChanges(StateCache cache, Vertx vertx, Pool pool, DatabaseAvailability availability,
            PoolTimeouts timeouts, DevStateConfig config,
            MeterRegistry registry,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String username,
            @ConfigProperty(name = "quarkus.datasource.password") String password,
            @ConfigProperty(name = "quarkus.http.port") int httpPort) {
        this.cache = cache;
        this.vertx = vertx;
        this.pool = pool;
        this.availability = availability;
        this.heartbeatMillis = Math.max(10, config.state().cacheStalenessBound().toMillis() / 4);
        PgConnectOptions options = timeouts.limit(PgConnectOptions.fromUri(url).setUser(username).setPassword(password))
                // Which replica's listener a backend serves, for operators (and the fault tests) in pg_stat_activity.
                .addProperty("application_name", listenerName(httpPort))
                // Its own client name: under the pool's it registered the pool's gauges a second time.
                .setMetricsName("devstate-listener");
        this.subscriber = PgSubscriber.subscriber(vertx, options)
                .reconnectPolicy(attempt -> {
                    cache.lost(attempt == 0 ? "the notification connection was lost"
                            : "reconnecting the notification connection failed (attempt " + attempt + ")");
                    return RECONNECT_DELAY_MILLIS;
                });
        Gauge.builder("devstate.state.cache.live", cache, live -> live.inUse() ? 1 : 0)
                .description("1 while this replica serves state reads from its cache, 0 while they go to the database")
                .register(registry);
    }

    /** {@code devstate-listener <host>:<port>}; in Kubernetes the host name is the pod's name. */
    public static String listenerName(int httpPort) {
        String host = System.getenv().getOrDefault("HOSTNAME", "");
        if (host.isEmpty()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException unknown) {
                host = "localhost";
            }
        }
        String name = "devstate-listener " + host + ":" + httpPort;
        return name.length() > 63 ? name.substring(0, 63) : name; // PostgreSQL keeps 63 bytes
    }

    /**
     * Another channel on this replica's one notification connection (the change feed's): its
     * handler runs on the connection's event loop and must not block.
     */
    public void listen(String channel, Consumer<String> handler) {
        subscriber.channel(channel).handler(handler::accept);
    }

    /**
     * Runs {@code action} each time the notification connection is (re)established: what was
     * announced while it was away reached nobody here, so a listener that must not miss a change
     * reads what it cares about again. On the connection's event loop; it must not block.
     */
    public void whenListening(Runnable action) {
        onListening.add(action);
    }

    void start(@Observes StartupEvent event) {
        subscriber.channel(CHANNEL).handler(cache::invalidate)
                .subscribeHandler(() -> {
                    // After every (re)connect: a connection without a handler prints its failures to stderr.
                    subscriber.actualConnection().exceptionHandler(
                            failure -> LOG.debugf("notification connection failed: %s", failure.getMessage()));
                    onListening.forEach(Runnable::run);
                });
        subscriber.channel(HEARTBEAT_CHANNEL).handler(this::heartbeatArrived);
        subscriber.closeHandler(() -> cache.lost("the notification channel was closed"));
        connect();
        timer = vertx.setPeriodic(heartbeatMillis, tick -> beat());
    }

    /** The first connection is retried like a lost one: the replica may start before its database. */
    private void connect() {
        subscriber.connect().subscribe().with(
                connected -> LOG.debug("listening for state changes"),
                failure -> {
                    LOG.debugf("cannot listen for state changes yet (%s)", failure.getMessage());
                    if (!stopped) {
                        vertx.setTimer(RECONNECT_DELAY_MILLIS, retry -> connect());
                    }
                });
    }

    /**
     * One heartbeat at a time: a stalled database must not collect a queue of them. Its answer is
     * also how an outage is noticed (and its end logged) while no request comes in.
     */
    private void beat() {
        cache.inUse(); // notices a lapse even while nobody reads
        if (stopped || !heartbeatInFlight.compareAndSet(false, true)) {
            return;
        }
        long sentAt = System.nanoTime();
        pool.withConnection(connection -> Database.quiet(connection).preparedQuery("select pg_notify($1, $2)")
                .execute(Tuple.of(HEARTBEAT_CHANNEL, replica + ' ' + sentAt)))
                .subscribe().with(
                        sent -> {
                            heartbeatInFlight.set(false);
                            availability.answered();
                        },
                        failure -> {
                            heartbeatInFlight.set(false);
                            if (DatabaseFailures.isUnavailable(failure)) {
                                availability.failed(failure);
                            }
                        });
    }

    private void heartbeatArrived(String payload) {
        int space = payload.indexOf(' ');
        if (space > 0 && payload.regionMatches(0, replica, 0, space) && space == replica.length()) {
            try {
                cache.confirmed(Long.parseLong(payload.substring(space + 1)));
            } catch (NumberFormatException notOurs) {
                // someone else's payload on our channel: ignored
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        subscriber.closeAndForget();
    }
}
