package io.devstate.common;

import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.pgclient.PgException;

/** Maps every failure to problem+json, so clients never see an HTML page or a bare status. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response devState(DevStateException e) {
        Response problem = Problem.of(e);
        return e instanceof RateLimited limited
                ? Response.fromResponse(problem).header("Retry-After", Long.toString(limited.retryAfterSeconds())).build()
                : problem;
    }

    @ServerExceptionMapper({ AuthenticationFailedException.class, UnauthorizedException.class })
    public Response unauthenticated() {
        // The same answer for a missing, malformed or unknown token.
        return Response.fromResponse(Problem.response(401, "unauthorized", "Unauthorized",
                "a valid bearer token is required", Map.of()))
                .header("WWW-Authenticate", "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.response(403, "forbidden", "Forbidden", "this token's role does not allow this operation",
                Map.of());
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return Problem.forStatus(400, "malformed JSON body: " + e.getOriginalMessage());
    }

    /** More specific than Quarkus's built-in mapper for this type, which answers a bare 400. */
    @ServerExceptionMapper(priority = 1)
    public Response wrongType(MismatchedInputException e) {
        return Problem.forStatus(400, "JSON body does not have the expected shape: " + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return malformedJson(json);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return internal(e);
        }
        return Problem.forStatus(status, e.getMessage());
    }

    @ServerExceptionMapper
    public Response database(PgException e) {
        // Data errors (invalid text representation, untranslatable characters, numeric overflow)
        // come from client input that slipped past validation: still the client's problem.
        if (e.getSqlState() != null && e.getSqlState().startsWith("22")) {
            return Problem.response(422, "invalid", "Unprocessable content",
                    "the database rejected a value: " + e.getErrorMessage(), Map.of());
        }
        return internal(e);
    }

    @ServerExceptionMapper
    public Response internal(Throwable e) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "unhandled failure, incident %s", incident);
        return Problem.response(500, "internal", "Internal error",
                "unexpected failure; quote incident " + incident + " to the operator", Map.of());
    }
}
