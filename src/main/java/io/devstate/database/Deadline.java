package io.devstate.database;

import java.time.Duration;

/** How long a piece of database work may take, and what the 503 says when it took longer. */
public record Deadline(Duration after, String detail) {

    /** A request's own work: {@code devstate.database.request-timeout}. */
    static Deadline request(Duration after) {
        return new Deadline(after, "the database did not answer within " + seconds(after));
    }

    /** Work longer than a request's, bounded by a setting of its own that the 503 names. */
    public static Deadline of(String work, Duration after, String setting) {
        return new Deadline(after, "the database did not finish " + work + " within " + seconds(after)
                + " (" + setting + ")");
    }

    /** The later of two deadlines: a batch runs as long as its most patient job may wait. */
    public Deadline orLater(Deadline other) {
        return other.after.compareTo(after) > 0 ? other : this;
    }

    static String seconds(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
