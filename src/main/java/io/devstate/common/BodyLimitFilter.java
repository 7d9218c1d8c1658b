package io.devstate.common;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.devstate.config.DevStateConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a declared body over the limit before it is read, as a problem document. (A chunked
 * body without a length is cut by the HTTP layer's own limit, set just above this one.)
 */
@ApplicationScoped
public class BodyLimitFilter {

    private final long maxBodyBytes;
    private final long maxImportBytes;

    public BodyLimitFilter(DevStateConfig config) {
        this.maxBodyBytes = config.http().maxBodyBytes();
        this.maxImportBytes = config.http().maxImportBytes();
    }

    void register(@Observes Router router) {
        router.route().order(-100).handler(this::limitBody);
    }

    private void limitBody(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long limit = context.request().path().endsWith("/v1/devstate/import") ? maxImportBytes : maxBodyBytes;
        if (declared != null && exceeds(declared, limit)) {
            Map<String, Object> problem = Map.of(
                    "type", "urn:devstate:problem:payload-too-large",
                    "title", "Payload too large",
                    "status", 413,
                    "detail", "request body exceeds " + limit + " bytes");
            context.response()
                    .setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(new JsonObject(problem).encode());
            return;
        }
        context.next();
    }

    private static boolean exceeds(String declared, long limit) {
        try {
            return Long.parseLong(declared.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
