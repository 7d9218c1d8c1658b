package io.devstate.database;

import io.devstate.common.RetryLater;

/** HTTP 503: the database could not be reached in time; nothing was acknowledged. */
public final class Unavailable extends RetryLater {

    public Unavailable(String detail, long retryAfterSeconds) {
        super(503, "unavailable", "Service unavailable", detail, retryAfterSeconds);
    }
}
