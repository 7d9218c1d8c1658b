package io.devstate.common;

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
        return Problem.of(new Unauthenticated());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.of(new Forbidden());
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
        Response problem = Problem.forStatus(status, e.getMessage());
        String allow = e.getResponse().getHeaderString("Allow");
        return allow == null ? problem : Response.fromResponse(problem).header("Allow", allow).build();
    }

    @ServerExceptionMapper
    public Response internal(Throwable e) {
        return Problem.incident(e);
    }
}
