package io.devstate.common;

/** HTTP 403: the caller is known, its role does not allow the operation. */
public final class Forbidden extends DevStateException {

    public Forbidden() {
        super(ProblemType.FORBIDDEN, "this token's role does not allow this operation");
    }
}
