package io.devstate.database;

import io.devstate.common.DevStateException;
import io.devstate.common.RetryAfter;

/** HTTP 503: the database could not be reached in time; nothing was acknowledged. */
public final class Unavailable extends DevStateException implements RetryAfter {

    private final long retryAfterSeconds;

    public Unavailable(String detail, long retryAfterSeconds) {
        super(503, "unavailable", "Service unavailable", detail);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
