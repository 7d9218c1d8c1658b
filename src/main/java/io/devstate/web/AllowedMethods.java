package io.devstate.web;

import com.fasterxml.jackson.databind.JsonNode;

import io.devstate.common.ProblemType;
import io.devstate.common.Refused;
import io.devstate.common.ServedContract;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * HTTP method semantics for the contract's paths: {@code OPTIONS} answers the methods a path
 * serves, and any other method is 405 with {@code Allow}. The table is the served contract itself
 * (OpenApiContractTest keeps it equal to the resources); the most specific path wins, as in JAX-RS
 * ({@code /history/search} before {@code /history/{seq}}).
 */
@ApplicationScoped
public class AllowedMethods {

    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "patch");

    private final List<Route> routes;

    record Route(String template, Pattern pattern, Set<String> methods) {
        String allow() {
            return String.join(", ", methods);
        }
    }

    public AllowedMethods() {
        this.routes = load();
    }

    void register(@Observes Router router) {
        router.route().order(RequestGate.ORDER + 5).handler(this::check);
    }

    private void check(RoutingContext context) {
        Route route = routeOf(context.request().path());
        HttpMethod method = context.request().method();
        if (route != null && method == HttpMethod.OPTIONS
                && !context.request().headers().contains("Access-Control-Request-Method")) {
            // (a CORS preflight goes on to the CORS filter)
            context.response().setStatusCode(204).putHeader("Allow", route.allow()).end();
            return;
        }
        if (route == null || route.methods().contains(method.name())) {
            context.next();
            return;
        }
        context.response().putHeader("Allow", route.allow());
        EdgeResponses.refuse(context, new Refused(ProblemType.METHOD_NOT_ALLOWED,
                method.name() + " is not served on " + route.template() + "; allowed: " + route.allow()));
    }

    /** The contract path a request path belongs to (a trailing slash is the same path), or null. */
    Route routeOf(String path) {
        String normal = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        for (Route route : routes) {
            if (route.pattern().matcher(normal).matches()) {
                return route;
            }
        }
        return null;
    }

    private static List<Route> load() {
        List<Route> routes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : ServedContract.tree().path("paths").properties()) {
            Set<String> methods = new LinkedHashSet<>();
            path.getValue().fieldNames().forEachRemaining(name -> {
                if (OPERATIONS.contains(name)) {
                    methods.add(name.toUpperCase(Locale.ROOT));
                }
            });
            if (methods.contains("GET")) {
                methods.add("HEAD");
            }
            methods.add("OPTIONS");
            routes.add(new Route(path.getKey(), Pattern.compile(path.getKey().replaceAll("\\{[^}]+}", "[^/]+")),
                    methods));
        }
        // Literal segments before templates: the longest literal prefix is the most specific path.
        routes.sort(Comparator.comparingInt((Route r) -> -literalLength(r.template())));
        return List.copyOf(routes);
    }

    private static int literalLength(String template) {
        return template.replaceAll("\\{[^}]+}", "").length();
    }
}
