package io.devstate.common;

/** HTTP 400: Bad request. */
public final class BadRequest extends DevStateException {

    public BadRequest(String detail) {
        super(ProblemType.BAD_REQUEST, detail);
    }
}
