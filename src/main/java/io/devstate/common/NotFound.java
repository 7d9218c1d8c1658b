package io.devstate.common;

/** HTTP 404: Not found. */
public final class NotFound extends DevStateException {

    public NotFound(String detail) {
        super(404, "not-found", "Not found", detail);
    }
}
