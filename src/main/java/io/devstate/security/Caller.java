package io.devstate.security;

import java.security.Principal;

import jakarta.ws.rs.core.SecurityContext;

/** The authenticated principal's name, as recorded in the entries it causes. */
public final class Caller {

    private Caller() {
    }

    public static String name(SecurityContext context) {
        Principal principal = context == null ? null : context.getUserPrincipal();
        return principal == null ? BearerTokenMechanism.ANONYMOUS : principal.getName();
    }
}
