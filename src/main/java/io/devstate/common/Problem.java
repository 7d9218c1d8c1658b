package io.devstate.common;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

/** Builds RFC 9457 problem responses; the one place that knows their shape. */
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:devstate:problem:";
    private static final Logger LOG = Logger.getLogger(Problem.class);

    private Problem() {
    }

    public static Response response(int status, String slug, String title, String detail,
            Map<String, Object> extensions) {
        return Response.status(status).type(MEDIA_TYPE).entity(body(status, slug, title, detail, extensions)).build();
    }

    /** The problem document's members, in this order, for every transport (HTTP, Vert.x routes, MCP). */
    public static Map<String, Object> body(int status, String slug, String title, String detail,
            Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_PREFIX + slug);
        body.put("title", title);
        body.put("status", status);
        if (detail != null) {
            body.put("detail", detail);
        }
        body.putAll(extensions);
        return body;
    }

    /** The document of a {@link DevStateException}; a retry hint travels as {@code retry_after} too. */
    public static Map<String, Object> body(DevStateException e) {
        Map<String, Object> body = body(e.status(), e.slug(), e.title(), e.getMessage(), e.extensions());
        if (e instanceof RetryLater retry) {
            body.put("retry_after", retry.retryAfterSeconds());
        }
        return body;
    }

    public static Response of(DevStateException e) {
        Response problem = Response.status(e.status()).type(MEDIA_TYPE)
                .entity(body(e.status(), e.slug(), e.title(), e.getMessage(), e.extensions())).build();
        if (e instanceof RetryLater retry) {
            return Response.fromResponse(problem).header("Retry-After", Long.toString(retry.retryAfterSeconds())).build();
        }
        if (e instanceof Unauthenticated) {
            return Response.fromResponse(problem).header("WWW-Authenticate", Unauthenticated.CHALLENGE).build();
        }
        return problem;
    }

    /** A problem whose slug and title follow from a bare HTTP status (framework-raised errors). */
    public static Response forStatus(int status, String detail) {
        return switch (status) {
            case 400 -> response(status, "bad-request", "Bad request", detail, Map.of());
            case 404 -> response(status, "not-found", "Not found", detail, Map.of());
            case 405 -> response(status, "method-not-allowed", "Method not allowed", detail, Map.of());
            case 406 -> response(status, "not-acceptable", "Not acceptable", detail, Map.of());
            case 413 -> response(status, "payload-too-large", "Payload too large", detail, Map.of());
            case 415 -> response(status, "unsupported-media-type", "Unsupported media type", detail, Map.of());
            default -> status >= 500
                    ? response(status, "internal", "Internal error", detail, Map.of())
                    : response(status, "client-error", "Client error", detail, Map.of());
        };
    }

    /** A 500 for a failure nobody foresaw: logged with its stack trace under an id the client can quote. */
    public static Response incident(Throwable e) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "unhandled failure, incident %s", incident);
        return response(500, "internal", "Internal error",
                "unexpected failure; quote incident " + incident + " to the operator", Map.of());
    }
}
