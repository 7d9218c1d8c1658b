package io.devstate.mcp;

import io.devstate.common.Unauthenticated;
import io.devstate.config.DevStateConfig;
import io.devstate.security.BearerTokenMechanism;
import io.devstate.security.TokenRegistry;
import io.devstate.web.EdgeResponses;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Checks the bearer token of an MCP request before the MCP endpoint reads it: a wrong token (or
 * none, when reads are protected) is an HTTP 401 with {@code WWW-Authenticate}, which is how MCP
 * clients learn to authenticate again. Left to the tool call, the failure surfaced after the
 * request body had been consumed and the MCP route answered a bare 500.
 */
@ApplicationScoped
public class McpAuthentication {

    private final TokenRegistry tokens;
    private final boolean protectReads;

    public McpAuthentication(TokenRegistry tokens, DevStateConfig config) {
        this.tokens = tokens;
        this.protectReads = config.security().protectReads();
    }

    void register(@Observes Router router) {
        router.routeWithRegex("/mcp(/.*)?").order(-90).handler(this::authenticate);
    }

    private void authenticate(RoutingContext context) {
        if (tokens.enabled() && !admits(context.request())) {
            EdgeResponses.refuse(context, new Unauthenticated());
            return;
        }
        context.next();
    }

    private boolean admits(HttpServerRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return !protectReads;
        }
        return tokens.find(BearerTokenMechanism.tokenOf(header)).isPresent();
    }
}
