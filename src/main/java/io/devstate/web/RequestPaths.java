package io.devstate.web;

import io.vertx.ext.web.RoutingContext;

/** The path a request names as the resources match it, for edge handlers that pick routes by path. */
public final class RequestPaths {

    private static final String IMPORT = "/v1/devstate/import";

    private RequestPaths() {
    }

    /** The import route, whose body limit and admission differ from every other route's. */
    public static boolean isImport(RoutingContext context) {
        return canonical(context).equals(IMPORT);
    }

    /**
     * Dot segments resolved, doubled slashes and a trailing slash dropped: every spelling the
     * resource methods also answer, so none of them escapes a limit a path-based handler sets.
     */
    public static String canonical(RoutingContext context) {
        String path = context.normalizedPath().replaceAll("/{2,}", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
