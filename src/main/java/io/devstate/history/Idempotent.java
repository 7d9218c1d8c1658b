package io.devstate.history;

import jakarta.ws.rs.core.Response.ResponseBuilder;

/** A write's result, and whether it is the kept result of an earlier request with the same key. */
public record Idempotent<T>(T result, boolean replayed) {

    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    /** Marks a replayed answer with {@code Idempotent-Replayed: true}. */
    public static ResponseBuilder mark(ResponseBuilder response, Idempotent<?> outcome) {
        return outcome.replayed() ? response.header(REPLAYED_HEADER, "true") : response;
    }

    static <T> Idempotent<T> fresh(T result) {
        return new Idempotent<>(result, false);
    }

    static <T> Idempotent<T> replay(T result) {
        return new Idempotent<>(result, true);
    }
}
