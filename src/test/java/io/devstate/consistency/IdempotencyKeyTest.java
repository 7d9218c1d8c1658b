package io.devstate.consistency;

import static io.devstate.testsupport.Fixtures.newProject;
import static io.devstate.testsupport.Fixtures.validState;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.devstate.testsupport.Concurrently;
import io.devstate.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** A retried write with the same Idempotency-Key answers the first result and writes nothing. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class IdempotencyKeyTest {

    private static final String NOTE = "{\"actor\":\"ci\",\"action\":\"build\",\"metadata\":{\"run\":7}}";

    @Test
    void aRetriedAppendAnswersTheFirstEntryAndAppendsOnce() {
        String project = newProject("idem-append");
        ExtractableResponse<Response> first = appendWithKey(project, "retry-1", NOTE);
        ExtractableResponse<Response> retry = appendWithKey(project, "retry-1", NOTE);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.body().asString()).isEqualTo(first.body().asString());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(entries(project)).isEqualTo(1);

        assertThat(appendWithKey(project, "retry-2", NOTE).<Integer>path("seq")).isEqualTo(2);
        assertThat(appendWithKey(newProject("idem-other"), "retry-1", NOTE).header("Idempotent-Replayed"))
                .as("keys are per project").isNull();
    }

    @Test
    void concurrentRequestsWithOneKeyWriteOnce() {
        String project = newProject("idem-concurrent");
        List<HttpRequest> requests = IntStream.range(0, 16)
                .mapToObj(i -> HttpRequest.newBuilder(Concurrently.uri("/v1/devstate/history", project))
                        .header("Content-Type", "application/json").header("Idempotency-Key", "same")
                        .POST(HttpRequest.BodyPublishers.ofString(NOTE)).build())
                .toList();

        List<HttpResponse<String>> responses = Concurrently.sendAll(requests);

        assertThat(responses).allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(201));
        assertThat(responses.stream().map(HttpResponse::body).distinct()).hasSize(1);
        assertThat(responses.stream().filter(r -> r.headers().firstValue("Idempotent-Replayed").isEmpty()))
                .hasSize(1);
        assertThat(entries(project)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherRequestIs422AndWritesNothing() {
        String project = newProject("idem-reuse");
        appendWithKey(project, "k", NOTE);
        ExtractableResponse<Response> reused = appendWithKey(project, "k",
                "{\"actor\":\"ci\",\"action\":\"build\",\"metadata\":{\"run\":8}}");

        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(reused.<String>path("field")).isEqualTo("Idempotency-Key");
        assertThat(entries(project)).isEqualTo(1);
    }

    @Test
    void aRetriedStateWriteAnswersTheFirstResultAndWritesOnce() {
        String project = newProject("idem-state");
        ExtractableResponse<Response> first = putWithKey(project, "put-1", validState("CP1-LC"));
        ExtractableResponse<Response> retry = putWithKey(project, "put-1", validState("CP1-LC"));
        ExtractableResponse<Response> patch = given().queryParam("project", project)
                .contentType("application/merge-patch+json").header("Idempotency-Key", "patch-1")
                .body("{\"current_cp\":\"CP2-LC\"}").when().post("/v1/devstate/state").then().extract();
        ExtractableResponse<Response> patchRetry = given().queryParam("project", project)
                .contentType("application/merge-patch+json").header("Idempotency-Key", "patch-1")
                .body("{\"current_cp\":\"CP2-LC\"}").when().post("/v1/devstate/state").then().extract();

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.body().asString()).isEqualTo(first.body().asString());
        assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(patch.<Integer>path("version")).isEqualTo(2);
        assertThat(patchRetry.body().asString()).isEqualTo(patch.body().asString());
        given().queryParam("project", project).when().get("/v1/devstate/state")
                .then().body("version", equalTo(2));
        assertThat(entries(project)).isEqualTo(2);
    }

    @Test
    void aMalformedKeyIs400NamingTheHeader() {
        String project = newProject("idem-bad");
        for (String bad : new String[] { "has space", "x".repeat(256), "é" }) {
            given().queryParam("project", project).contentType("application/json").header("Idempotency-Key", bad)
                    .body(NOTE).when().post("/v1/devstate/history")
                    .then().statusCode(400).body("field", equalTo("Idempotency-Key"));
        }
        given().queryParam("project", project).when().get("/v1/devstate/history/1").then().statusCode(404)
                .body("seq", nullValue());
    }

    /** Sent empty, the key is malformed, not absent: a retry that lost its key must not write twice unnoticed. */
    @Test
    void anEmptyKeyIs400OnEveryWriteAndWritesNothing() {
        String project = newProject("idem-empty");
        ExtractableResponse<Response> append = appendWithKey(project, "", NOTE);
        assertThat(append.statusCode()).isEqualTo(400);
        assertThat(append.jsonPath().getString("field")).isEqualTo("Idempotency-Key");
        assertThat(putWithKey(project, "", validState("CP1-LC")).statusCode()).isEqualTo(400);
        given().queryParam("project", project).contentType("application/merge-patch+json").header("Idempotency-Key", "")
                .body("{\"no_drift\":true}").when().post("/v1/devstate/state")
                .then().statusCode(400).body("field", equalTo("Idempotency-Key"));
        assertThat(entries(project)).isZero();
    }

    private static ExtractableResponse<Response> appendWithKey(String project, String key, String body) {
        return given().queryParam("project", project).contentType("application/json").header("Idempotency-Key", key)
                .body(body).when().post("/v1/devstate/history").then().extract();
    }

    private static ExtractableResponse<Response> putWithKey(String project, String key, String body) {
        return given().queryParam("project", project).contentType("application/json").header("Idempotency-Key", key)
                .body(body).when().put("/v1/devstate/state").then().extract();
    }

    private static int entries(String project) {
        return given().queryParam("project", project).when().get("/v1/devstate/verify")
                .then().statusCode(200).extract().path("verified");
    }
}
