package io.devstate.security;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * The rate-limit budget a resource method draws from. JAX-RS name bindings are resolved when the
 * application is built, so the limit belongs to the method: no spelling of its path
 * ({@code /verify/}, {@code //verify}, {@code %2F}) reaches it without the limit.
 */
public final class RateLimit {

    private RateLimit() {
    }

    /** Writes: {@code devstate.rate-limit.mutating-per-minute}. */
    @NameBinding
    @Retention(RUNTIME)
    @Target({ TYPE, METHOD })
    public @interface Mutating {
    }

    /** Chain verification: {@code devstate.rate-limit.verify-per-minute}. */
    @NameBinding
    @Retention(RUNTIME)
    @Target({ TYPE, METHOD })
    public @interface Verify {
    }

    /** Opening a change feed: {@code devstate.rate-limit.subscribe-per-minute} (a reconnect loop is bounded). */
    @NameBinding
    @Retention(RUNTIME)
    @Target({ TYPE, METHOD })
    public @interface Subscribe {
    }
}
