package io.devstate.database;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

/**
 * Whether the database answered the last time this replica asked. An outage is logged twice —
 * when it starts (with its cause) and when it ends (with how long it lasted and how many requests
 * were refused meanwhile) — instead of once per refused request; the count is a metric.
 */
@ApplicationScoped
public class DatabaseAvailability {

    private static final Logger LOG = Logger.getLogger(DatabaseAvailability.class);

    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicLong downSinceNanos = new AtomicLong();
    private final AtomicLong refusedDuringOutage = new AtomicLong();
    private final Counter refused;

    public DatabaseAvailability(MeterRegistry registry) {
        this.refused = Counter.builder("devstate.database.unavailable")
                .description("Requests answered 503 because the database could not be reached in time")
                .register(registry);
        Gauge.builder("devstate.database.up", this, availability -> availability.isUp() ? 1 : 0)
                .description("1 while the database answers this replica, 0 during an outage")
                .register(registry);
    }

    public boolean isUp() {
        return !down.get();
    }

    /** The database answered; ends an outage. Cheap on the hot path: one volatile read. */
    public void answered() {
        if (down.get() && down.compareAndSet(true, false)) {
            long millis = (System.nanoTime() - downSinceNanos.get()) / 1_000_000;
            LOG.warnf("database available again after %d ms; %d requests were answered 503 meanwhile", millis,
                    refusedDuringOutage.getAndSet(0));
        }
    }

    /** A request could not reach the database: counted, and logged only if it starts an outage. */
    public void refused(Throwable cause) {
        refused.increment();
        refusedDuringOutage.incrementAndGet();
        failed(cause);
    }

    /** A background check (readiness, cache liveness) failed: starts an outage, counts no request. */
    public void failed(Throwable cause) {
        if (!down.get() && down.compareAndSet(false, true)) {
            downSinceNanos.set(System.nanoTime());
            LOG.warnf("database unavailable (%s); requests answer 503 until it answers again",
                    DatabaseFailures.describe(cause));
        }
    }
}
