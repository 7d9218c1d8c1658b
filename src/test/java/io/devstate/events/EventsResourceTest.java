package io.devstate.events;

import static io.devstate.testsupport.Fixtures.append;
import static io.devstate.testsupport.Fixtures.newProject;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;

import io.devstate.testsupport.EventStream;
import io.devstate.testsupport.EventStream.Event;
import io.devstate.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

/**
 * GET /v1/devstate/events read as a browser's EventSource reads it: a real HTTP stream, parsed
 * line by line. Entries arrive once each, in order, live and after a reconnect with Last-Event-ID.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class EventsResourceTest {

    private static List<Event> read(String project, String lastEventId, int count) throws Exception {
        return EventStream.read("http://127.0.0.1:" + RestAssured.port, project, lastEventId, count, event -> { });
    }

    private static CompletableFuture<List<Event>> reading(String project, String lastEventId, int count) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return read(project, lastEventId, count);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void theHistoryThenEachNewEntryArrivesOnceInOrder() throws Exception {
        String project = newProject("events");
        append(project, "agent", "build", null);
        append(project, "agent", "review", null);
        CompletableFuture<List<Event>> subscriber = reading(project, null, 4);
        Thread.sleep(300); // subscribed: the next two come from the live tail
        String third = append(project, "agent", "deploy", null).extract().path("hmac");
        append(project, "agent", "note", null);

        List<Event> events = subscriber.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(events).extracting(Event::id).containsExactly("1", "2", "3", "4");
        assertThat(events).extracting(Event::name).containsOnly("entry");
        JsonNode deploy = events.get(2).data();
        assertThat(deploy.get("project").asText()).isEqualTo(project);
        assertThat(deploy.get("seq").asLong()).isEqualTo(3);
        assertThat(deploy.get("action").asText()).isEqualTo("deploy");
        assertThat(deploy.get("hmac").asText()).isEqualTo(third);
        assertThat(deploy.get("checkpoint_size").asLong()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aReconnectWithLastEventIdInTheMiddleOfABurstGetsEverySeqExactlyOnce() throws Exception {
        String project = newProject("events-burst");
        int total = 300;
        CompletableFuture<Void> burst = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < total; i++) {
                append(project, "agent", "burst", "{\"i\":" + i + "}");
            }
        });
        List<Event> first = read(project, null, 100);
        List<Event> rest = read(project, first.get(first.size() - 1).id(), total - 100);
        burst.get(60, java.util.concurrent.TimeUnit.SECONDS);

        List<Long> seqs = new ArrayList<>();
        first.forEach(event -> seqs.add(Long.parseLong(event.id())));
        rest.forEach(event -> seqs.add(Long.parseLong(event.id())));
        assertThat(seqs).hasSize(total);
        for (int i = 0; i < total; i++) {
            assertThat(seqs.get(i)).as("event %d", i).isEqualTo(i + 1L);
        }
    }

    @Test
    void aCallerMayKeepOnlySoManyFeedsOpen() throws Exception {
        String project = newProject("events-cap");
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://127.0.0.1:" + RestAssured.port + "/v1/devstate/events?project=" + project)).build();
        List<java.io.InputStream> open = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) { // %test.devstate.events.max-per-principal
                var response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofInputStream());
                assertThat(response.statusCode()).isEqualTo(200);
                open.add(response.body());
            }
            var refused = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(refused.body()).contains("DEVSTATE_EVENTS_MAX_PER_PRINCIPAL");
        } finally {
            for (java.io.InputStream stream : open) {
                stream.close();
            }
        }
        // Closed feeds are counted out once the service sees the connection go.
        int status = 0;
        for (int i = 0; i < 50 && status != 200; i++) {
            Thread.sleep(100);
            var again = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            status = again.statusCode();
            again.body().close();
        }
        assertThat(status).isEqualTo(200);
    }

    @Test
    void malformedPositionsAreBadRequests() {
        given().queryParam("after", "x").when().get("/v1/devstate/events").then().statusCode(400)
                .body("field", equalTo("after"));
        given().header("Last-Event-ID", "-1").when().get("/v1/devstate/events").then().statusCode(400)
                .body("field", equalTo("Last-Event-ID"));
    }
}
