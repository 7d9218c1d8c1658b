package io.devstate.common;

/** A refusal that tells the client when to try again: answered with {@code Retry-After}. */
public abstract class RetryLater extends DevStateException {

    private final long retryAfterSeconds;

    protected RetryLater(int status, String slug, String title, String detail, long retryAfterSeconds) {
        super(status, slug, title, detail);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Whole seconds, at least 1. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
