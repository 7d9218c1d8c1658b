package io.devstate.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} at the JVM-wide {@link LocalPostgres}:
 * {@code @QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)}
 * (or {@code @WithTestResource}).
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        LocalPostgres pg = LocalPostgres.shared();
        return Map.of(
                "quarkus.datasource.reactive.url", pg.reactiveUrl(),
                "quarkus.datasource.jdbc.url", pg.jdbcUrl(),
                "quarkus.datasource.username", pg.username(),
                "quarkus.datasource.password", pg.password());
    }

    @Override
    public void stop() {
        // Nothing: the server is shared by every test in this JVM; LocalPostgres's shutdown hook
        // stops it and removes its directory.
    }
}
