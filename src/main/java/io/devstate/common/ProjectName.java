package io.devstate.common;

import java.util.regex.Pattern;

/** Project names partition every state, chain and lock. */
public final class ProjectName {

    public static final String DEFAULT = "default";
    private static final Pattern VALID = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,63}$");

    private ProjectName() {
    }

    /** Returns the project named by the query parameter, or {@code default} when absent. */
    public static String resolve(String raw) {
        if (raw == null || raw.isEmpty()) {
            return DEFAULT;
        }
        if (!VALID.matcher(raw).matches()) {
            throw new BadRequest("project must match " + VALID.pattern()).with("field", "project");
        }
        return raw;
    }
}
