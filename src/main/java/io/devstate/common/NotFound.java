package io.devstate.common;

/** HTTP 404: Not found. */
public final class NotFound extends DevStateException {

    public NotFound(String detail) {
        super(ProblemType.NOT_FOUND, detail);
    }
}
