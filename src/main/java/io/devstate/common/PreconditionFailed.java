package io.devstate.common;

/** HTTP 412: Precondition failed. */
public final class PreconditionFailed extends DevStateException {

    public PreconditionFailed(String detail) {
        super(412, "precondition-failed", "Precondition failed", detail);
    }
}
