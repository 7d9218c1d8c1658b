package io.devstate.metrics;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.vertx.ext.web.Router;

/** {@code /metrics} (the original's path) next to Quarkus's {@code /q/metrics}, and request counting. */
@ApplicationScoped
public class MetricsRoutes {

    private final DevStateMetrics metrics;
    /** Path template per resource method: read from its annotations once, not on every request. */
    private final Map<Method, String> templates = new ConcurrentHashMap<>();

    public MetricsRoutes(DevStateMetrics metrics) {
        this.metrics = metrics;
    }

    void alias(@Observes Router router) {
        router.get("/metrics").handler(context -> context.reroute("/q/metrics"));
    }

    @ServerResponseFilter
    public void countRequest(ContainerRequestContext request, ContainerResponseContext response, ResourceInfo resource) {
        metrics.requestCompleted("http", route(request.getMethod(), resource), response.getStatus());
    }

    /** The route template (e.g. {@code GET /v1/devstate/history/{seq}}): bounded label values. */
    String route(String method, ResourceInfo resource) {
        Method handler = resource == null || resource.getResourceClass() == null ? null : resource.getResourceMethod();
        if (handler == null) {
            return method + " unmatched";
        }
        // The method is not part of the key: GET handlers also answer HEAD.
        return method + " " + templates.computeIfAbsent(handler, key -> path(resource.getResourceClass(), handler));
    }

    private static String path(Class<?> resourceClass, Method handler) {
        Path root = resourceClass.getAnnotation(Path.class);
        Path sub = handler.getAnnotation(Path.class);
        return (root == null ? "" : root.value()) + (sub == null ? "" : sub.value());
    }
}
