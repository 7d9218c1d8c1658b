package io.devstate.common;

/** HTTP 423: Locked. */
public final class Locked extends DevStateException {

    public Locked(String detail) {
        super(ProblemType.LOCKED, detail);
    }
}
