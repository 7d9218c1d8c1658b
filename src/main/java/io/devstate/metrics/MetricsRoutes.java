package io.devstate.metrics;

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

    public MetricsRoutes(DevStateMetrics metrics) {
        this.metrics = metrics;
    }

    void alias(@Observes Router router) {
        router.get("/metrics").handler(context -> context.reroute("/q/metrics"));
    }

    @ServerResponseFilter
    public void countRequest(ContainerRequestContext request, ContainerResponseContext response, ResourceInfo resource) {
        metrics.requestCompleted(route(request.getMethod(), resource), response.getStatus());
    }

    /** The route template (e.g. {@code GET /v1/devstate/history/{seq}}): bounded label values. */
    static String route(String method, ResourceInfo resource) {
        if (resource == null || resource.getResourceClass() == null || resource.getResourceMethod() == null) {
            return method + " unmatched";
        }
        Path root = resource.getResourceClass().getAnnotation(Path.class);
        Path sub = resource.getResourceMethod().getAnnotation(Path.class);
        return method + " " + (root == null ? "" : root.value()) + (sub == null ? "" : sub.value());
    }
}
