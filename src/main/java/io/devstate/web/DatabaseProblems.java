package io.devstate.web;

import io.devstate.common.ProblemType;
import io.devstate.database.Database;
import io.devstate.database.DatabaseAvailability;
import io.devstate.database.DatabaseFailures;
import io.devstate.database.Unavailable;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Database failures that reach the HTTP layer without passing through {@link Database} (which
 * turns unavailability into {@link Unavailable} itself): unavailability is still a 503 counted
 * once per outage, never a 500 with a stack trace per request.
 */
public class DatabaseProblems {

    private final DatabaseAvailability availability;

    public DatabaseProblems(DatabaseAvailability availability) {
        this.availability = availability;
    }

    @ServerExceptionMapper
    public Response database(PgException e) {
        // Data errors (invalid text representation, untranslatable characters, numeric overflow)
        // come from client input that slipped past validation: still the client's problem.
        if (e.getSqlState() != null && e.getSqlState().startsWith("22")) {
            return ProblemResponses.response(ProblemType.INVALID, "the database rejected a value: " + e.getErrorMessage());
        }
        return unavailableOrIncident(e);
    }

    @ServerExceptionMapper({ ClosedConnectionException.class, NoStackTraceThrowable.class,
            io.smallrye.mutiny.TimeoutException.class })
    public Response connection(Throwable e) {
        return unavailableOrIncident(e);
    }

    private Response unavailableOrIncident(Throwable e) {
        if (!DatabaseFailures.isUnavailable(e)) {
            return ProblemResponses.incident(e);
        }
        availability.refused(e);
        return ProblemResponses.of(Unavailable.unreachable());
    }
}
