package io.devstate.security;

import java.util.List;
import java.util.Set;

/** The three roles; each includes the ones below it. */
public final class Roles {

    public static final String VIEWER = "viewer";
    public static final String WRITER = "writer";
    public static final String ADMIN = "admin";
    private static final List<String> ORDER = List.of(VIEWER, WRITER, ADMIN);

    private Roles() {
    }

    public static boolean isRole(String role) {
        return ORDER.contains(role);
    }

    /** The role and every role it includes, e.g. writer → {viewer, writer}. */
    public static Set<String> implied(String role) {
        int rank = ORDER.indexOf(role);
        if (rank < 0) {
            throw new IllegalArgumentException("unknown role " + role);
        }
        return Set.copyOf(ORDER.subList(0, rank + 1));
    }

    public static Set<String> all() {
        return Set.copyOf(ORDER);
    }
}
