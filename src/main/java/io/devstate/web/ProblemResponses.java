package io.devstate.web;

import io.devstate.common.DevStateException;
import io.devstate.common.Problem;
import io.devstate.common.ProblemType;
import io.devstate.common.RetryLater;
import io.devstate.common.Unauthenticated;

import jakarta.ws.rs.core.Response;

import java.util.Map;
import java.util.UUID;

import org.jboss.logging.Logger;

/** Problem documents as JAX-RS responses: status, media type and the headers a problem's kind calls for. */
public final class ProblemResponses {

    private static final Logger LOG = Logger.getLogger(ProblemResponses.class);

    private ProblemResponses() {
    }

    public static Response response(ProblemType type, String detail) {
        return response(type, type.status(), detail);
    }

    private static Response response(ProblemType type, int status, String detail) {
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(Problem.body(type, status, detail, Map.of())).build();
    }

    /** The HTTP response of a {@link DevStateException}, with the headers its kind calls for. */
    public static Response of(DevStateException e) {
        Response problem = Response.status(e.status()).type(Problem.MEDIA_TYPE)
                .entity(Problem.body(e.type(), e.status(), e.getMessage(), e.extensions())).build();
        if (e instanceof RetryLater retry) {
            return Response.fromResponse(problem).header("Retry-After", Long.toString(retry.retryAfterSeconds())).build();
        }
        if (e instanceof Unauthenticated) {
            return Response.fromResponse(problem).header("WWW-Authenticate", Unauthenticated.CHALLENGE).build();
        }
        return problem;
    }

    /** A problem for a bare HTTP status (framework-raised errors), typed by {@link ProblemType#forStatus}. */
    public static Response forStatus(int status, String detail) {
        return response(ProblemType.forStatus(status), status, detail);
    }

    /** A 500 for a failure nobody foresaw: logged with its stack trace under an id the client can quote. */
    public static Response incident(Throwable e) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "unhandled failure, incident %s", incident);
        return response(ProblemType.INTERNAL, "unexpected failure; quote incident " + incident + " to the operator");
    }
}
