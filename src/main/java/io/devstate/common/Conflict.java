package io.devstate.common;

/** HTTP 409: Conflict. */
public final class Conflict extends DevStateException {

    public Conflict(String detail) {
        super(409, "conflict", "Conflict", detail);
    }
}
