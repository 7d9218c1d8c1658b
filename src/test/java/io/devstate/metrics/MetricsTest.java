package io.devstate.metrics;

import static io.devstate.testsupport.Fixtures.append;
import static io.devstate.testsupport.Fixtures.newProject;
import static io.devstate.testsupport.Fixtures.putState;
import static io.devstate.testsupport.Fixtures.validState;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.devstate.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(PostgresResource.class)
class MetricsTest {

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
                .contains("devstate_request_total{route=\"POST /v1/devstate/history\",status=\"201\"")
                .contains("devstate_history_appends_total{project=\"" + project + "\"} 2.0")
                .contains("devstate_state_updates_total{project=\"" + project + "\"} 1.0")
                .contains("devstate_append_duration_seconds_bucket")
                .contains("devstate_state_update_duration_seconds_bucket")
                .contains("devstate_verify_duration_seconds_bucket")
                .contains("devstate_hmac_verify_pass_total")
                .contains("devstate_hmac_verify_fail_total")
                .contains("devstate_append_fail_total")
                .contains("devstate_state_update_fail_total")
                .contains("devstate_locks_active")
                .contains("http_server_requests_seconds");
    }

    @Test
    void requestsAreCountedByMethodRouteTemplateAndStatus() {
        String project = newProject("metrics-routes");
        putState(project, validState("CP1-LC"));
        String get = "devstate_request_total{route=\"GET /v1/devstate/state\",status=\"200\"}";
        String exportGet = "devstate_request_total{route=\"GET /v1/devstate/export\",status=\"200\"}";
        String exportHead = "devstate_request_total{route=\"HEAD /v1/devstate/export\",status=\"200\"}";
        String missing = "devstate_request_total{route=\"GET /v1/devstate/history/{seq}\",status=\"404\"}";
        double getBefore = counter(get), missingBefore = counter(missing);
        double exportGetBefore = counter(exportGet), exportHeadBefore = counter(exportHead);

        for (int i = 0; i < 3; i++) {
            given().queryParam("project", project).when().get("/v1/devstate/state").then().statusCode(200);
        }
        // HEAD is answered by the GET handler, still counted under its own method. The contract
        // documents no HEAD (Quarkus adds it), hence no contract filter on these two.
        given().noFilters().queryParam("project", project).when().head("/v1/devstate/export").then().statusCode(200);
        given().noFilters().queryParam("project", project).when().head("/v1/devstate/export").then().statusCode(200);
        given().queryParam("project", project).when().get("/v1/devstate/export").then().statusCode(200);
        given().queryParam("project", project).when().get("/v1/devstate/history/999").then().statusCode(404);

        assertThat(counter(get) - getBefore).isEqualTo(3.0);
        assertThat(counter(exportHead) - exportHeadBefore).isEqualTo(2.0);
        assertThat(counter(exportGet) - exportGetBefore).isEqualTo(1.0);
        assertThat(counter(missing) - missingBefore).isEqualTo(1.0);
    }

    /** The value of one series in the Prometheus scrape, 0 while it does not exist yet. */
    private static double counter(String series) {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
                .findFirst().orElse(0.0);
    }
}
