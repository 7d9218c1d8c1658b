package io.devstate.health;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The original's liveness answer, kept for its users; the Quarkus probes live under /q/health. */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    @RegisterForReflection
    public record Health(String status, String service) {
    }

    private static final Health OK = new Health("ok", "devstate");

    @GET
    public Health health() {
        return OK;
    }
}
