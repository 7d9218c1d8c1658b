package io.devstate.web;

import io.devstate.common.ProblemType;
import io.devstate.common.Refused;
import io.devstate.config.DevStateConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A request with a body must deliver all of it within {@code DEVSTATE_HTTP_BODY_TIMEOUT} of its
 * headers, else 408 and the connection is closed. The idle timeout alone does not drop a client
 * that sends a byte every few seconds. Requests without a body set no timer.
 */
@ApplicationScoped
public class BodyDeadline {

    /** Right after the request gate, before the body limits and the routes that read bodies. */
    static final int ORDER = RequestGate.ORDER + 10;

    private final Vertx vertx;
    private final long timeoutMillis;

    public BodyDeadline(Vertx vertx, DevStateConfig config) {
        this.vertx = vertx;
        this.timeoutMillis = config.http().bodyTimeout().toMillis();
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::watch);
    }

    private void watch(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (!request.isEnded() && hasBody(request)) {
            long timer = vertx.setTimer(timeoutMillis, fired -> {
                if (request.isEnded() || context.response().ended()) {
                    return;
                }
                if (!context.response().headWritten()) {
                    EdgeResponses.refuse(context, new Refused(ProblemType.REQUEST_TIMEOUT,
                            "the request body did not arrive within " + timeoutMillis / 1000.0 + " s"));
                }
                if (request.version() != HttpVersion.HTTP_2) {
                    request.connection().close(); // HTTP/2: the stream ended; the connection's others go on
                }
            });
            context.addEndHandler(done -> vertx.cancelTimer(timer));
        }
        context.next();
    }

    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return (length != null && !length.trim().equals("0")) || request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
    }
}
