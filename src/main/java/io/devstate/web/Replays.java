package io.devstate.web;

import io.devstate.chain.Idempotent;

import jakarta.ws.rs.core.Response.ResponseBuilder;

/** How an HTTP answer says it is the kept result of an earlier request with the same Idempotency-Key. */
public final class Replays {

    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private Replays() {
    }

    /** Marks a replayed answer with {@code Idempotent-Replayed: true}. */
    public static ResponseBuilder mark(ResponseBuilder response, Idempotent<?> outcome) {
        return outcome.replayed() ? response.header(REPLAYED_HEADER, "true") : response;
    }
}
