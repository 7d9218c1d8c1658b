package io.devstate.common;

/**
 * A request refused at the HTTP edge, before it reaches a resource (size limits, host checks):
 * any status, with its own slug and title.
 */
public final class Refused extends DevStateException {

    public Refused(int status, String slug, String title, String detail) {
        super(status, slug, title, detail);
    }
}
