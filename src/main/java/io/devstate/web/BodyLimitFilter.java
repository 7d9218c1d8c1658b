package io.devstate.web;

import io.devstate.common.ProblemType;
import io.devstate.common.Refused;
import io.devstate.config.DevStateConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a declared body over the limit before it is read, as a problem document. Routes other
 * than import require a declared length (411 otherwise), so every body is held to its limit.
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
        long limit = RequestPaths.isImport(context) ? maxImportBytes : maxBodyBytes;
        if (declared != null && exceeds(declared, limit)) {
            refuse(context, ProblemType.PAYLOAD_TOO_LARGE, "request body exceeds " + limit + " bytes");
            return;
        }
        if (declared == null && limit == maxBodyBytes && context.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            // Without a declared length the body could only be cut at the HTTP layer's larger backstop.
            refuse(context, ProblemType.LENGTH_REQUIRED,
                    "send the request body with a Content-Length header");
            return;
        }
        context.next();
    }

    private static void refuse(RoutingContext context, ProblemType type, String detail) {
        EdgeResponses.refuse(context, new Refused(type, detail));
    }

    private static boolean exceeds(String declared, long limit) {
        try {
            return Long.parseLong(declared.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
