package io.devstate.common;

/** HTTP 429: the caller's budget is used up for {@link #retryAfterSeconds()} seconds. */
public final class RateLimited extends RetryLater {

    public RateLimited(String detail, long retryAfterSeconds) {
        super(ProblemType.RATE_LIMITED, detail, retryAfterSeconds);
    }
}
