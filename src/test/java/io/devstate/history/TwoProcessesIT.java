package io.devstate.history;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.devstate.testsupport.Fixtures;
import io.devstate.testsupport.PostgresResource;
import io.devstate.testsupport.Rfc9162;
import io.devstate.testsupport.ServiceProcess;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;

/**
 * Two packaged service processes on one database: the advisory lock, not the JVM, keeps each
 * project's chain linear. The first process is Quarkus's packaged artifact (the jar, or the native
 * executable after {@code -Dnative}); this test starts the second from the same artifact.
 */
@QuarkusIntegrationTest
@WithTestResource(PostgresResource.class)
class TwoProcessesIT {

    private static final int CLIENTS = 64;
    private static ServiceProcess second;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startSecondProcess() throws Exception {
        second = ServiceProcess.start();
    }

    @AfterAll
    static void stopSecondProcess() {
        if (second != null) {
            second.close();
        }
    }

    private static int port(int process) {
        return process == 0 ? RestAssured.port : second.port();
    }

    private static String base(int process) {
        return "http://127.0.0.1:" + port(process);
    }

    @Test
    void aStateWriteOnOneProcessIsSeenByTheOtherAtOnce() throws InterruptedException {
        String project = Fixtures.newProject("cache");
        given().baseUri("http://127.0.0.1").port(port(0)).contentType("application/json").queryParam("project", project)
                .body(Fixtures.validState("CP1-LC")).when().put("/v1/devstate/state").then().statusCode(200);
        // The second process reads (and caches) version 1, then the first process writes version 2.
        String cached = given().baseUri("http://127.0.0.1").port(port(1)).queryParam("project", project)
                .when().get("/v1/devstate/state").then().statusCode(200).body("version", equalTo(1))
                .extract().header("ETag");
        given().baseUri("http://127.0.0.1").port(port(0)).contentType("application/merge-patch+json")
                .queryParam("project", project).body("{\"current_cp\":\"CP2-LC\"}")
                .when().post("/v1/devstate/state").then().statusCode(200);

        long start = System.nanoTime();
        int seenVersion = 0;
        while (seenVersion != 2 && System.nanoTime() - start < 2_000_000_000L) {
            seenVersion = given().baseUri("http://127.0.0.1").port(port(1)).queryParam("project", project)
                    .header("If-None-Match", cached)
                    .when().get("/v1/devstate/state").then().extract().statusCode() == 304 ? 1 : 2;
            if (seenVersion != 2) {
                Thread.sleep(5);
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(seenVersion).as("the other process still served the old state after %d ms", millis).isEqualTo(2);
        // NOTIFY is delivered on commit; what "at once" means here is bounded by that delivery.
        assertThat(millis).isLessThan(500);
    }

    @Test
    void appendsAndStateUpdatesThroughBothProcessesKeepOneLinearChain() {
        String project = Fixtures.newProject("two-processes");
        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            URI target = URI.create(base(i % 2) + (i % 4 == 3 ? "/v1/devstate/state" : "/v1/devstate/history")
                    + "?project=" + project);
            HttpRequest request = i % 4 == 3
                    ? HttpRequest.newBuilder(target).header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(Fixtures.validState("CP" + i + "-LC"))).build()
                    : HttpRequest.newBuilder(target).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"actor\":\"p" + (i % 2) + "\",\"action\":\"note\",\"metadata\":{\"i\":" + i + "}}"))
                            .build();
            pending.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }

        List<Integer> statuses = pending.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();

        assertThat(statuses).allSatisfy(status -> assertThat(status).isBetween(200, 201));
        for (int process = 0; process < 2; process++) {
            given().baseUri("http://127.0.0.1").port(port(process)).queryParam("project", project)
                    .when().get("/v1/devstate/verify")
                    .then().statusCode(200)
                    .body("ok", equalTo(true))
                    .body("verified", equalTo(CLIENTS));
        }
        given().baseUri("http://127.0.0.1").port(port(1)).queryParam("project", project)
                .when().get("/v1/devstate/state")
                .then().statusCode(200)
                .body("version", equalTo(CLIENTS / 4));
        // Each process keeps the edge of the trees it wrote last: the tree both built is the tree of
        // the entries, whichever wrote each batch.
        String history = given().baseUri("http://127.0.0.1").port(port(0)).queryParam("project", project)
                .when().get("/v1/devstate/export").then().statusCode(200).extract().jsonPath()
                .getMap("files", String.class, String.class).get(".trae/history.json");
        byte[] root = Rfc9162.root(Rfc9162.leavesOfHistoryFile(history));
        for (int process = 0; process < 2; process++) {
            String note = given().baseUri("http://127.0.0.1").port(port(process)).queryParam("project", project)
                    .when().get("/v1/devstate/log/checkpoint").then().statusCode(200).extract().asString();
            assertThat(note).startsWith("devstate.localhost/" + project + "\n" + CLIENTS + "\n"
                    + Base64.getEncoder().encodeToString(root) + "\n\n");
        }
    }
}
