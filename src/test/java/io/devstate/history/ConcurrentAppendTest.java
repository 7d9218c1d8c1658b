package io.devstate.history;

import static io.devstate.testsupport.Concurrently.appends;
import static io.devstate.testsupport.Concurrently.sendAll;
import static io.devstate.testsupport.Concurrently.uri;
import static io.devstate.testsupport.Fixtures.newProject;
import static io.devstate.testsupport.Fixtures.putState;
import static io.devstate.testsupport.Fixtures.transactionsOf;
import static io.devstate.testsupport.Fixtures.validState;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.devstate.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Many clients at once lose nothing: every 2xx is in the chain, the chain is linear, verify passes. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class ConcurrentAppendTest {

    private static final int CLIENTS = 64;

    @Test
    void parallelAppendsKeepTheChainLinearAndComplete() {
        String project = newProject("race");
        List<HttpResponse<String>> responses = sendAll(appends(project, CLIENTS));

        assertThat(responses).allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(201));
        Set<String> actors = new HashSet<>();
        for (int seq = 1; seq <= CLIENTS; seq++) {
            actors.add(given().queryParam("project", project).when().get("/v1/devstate/history/" + seq)
                    .then().statusCode(200).extract().path("actor"));
        }
        assertThat(actors).hasSize(CLIENTS);
        given().queryParam("project", project).when().get("/v1/devstate/history/" + (CLIENTS + 1))
                .then().statusCode(404);
        // Group commit: the appends that waited for a transaction shared the next one.
        assertThat(transactionsOf(project)).isLessThan(CLIENTS);
        given().queryParam("project", project).when().get("/v1/devstate/verify")
                .then().body("ok", equalTo(true)).body("verified", equalTo(CLIENTS));
    }

    @Test
    void parallelStateUpdatesAreAppliedOneAfterTheOther() {
        String project = newProject("state-race");
        putState(project, validState("CP0-LC"));
        List<HttpRequest> patches = IntStream.range(0, CLIENTS)
                .mapToObj(i -> HttpRequest.newBuilder(uri("/v1/devstate/state", project))
                        .header("Content-Type", "application/merge-patch+json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"counter_" + i + "\":" + i + "}"))
                        .build())
                .toList();

        List<HttpResponse<String>> responses = sendAll(patches);

        assertThat(responses).allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(200));
        var state = given().queryParam("project", project).when().get("/v1/devstate/state")
                .then().statusCode(200)
                .body("version", equalTo(CLIENTS + 1))
                .extract();
        for (int i = 0; i < CLIENTS; i++) {
            assertThat(state.<Integer>path("json.counter_" + i)).isEqualTo(i);
        }
        assertThat(transactionsOf(project)).isLessThan(CLIENTS + 1);
        given().queryParam("project", project).when().get("/v1/devstate/verify")
                .then().body("ok", equalTo(true)).body("verified", equalTo(CLIENTS + 1));
    }

    @Test
    void projectsAreIsolatedAndProceedInParallel() {
        String left = newProject("left");
        String right = newProject("right");
        List<HttpRequest> mixed = new java.util.ArrayList<>(appends(left, CLIENTS / 2));
        mixed.addAll(appends(right, CLIENTS / 2));

        assertThat(sendAll(mixed)).allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(201));

        for (String project : List.of(left, right)) {
            given().queryParam("project", project).when().get("/v1/devstate/verify")
                    .then().body("ok", equalTo(true)).body("verified", equalTo(CLIENTS / 2));
        }
        given().queryParam("project", left).queryParam("limit", 1000).when().get("/v1/devstate/history/search")
                .then().body("items.project.unique()", equalTo(List.of(left)));
    }
}
