package io.devstate.web;

import io.devstate.common.DevStateException;
import io.devstate.common.Problem;
import io.devstate.common.RetryLater;
import io.devstate.common.Unauthenticated;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Answers a request refused before it reaches a resource with the same problem document a resource would. */
public final class EdgeResponses {

    private EdgeResponses() {
    }

    /**
     * Ends the exchange with the problem of {@code e}. An HTTP/1.x connection is closed: the
     * refused request's body (if any) is not read, so it cannot carry another request. (HTTP/2
     * streams end on their own, and a Connection header is a protocol error there.)
     */
    public static void refuse(RoutingContext context, DevStateException e) {
        var response = context.response()
                .setStatusCode(e.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (context.request().version() != HttpVersion.HTTP_2) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        if (e instanceof Unauthenticated) {
            response.putHeader("WWW-Authenticate", Unauthenticated.CHALLENGE);
        }
        if (e instanceof RetryLater retry) {
            response.putHeader("Retry-After", Long.toString(retry.retryAfterSeconds()));
        }
        response.end(new JsonObject(Problem.body(e)).encode());
    }
}
