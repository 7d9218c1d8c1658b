package io.devstate.common;

/** A refusal that tells the client when to try again: answered with {@code Retry-After}. */
public interface RetryAfter {

    /** Whole seconds, at least 1. */
    long retryAfterSeconds();
}
