package io.devstate.common;

/** HTTP 409: Conflict. */
public final class Conflict extends DevStateException {

    public Conflict(String detail) {
        super(ProblemType.CONFLICT, detail);
    }
}
