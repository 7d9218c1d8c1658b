package io.devstate.common;

import java.util.Map;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** Maps every failure to problem+json, so clients never see an HTML page or a bare status. */
public class ProblemMapper {

    @ServerExceptionMapper
    public Response devState(DevStateException e) {
        return Problem.of(e);
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
    public Response internal(Throwable e) {
        return Problem.incident(e);
    }
}
