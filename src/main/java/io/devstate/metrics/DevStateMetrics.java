package io.devstate.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.devstate.config.DevStateConfig;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The metric names the original DevState documented, so its dashboards and alerts keep working.
 * Prometheus names: a counter {@code devstate.x} is {@code devstate_x_total}, a timer
 * {@code devstate.x.duration} is the histogram {@code devstate_x_duration_seconds}. Per-project
 * series carry a bounded {@code project} label ({@link ProjectLabels}); requests carry a
 * {@code transport} label, {@code http} or {@code mcp}.
 */
@ApplicationScoped
public class DevStateMetrics {

    private final MeterRegistry registry;
    private final Counter appendFailures;
    private final Counter stateUpdateFailures;
    private final Timer verifyDuration;
    private final Timer appendDuration;
    private final Timer stateUpdateDuration;
    private final ProjectLabels projects;
    /** Per limit name (mutating, verify). */
    private final Map<String, Counter> rateLimitCounters = new ConcurrentHashMap<>();
    /** Per project label: appends, state updates, verify passes and failures. */
    private final Map<String, Counter> projectCounters = new ConcurrentHashMap<>();
    private final AtomicLong activeLocks = new AtomicLong();
    private final DistributionSummary batchSizes;
    /** Bounded: route templates times the statuses they answer with. */
    private final Map<String, Counter> requestCounters = new ConcurrentHashMap<>();

    public DevStateMetrics(MeterRegistry registry, DevStateConfig config) {
        this.registry = registry;
        this.projects = new ProjectLabels(config.metrics().maxProjectLabels());
        this.appendFailures = Counter.builder("devstate.append.fail")
                .description("History appends that failed after validation").register(registry);
        this.stateUpdateFailures = Counter.builder("devstate.state.update.fail")
                .description("State updates that were refused or failed").register(registry);
        this.verifyDuration = histogram("devstate.verify.duration", "Time to verify a chain (or window)");
        // Created once, not built and looked up in the registry again on every write.
        this.appendDuration = histogram("devstate.append.duration", "Time to append an entry");
        this.stateUpdateDuration = histogram("devstate.state.update.duration",
                "Time to update the state and append its entry");
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
        projectCounter("devstate.history.appends", "History entries appended", project).increment(entries);
        appendDuration.record(Duration.ofNanos(System.nanoTime() - startNanos));
    }

    /** Size of each committed group transaction (see ChainWriter): how much commits are shared. */
    public void chainCommitted(int writes) {
        batchSizes.record(writes);
    }

    public void appendFailed() {
        appendFailures.increment();
    }

    public void stateUpdated(String project, long startNanos) {
        projectCounter("devstate.state.updates", "State updates committed", project).increment();
        projectCounter("devstate.history.appends", "History entries appended", project).increment();
        stateUpdateDuration.record(Duration.ofNanos(System.nanoTime() - startNanos));
    }

    public void stateUpdateFailed() {
        stateUpdateFailures.increment();
    }

    public void verified(String project, boolean ok, long startNanos) {
        // Both series from a project's first verification on: a failure is then a step from 0,
        // which increase() sees, not a new series that starts at 1.
        Counter passes = projectCounter("devstate.hmac.verify.pass", "Chain verifications that passed", project);
        Counter failures = projectCounter("devstate.hmac.verify.fail", "Chain verifications that found a broken chain",
                project);
        (ok ? passes : failures).increment();
        verifyDuration.record(Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private Counter projectCounter(String name, String description, String project) {
        String label = projects.of(project);
        return projectCounters.computeIfAbsent(name + ' ' + label, key -> Counter.builder(name).tag("project", label)
                .description(description).register(registry));
    }

    /** Registered at start-up (at 0), so that rates and alerts see the first 429 as an increase. */
    public void rateLimits(String... limits) {
        for (String limit : limits) {
            rateLimitCounter(limit);
        }
    }

    public void rateLimited(String limit) {
        rateLimitCounter(limit).increment();
    }

    private Counter rateLimitCounter(String limit) {
        return rateLimitCounters.computeIfAbsent(limit, key -> Counter.builder("devstate.rate.limited").tag("limit", key)
                .description("Requests refused with 429").register(registry));
    }

    /** One request: {@code transport} {@code http} (route template) or {@code mcp} (tool). */
    public void requestCompleted(String transport, String route, int status) {
        // Every request passes here: a map lookup instead of building and registering a meter id.
        requestCounters.computeIfAbsent(transport + ' ' + route + ' ' + status, key -> Counter.builder("devstate.request")
                .tag("transport", transport).tag("route", route).tag("status", Integer.toString(status))
                .description("Requests by transport, route template (or tool) and status").register(registry)).increment();
    }

    public void activeLocks(long count) {
        activeLocks.set(count);
    }
}
