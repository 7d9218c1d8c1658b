package io.devstate.web;

import io.devstate.common.BadRequest;
import io.devstate.common.HeaderNames;
import io.vertx.core.http.HttpServerRequest;

import java.util.List;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Headers whose value means something when sent: an empty {@code Idempotency-Key},
 * {@code DevState-Min-Version} or {@code DevState-Min-Seq} is malformed, a 400 naming it. A JAX-RS
 * header parameter reads an empty value as absent, so without this an empty key passed as "no
 * key" (a retry could write twice) and an empty minimum as "any version".
 */
public class EmptyHeaders {

    private static final List<String> VALUED = List.of(HeaderNames.IDEMPOTENCY_KEY, HeaderNames.MIN_VERSION,
            HeaderNames.MIN_SEQ);

    @ServerRequestFilter
    public void refuseEmptyValues(HttpServerRequest request) {
        for (String name : VALUED) {
            String value = request.getHeader(name);
            if (value != null && value.isEmpty()) {
                throw new BadRequest(name + " is empty; leave the header out or give it a value").with("field", name);
            }
        }
    }
}
