package io.devstate.common;

/** HTTP 400: Bad request. */
public final class BadRequest extends DevStateException {

    public BadRequest(String detail) {
        super(400, "bad-request", "Bad request", detail);
    }
}
