package io.devstate.common;

/** HTTP 422: Unprocessable content. */
public final class Invalid extends DevStateException {

    public Invalid(String detail) {
        super(ProblemType.INVALID, detail);
    }
}
