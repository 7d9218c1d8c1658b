package io.devstate.common;

/**
 * HTTP 401: no valid credentials. The same words for a missing, malformed or unknown token, over
 * HTTP and MCP alike; answered with {@code WWW-Authenticate: Bearer}.
 */
public final class Unauthenticated extends DevStateException {

    public static final String CHALLENGE = "Bearer";

    public Unauthenticated() {
        super(ProblemType.UNAUTHORIZED, "a valid bearer token is required");
    }
}
