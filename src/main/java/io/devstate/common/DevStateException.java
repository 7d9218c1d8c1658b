package io.devstate.common;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure the client can act on. Mapped once, by {@link ProblemMapper}, to an RFC 9457 problem
 * document; resources never build error bodies themselves.
 */
public abstract class DevStateException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    protected DevStateException(int status, String slug, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    /** Adds an extension member (e.g. {@code seq}, {@code errors}) to the problem document. */
    public DevStateException with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
