package io.devstate.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Ready only when PostgreSQL answers and the schema is at the version this build expects; it turns
 * UP again by itself once the database is back (the pool opens new connections).
 */
@Readiness
@ApplicationScoped
public class SchemaReadiness implements AsyncHealthCheck {

    /** The highest migration in sql/ (a test keeps the two equal). */
    public static final int EXPECTED_SCHEMA_VERSION = 2;
    private static final String NAME = "devstate-schema";

    private final Pool pool;

    public SchemaReadiness(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return pool.query("select coalesce(max(version::int), 0) as version from flyway_schema_history "
                + "where success and version is not null")
                .execute()
                .map(rows -> rows.iterator().next().getInteger("version"))
                .map(SchemaReadiness::toResponse)
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named(NAME).down()
                        .withData("error", e.getClass().getSimpleName()).build());
    }

    private static HealthCheckResponse toResponse(int version) {
        return HealthCheckResponse.named(NAME)
                .status(version >= EXPECTED_SCHEMA_VERSION)
                .withData("schema_version", version)
                .withData("expected", EXPECTED_SCHEMA_VERSION)
                .build();
    }
}
