package io.devstate.database;

import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.devstate.common.Problem;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

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
            return Problem.response(422, "invalid", "Unprocessable content",
                    "the database rejected a value: " + e.getErrorMessage(), Map.of());
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
            return Problem.incident(e);
        }
        availability.refused(e);
        return Problem.of(Database.unreachable());
    }
}
