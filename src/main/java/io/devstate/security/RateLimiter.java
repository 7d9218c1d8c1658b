package io.devstate.security;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.devstate.common.RateLimited;
import io.devstate.config.DevStateConfig;
import io.devstate.metrics.DevStateMetrics;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Token buckets (Bucket4j) per principal, or per client address for anonymous callers: one for
 * mutating routes, one for verify. Buckets live in this replica's memory; idle ones are evicted.
 * <p>
 * Caffeine instantiates its cache and node classes by name, chosen from the builder options
 * ({@link #newBucketCache()}): strong keys and values, {@code maximumSize} and
 * {@code expireAfterAccess} select the cache {@code SSMSA} (Strong keys, Strong values, Maximum
 * Size, Access expiry) and the node {@code PSAMS} (strong key, Strong value, Access order, Maximum
 * Size). The quarkus-caffeine extension registers only the most common combinations, so these two
 * are registered here; {@code RateLimiterNativeClassesTest} fails when the options select others.
 */
@ApplicationScoped
@RegisterForReflection(classNames = {
        "com.github.benmanes.caffeine.cache.SSMSA",
        "com.github.benmanes.caffeine.cache.PSAMS" })
public class RateLimiter {

    public static final String MUTATING = "mutating";
    public static final String VERIFY = "verify";
    public static final String SUBSCRIBE = "subscribe";

    private final boolean enabled;
    private final long mutatingPerMinute;
    private final long verifyPerMinute;
    private final long subscribePerMinute;
    private final CurrentIdentityAssociation identity;
    private final DevStateMetrics metrics;
    private final Cache<String, Bucket> buckets = newBucketCache();

    public RateLimiter(DevStateConfig config, CurrentIdentityAssociation identity, DevStateMetrics metrics) {
        this.enabled = config.rateLimit().enabled();
        this.mutatingPerMinute = config.rateLimit().mutatingPerMinute();
        this.verifyPerMinute = config.rateLimit().verifyPerMinute();
        this.subscribePerMinute = config.rateLimit().subscribePerMinute();
        this.identity = identity;
        this.metrics = metrics;
    }

    /** The 429 counters exist from start-up, at 0. */
    void registerCounters(@Observes StartupEvent event) {
        metrics.rateLimits(MUTATING, VERIFY, SUBSCRIBE);
    }

    /** The bucket map; its options decide which Caffeine classes the native image needs (see above). */
    static Cache<String, Bucket> newBucketCache() {
        return Caffeine.newBuilder()
                .expireAfterAccess(Duration.ofMinutes(5))
                .maximumSize(100_000)
                .build();
    }

    /** Requests to methods marked {@link RateLimit.Mutating}. */
    @ServerRequestFilter
    @RateLimit.Mutating
    public Uni<Response> limitMutating(HttpServerRequest http) {
        return limit(MUTATING, http);
    }

    /** Requests to methods marked {@link RateLimit.Verify}. */
    @ServerRequestFilter
    @RateLimit.Verify
    public Uni<Response> limitVerify(HttpServerRequest http) {
        return limit(VERIFY, http);
    }

    /** Requests to methods marked {@link RateLimit.Subscribe}. */
    @ServerRequestFilter
    @RateLimit.Subscribe
    public Uni<Response> limitSubscribe(HttpServerRequest http) {
        return limit(SUBSCRIBE, http);
    }

    private Uni<Response> limit(String limit, HttpServerRequest http) {
        if (!enabled) {
            return Uni.createFrom().nullItem();
        }
        return identity.getDeferredIdentity()
                .map(caller -> consume(limit, callerKey(caller, http)));
    }

    /** Who a budget belongs to: the principal, or the client address of an anonymous caller. */
    public static String callerKey(SecurityIdentity caller, HttpServerRequest http) {
        String name = caller == null || caller.isAnonymous() ? null : caller.getPrincipal().getName();
        if (name == null || BearerTokenMechanism.ANONYMOUS.equals(name)) {
            return "ip:" + (http.remoteAddress() == null ? "unknown" : http.remoteAddress().host());
        }
        return "principal:" + name;
    }

    private Response consume(String limit, String caller) {
        check(limit, caller);
        return null;
    }

    /**
     * Draws one request of {@code limit} ("mutating", "verify" or "subscribe") from the caller's bucket; throws
     * {@link RateLimited} when it is empty. Used by the HTTP filter and by the MCP tools alike.
     */
    public void check(String limit, String caller) {
        if (!enabled) {
            return;
        }
        long perMinute = switch (limit) {
            case VERIFY -> verifyPerMinute;
            case SUBSCRIBE -> subscribePerMinute;
            default -> mutatingPerMinute;
        };
        Bucket bucket = buckets.get(limit + "|" + caller, key -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return;
        }
        metrics.rateLimited(limit);
        long retryAfter = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        throw new RateLimited("more than " + perMinute + " " + limit + " requests per minute; retry after "
                + retryAfter + " s", retryAfter);
    }

    /** Bucket key of a principal (the caller's address is not known outside HTTP requests). */
    public static String principalKey(String principal) {
        return "principal:" + principal;
    }
}
