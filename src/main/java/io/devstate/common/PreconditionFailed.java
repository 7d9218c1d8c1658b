package io.devstate.common;

/** HTTP 412: Precondition failed. */
public final class PreconditionFailed extends DevStateException {

    public PreconditionFailed(String detail) {
        super(ProblemType.PRECONDITION_FAILED, detail);
    }
}
