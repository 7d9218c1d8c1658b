package io.devstate.metrics;

import static io.devstate.testsupport.Fixtures.append;
import static io.devstate.testsupport.Fixtures.newProject;
import static io.devstate.testsupport.Fixtures.putState;
import static io.devstate.testsupport.Fixtures.validState;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;

import io.devstate.testsupport.Concurrently;
import io.devstate.testsupport.PostgresResource;
import io.devstate.testsupport.Scrape;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(PostgresResource.class)
class MetricsTest {

    @Inject
    MeterRegistry registry;

    @Test
    void theOriginalMetricNamesAreExposedOnBothPaths() {
        String project = newProject("metrics");
        putState(project, validState("CP1-LC"));
        append(project, "a", "note", null);
        given().queryParam("project", project).when().get("/v1/devstate/verify").then().statusCode(200);

        String scrape = given().when().get("/metrics").then().statusCode(200).extract().asString();
        assertThat(given().when().get("/q/metrics").then().statusCode(200).extract().asString())
                .contains("devstate_history_appends_total");

        assertThat(scrape)
                .contains("devstate_request_total{route=\"POST /v1/devstate/history\",status=\"201\",transport=\"http\"}")
                .contains("devstate_history_appends_total{project=\"" + project + "\"} 2.0")
                .contains("devstate_state_updates_total{project=\"" + project + "\"} 1.0")
                .contains("devstate_append_duration_seconds_bucket")
                .contains("devstate_state_update_duration_seconds_bucket")
                .contains("devstate_verify_duration_seconds_bucket")
                .contains("devstate_hmac_verify_pass_total{project=\"" + project + "\"} 1.0")
                // At 0 from the project's first verification: the alert sees a failure as an increase.
                .contains("devstate_hmac_verify_fail_total{project=\"" + project + "\"} 0.0")
                // From start-up, before any 429 (the test profile's limits are never reached).
                .contains("devstate_rate_limited_total{limit=\"mutating\"} 0.0")
                .contains("devstate_rate_limited_total{limit=\"verify\"} 0.0")
                .contains("devstate_rate_limited_total{limit=\"subscribe\"} 0.0")
                .contains("devstate_append_fail_total")
                .contains("devstate_state_update_fail_total")
                .contains("devstate_locks_active")
                .contains("http_server_requests_seconds");
    }

    @Test
    void requestsAreCountedByMethodRouteTemplateAndStatus() {
        String project = newProject("metrics-routes");
        putState(project, validState("CP1-LC"));
        String get = "devstate_request_total{route=\"GET /v1/devstate/state\",status=\"200\",transport=\"http\"}";
        String exportGet = "devstate_request_total{route=\"GET /v1/devstate/export\",status=\"200\",transport=\"http\"}";
        String exportHead = "devstate_request_total{route=\"HEAD /v1/devstate/export\",status=\"200\",transport=\"http\"}";
        String missing = "devstate_request_total{route=\"GET /v1/devstate/history/{seq}\",status=\"404\",transport=\"http\"}";
        double getBefore = Scrape.value(get), missingBefore = Scrape.value(missing);
        double exportGetBefore = Scrape.value(exportGet), exportHeadBefore = Scrape.value(exportHead);

        for (int i = 0; i < 3; i++) {
            given().queryParam("project", project).when().get("/v1/devstate/state").then().statusCode(200);
        }
        // HEAD is answered by the GET handler, still counted under its own method. The contract
        // documents no HEAD (Quarkus adds it), hence no contract filter on these two.
        given().noFilters().queryParam("project", project).when().head("/v1/devstate/export").then().statusCode(200);
        given().noFilters().queryParam("project", project).when().head("/v1/devstate/export").then().statusCode(200);
        given().queryParam("project", project).when().get("/v1/devstate/export").then().statusCode(200);
        given().queryParam("project", project).when().get("/v1/devstate/history/999").then().statusCode(404);

        assertThat(Scrape.value(get) - getBefore).isEqualTo(3.0);
        assertThat(Scrape.value(exportHead) - exportHeadBefore).isEqualTo(2.0);
        assertThat(Scrape.value(exportGet) - exportGetBefore).isEqualTo(1.0);
        assertThat(Scrape.value(missing) - missingBefore).isEqualTo(1.0);
    }

    @Test
    void perConnectionGaugesOfThePostgresClientAreNotPublished() {
        String project = newProject("metrics-pool");
        // Concurrent writes: the pool opens several connections.
        assertThat(Concurrently.sendAll(Concurrently.appends(project, 16))).allMatch(response -> response.statusCode() == 201);

        // Each pooled connection registered these again under one id (a warning, and the value of
        // one connection published as the client's); the client's timers and counters stay.
        assertThat(registry.find("postgresql.queue.size").meters()).isEmpty();
        assertThat(registry.find("postgresql.current").meters()).isEmpty();
        assertThat(registry.find("postgresql.processing").meters()).isNotEmpty();
    }
}
