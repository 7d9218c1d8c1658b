package io.devstate.common;

/** A refusal that tells the client when to try again: answered with {@code Retry-After}. */
public abstract class RetryLater extends DevStateException {

    private final long retryAfterSeconds;

    protected RetryLater(ProblemType type, String detail, long retryAfterSeconds) {
        super(type, detail);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Whole seconds, at least 1. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
