package io.devstate.database;

import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

import java.io.IOException;
import java.util.Set;

/**
 * Tells a database that could not be reached (or not in time) from a failure of the request: the
 * first is the server's condition, answered 503 and logged once per outage, not per request.
 */
public final class DatabaseFailures {

    /**
     * Connection failures (class 08), the server shutting down, crashing or starting up (57P01–03),
     * too many connections and other exhausted resources (class 53), statement and lock timeouts
     * (57014, 55P03): none says anything about the request.
     */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "57014", "55P03");

    private DatabaseFailures() {
    }

    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (unavailableItself(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean unavailableItself(Throwable t) {
        if (t instanceof Unavailable || t instanceof ClosedConnectionException || t instanceof IOException
                || t instanceof java.util.concurrent.TimeoutException
                || t instanceof io.smallrye.mutiny.TimeoutException) {
            return true;
        }
        if (t instanceof PgException pg) {
            String state = pg.getSqlState();
            return state != null && (state.startsWith("08") || state.startsWith("53") || UNAVAILABLE_STATES.contains(state));
        }
        // The pool fails a waiter that got no connection in time with a bare "Timeout".
        if (t instanceof NoStackTraceThrowable && "Timeout".equals(t.getMessage())) {
            return true;
        }
        String message = t.getMessage();
        return t instanceof VertxException && message != null
                && (message.startsWith("Timeout") || message.contains("Connection closed") || message.contains("Pool closed")
                        || message.contains("connection is not active"));
    }

    /** A short description for the one log line of an outage: the class and the database's words. */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root && !(root instanceof PgException)) {
            root = root.getCause();
        }
        String message = root instanceof PgException pg ? pg.getErrorMessage() + " (" + pg.getSqlState() + ")" : root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
