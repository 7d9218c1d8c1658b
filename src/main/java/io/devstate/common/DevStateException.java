package io.devstate.common;

import io.devstate.web.ProblemMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure the client can act on. Mapped once, by {@link ProblemMapper}, to an RFC 9457 problem
 * document; resources never build error bodies themselves.
 */
public abstract class DevStateException extends RuntimeException {

    private final ProblemType type;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    protected DevStateException(ProblemType type, String detail) {
        super(detail, null, false, false);
        this.type = type;
    }

    /** Adds an extension member (e.g. {@code seq}, {@code errors}) to the problem document. */
    public DevStateException with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    public ProblemType type() {
        return type;
    }

    public int status() {
        return type.status();
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
