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
}
