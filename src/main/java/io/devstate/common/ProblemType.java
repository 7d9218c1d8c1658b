package io.devstate.common;

/**
 * Every kind of problem DevState answers with: its status, its slug (the problem type is
 * {@code urn:devstate:problem:<slug>}) and its title. The one list; transports render it with
 * {@link Problem}.
 */
public enum ProblemType {

    BAD_REQUEST(400, "bad-request", "Bad request"),
    UNAUTHORIZED(401, "unauthorized", "Unauthorized"),
    FORBIDDEN(403, "forbidden", "Forbidden"),
    ORIGIN_NOT_ALLOWED(403, "origin-not-allowed", "Origin not allowed"),
    NOT_FOUND(404, "not-found", "Not found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable"),
    REQUEST_TIMEOUT(408, "request-timeout", "Request timeout"),
    CONFLICT(409, "conflict", "Conflict"),
    LENGTH_REQUIRED(411, "length-required", "Length required"),
    PRECONDITION_FAILED(412, "precondition-failed", "Precondition failed"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Payload too large"),
    URI_TOO_LONG(414, "uri-too-long", "URI too long"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    MISDIRECTED_REQUEST(421, "misdirected-request", "Misdirected request"),
    INVALID(422, "invalid", "Unprocessable content"),
    LOCKED(423, "locked", "Locked"),
    RATE_LIMITED(429, "rate-limited", "Too many requests"),
    HEADERS_TOO_LARGE(431, "headers-too-large", "Request header fields too large"),
    /** Any other 4xx a framework raises; its status is the one raised. */
    CLIENT_ERROR(400, "client-error", "Client error"),
    INTERNAL(500, "internal", "Internal error"),
    UNAVAILABLE(503, "unavailable", "Service unavailable"),
    IMPORT_IN_PROGRESS(503, "import-in-progress", "Import in progress");

    private static final String URN_PREFIX = "urn:devstate:problem:";

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    /** The problem document's {@code type} member. */
    public String uri() {
        return URN_PREFIX + slug;
    }

    /** The type of a bare status a framework raised: the one of that status, else client or internal error. */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 500 ? INTERNAL : CLIENT_ERROR;
        };
    }
}
