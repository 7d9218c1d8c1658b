package io.devstate.common;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds RFC 9457 problem documents of a {@link ProblemType}; the one place that knows their shape.
 * The HTTP adapter sends them as responses, MCP as a tool error's structured content.
 */
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problem() {
    }

    /** The problem document's members, in this order, for every transport (HTTP, Vert.x routes, MCP). */
    public static Map<String, Object> body(ProblemType type, int status, String detail,
            Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.uri());
        body.put("title", type.title());
        body.put("status", status);
        if (detail != null) {
            body.put("detail", detail);
        }
        body.putAll(extensions);
        return body;
    }

    /** The document of a {@link DevStateException}; a retry hint travels as {@code retry_after} too. */
    public static Map<String, Object> body(DevStateException e) {
        Map<String, Object> body = body(e.type(), e.status(), e.getMessage(), e.extensions());
        if (e instanceof RetryLater retry) {
            body.put("retry_after", retry.retryAfterSeconds());
        }
        return body;
    }
}
