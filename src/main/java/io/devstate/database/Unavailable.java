package io.devstate.database;

import io.devstate.common.ProblemType;
import io.devstate.common.RetryLater;

/** HTTP 503: the database could not be reached in time; nothing was acknowledged. */
public final class Unavailable extends RetryLater {

    public Unavailable(String detail, long retryAfterSeconds) {
        super(ProblemType.UNAVAILABLE, detail, retryAfterSeconds);
    }

    /** The database refused or dropped the connection. */
    public static Unavailable unreachable() {
        return new Unavailable("the database cannot be reached; retry later", Database.RETRY_AFTER_SECONDS);
    }
}
