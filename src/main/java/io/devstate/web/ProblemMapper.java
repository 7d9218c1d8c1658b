package io.devstate.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.devstate.common.DevStateException;
import io.devstate.common.Forbidden;
import io.devstate.common.JsonErrors;
import io.devstate.common.Unauthenticated;
import io.devstate.common.Utf8;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps every failure to problem+json, so clients never see an HTML page or a bare status. */
public class ProblemMapper {

    @ServerExceptionMapper
    public Response devState(DevStateException e) {
        return ProblemResponses.of(e);
    }

    @ServerExceptionMapper({ AuthenticationFailedException.class, UnauthorizedException.class })
    public Response unauthenticated() {
        return ProblemResponses.of(new Unauthenticated());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return ProblemResponses.of(new Forbidden());
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return ProblemResponses.forStatus(400, JsonErrors.describe(e));
    }

    /** More specific than Quarkus's built-in mapper for this type, which answers a bare 400. */
    @ServerExceptionMapper(priority = 1)
    public Response wrongType(MismatchedInputException e) {
        return ProblemResponses.forStatus(400, JsonErrors.describe(e));
    }

    @ServerExceptionMapper
    public Response malformedUtf8(Utf8.MalformedUtf8 e) {
        return ProblemResponses.forStatus(400, e.getMessage());
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return malformedJson(json);
        }
        if (cause instanceof Utf8.MalformedUtf8 utf8) {
            return malformedUtf8(utf8);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return internal(e);
        }
        // The framework's words name its annotations (@Consumes, @Produces); say it in HTTP's.
        Response problem = ProblemResponses.forStatus(status, switch (status) {
            case 404 -> "no such resource";
            case 405 -> "this method is not served here";
            case 406 -> "this route answers application/json (errors application/problem+json); accept one of them";
            case 415 -> "send the body as application/json";
            default -> null;
        });
        String allow = e.getResponse().getHeaderString("Allow");
        return allow == null ? problem : Response.fromResponse(problem).header("Allow", allow).build();
    }

    @ServerExceptionMapper
    public Response internal(Throwable e) {
        return ProblemResponses.incident(e);
    }
}
