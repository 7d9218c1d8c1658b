package io.devstate.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.devstate.config.DevStateConfig;
import io.devstate.database.Database;
import io.devstate.database.DatabaseAvailability;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Ready only when PostgreSQL answers within {@code devstate.database.health-timeout} and the schema
 * is at the version this build expects; it turns UP again by itself once the database is back (the
 * pool opens new connections). A stalled database makes it DOWN within that timeout, not after the
 * stall.
 */
@Readiness
@ApplicationScoped
public class SchemaReadiness implements AsyncHealthCheck {

    /** The highest migration in sql/ (a test keeps the two equal). */
    public static final int EXPECTED_SCHEMA_VERSION = 4;
    private static final String NAME = "devstate-schema";

    private final Pool pool;
    private final DatabaseAvailability availability;
    private final Duration timeout;

    public SchemaReadiness(Pool pool, DatabaseAvailability availability, DevStateConfig config) {
        this.pool = pool;
        this.availability = availability;
        this.timeout = config.database().healthTimeout();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        // On a connection of its own, not pool.query(): see Database#read.
        return pool.withConnection(connection -> Database.quiet(connection).query(
                "select coalesce(max(version::int), 0) as version from flyway_schema_history "
                        + "where success and version is not null")
                .execute())
                .ifNoItem().after(timeout).fail()
                .map(rows -> rows.iterator().next().getInteger("version"))
                .invoke(availability::answered)
                .map(SchemaReadiness::toResponse)
                .onFailure().invoke(availability::failed)
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
