package io.devstate.common;

/**
 * A request refused at the HTTP edge, before it reaches a resource: size limits, host checks,
 * methods, timeouts.
 */
public final class Refused extends DevStateException {

    public Refused(ProblemType type, String detail) {
        super(type, detail);
    }
}
