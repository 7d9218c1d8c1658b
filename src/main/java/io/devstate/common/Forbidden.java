package io.devstate.common;

/** HTTP 403: the caller is known, its role does not allow the operation. */
public final class Forbidden extends DevStateException {

    public Forbidden() {
        super(403, "forbidden", "Forbidden", "this token's role does not allow this operation");
    }

    public Forbidden(String slug, String title, String detail) {
        super(403, slug, title, detail);
    }
}
