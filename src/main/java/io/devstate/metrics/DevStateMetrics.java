package io.devstate.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The metric names the original DevState documented, so its dashboards and alerts keep working.
 * Prometheus names: a counter {@code devstate.x} is {@code devstate_x_total}, a timer
 * {@code devstate.x.duration} is the histogram {@code devstate_x_duration_seconds}.
 */
@ApplicationScoped
public class DevStateMetrics {

    private final MeterRegistry registry;
    private final Counter appendFailures;
    private final Counter stateUpdateFailures;
    private final Counter verifyPasses;
    private final Counter verifyFailures;
    private final Timer verifyDuration;
    private final AtomicLong activeLocks = new AtomicLong();
    private final DistributionSummary batchSizes;
    /** Bounded: route templates times the statuses they answer with. */
    private final Map<String, Counter> requestCounters = new ConcurrentHashMap<>();

    public DevStateMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.appendFailures = Counter.builder("devstate.append.fail")
                .description("History appends that failed after validation").register(registry);
        this.stateUpdateFailures = Counter.builder("devstate.state.update.fail")
                .description("State updates that were refused or failed").register(registry);
        this.verifyPasses = Counter.builder("devstate.hmac.verify.pass")
                .description("Chain verifications that passed").register(registry);
        this.verifyFailures = Counter.builder("devstate.hmac.verify.fail")
                .description("Chain verifications that found a broken chain").register(registry);
        this.verifyDuration = histogram("devstate.verify.duration", "Time to verify a chain (or window)");
        registry.gauge("devstate.locks.active", activeLocks);
        this.batchSizes = DistributionSummary.builder("devstate.chain.batch.size")
                .description("Writes committed together in one chain transaction").register(registry);
    }

    private Timer histogram(String name, String description) {
        return Timer.builder(name)
                .description(description)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    public void appended(String project, long entries, long startNanos) {
        Counter.builder("devstate.history.appends").tag("project", project)
                .description("History entries appended").register(registry).increment(entries);
        histogram("devstate.append.duration", "Time to append an entry").record(Duration.ofNanos(System.nanoTime() - startNanos));
    }

    /** Size of each committed group transaction (see ChainWriter): how much commits are shared. */
    public void chainCommitted(int writes) {
        batchSizes.record(writes);
    }

    public void appendFailed() {
        appendFailures.increment();
    }

    public void stateUpdated(String project, long startNanos) {
        Counter.builder("devstate.state.updates").tag("project", project)
                .description("State updates committed").register(registry).increment();
        Counter.builder("devstate.history.appends").tag("project", project)
                .description("History entries appended").register(registry).increment();
        histogram("devstate.state.update.duration", "Time to update the state and append its entry")
                .record(Duration.ofNanos(System.nanoTime() - startNanos));
    }

    public void stateUpdateFailed() {
        stateUpdateFailures.increment();
    }

    public void verified(boolean ok, long startNanos) {
        (ok ? verifyPasses : verifyFailures).increment();
        verifyDuration.record(Duration.ofNanos(System.nanoTime() - startNanos));
    }

    public void rateLimited(String limit) {
        Counter.builder("devstate.rate.limited").tag("limit", limit)
                .description("Requests refused with 429").register(registry).increment();
    }

    public void requestCompleted(String route, int status) {
        // Every request passes here: a map lookup instead of building and registering a meter id.
        requestCounters.computeIfAbsent(route + ' ' + status, key -> Counter.builder("devstate.request")
                .tag("route", route).tag("status", Integer.toString(status))
                .description("Requests by route template and status").register(registry)).increment();
    }

    public void activeLocks(long count) {
        activeLocks.set(count);
    }
}
