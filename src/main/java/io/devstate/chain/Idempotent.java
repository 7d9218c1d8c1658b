package io.devstate.chain;

/** A write's result, and whether it is the kept result of an earlier request with the same key. */
public record Idempotent<T>(T result, boolean replayed) {

    static <T> Idempotent<T> fresh(T result) {
        return new Idempotent<>(result, false);
    }

    static <T> Idempotent<T> replay(T result) {
        return new Idempotent<>(result, true);
    }
}
