package io.devstate.state;

import static io.devstate.testsupport.Fixtures.newProject;
import static io.devstate.testsupport.Fixtures.putState;
import static io.devstate.testsupport.Fixtures.transactionsOf;
import static io.devstate.testsupport.Fixtures.validState;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.devstate.chain.ChainWriter;
import io.devstate.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.smallrye.mutiny.Uni;

import jakarta.inject.Inject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** State updates that wait for the project's transaction share the next one; a refused one fails alone. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class StateGroupCommitTest {

    private static final String STALE = "\"sha256:" + "0".repeat(64) + "\"";

    @Inject
    ChainWriter writer;

    private final HttpClient http = HttpClient.newHttpClient();

    private CompletableFuture<HttpResponse<String>> patch(String project, String body, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/v1/devstate/state?project=" + project))
                .header("Content-Type", "application/merge-patch+json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitWaiting(String project, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (writer.waiting(project) < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(writer.waiting(project)).isEqualTo(count);
    }

    @Test
    void refusedUpdatesOfABatchFailAloneWhileTheOthersCommitTogether() throws InterruptedException {
        String project = newProject("state-batch");
        putState(project, validState("CP0-LC"));
        CompletableFuture<Void> gate = new CompletableFuture<>();
        CompletableFuture<Void> holding = writer.submit(project, batch -> Uni.createFrom().completionStage(gate))
                .subscribeAsCompletionStage();

        CompletableFuture<HttpResponse<String>> first = patch(project, "{\"counter_a\":1}", null);
        CompletableFuture<HttpResponse<String>> stale = patch(project, "{\"counter_x\":1}", STALE);
        CompletableFuture<HttpResponse<String>> invalid = patch(project, "{\"no_drift\":null}", null);
        CompletableFuture<HttpResponse<String>> second = patch(project, "{\"counter_b\":2}", null);
        awaitWaiting(project, 4);
        gate.complete(null);
        holding.orTimeout(10, TimeUnit.SECONDS).join();

        assertThat(stale.join().statusCode()).isEqualTo(412);
        assertThat(invalid.join().statusCode()).isEqualTo(422);
        for (CompletableFuture<HttpResponse<String>> accepted : List.of(first, second)) {
            assertThat(accepted.join().statusCode()).isEqualTo(200);
        }
        given().queryParam("project", project).when().get("/v1/devstate/state")
                .then().statusCode(200)
                .body("version", equalTo(3))
                .body("json.counter_a", equalTo(1))
                .body("json.counter_b", equalTo(2))
                .body("json.no_drift", equalTo(true))
                .body("json.counter_x", nullValue());
        assertThat(transactionsOf(project)).isEqualTo(2);
        given().queryParam("project", project).when().get("/v1/devstate/verify")
                .then().body("ok", equalTo(true)).body("verified", equalTo(3));
    }
}
