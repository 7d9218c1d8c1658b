package io.devstate.common;

/** HTTP 429: the caller's budget is used up for {@link #retryAfterSeconds()} seconds. */
public final class RateLimited extends DevStateException implements RetryAfter {

    private final long retryAfterSeconds;

    public RateLimited(String detail, long retryAfterSeconds) {
        super(429, "rate-limited", "Too many requests", detail);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
