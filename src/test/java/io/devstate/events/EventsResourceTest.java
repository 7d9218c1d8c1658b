package io.devstate.events;

import static io.devstate.testsupport.Fixtures.append;
import static io.devstate.testsupport.Fixtures.newProject;
import static io.devstate.testsupport.Fixtures.putState;
import static io.devstate.testsupport.Fixtures.validState;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;

import io.devstate.testsupport.EventStream;
import io.devstate.testsupport.EventStream.Event;
import io.devstate.testsupport.LocalPostgres;
import io.devstate.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
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
        int total = 10_000;
        int writers = 4;
        CompletableFuture<?>[] burst = new CompletableFuture<?>[writers];
        for (int w = 0; w < writers; w++) {
            int writer = w;
            burst[w] = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < total / writers; i++) {
                    append(project, "agent-" + writer, "burst", "{\"i\":" + i + "}");
                }
            });
        }
        // Dropped after 4,000 events, while the burst goes on; the second subscriber resumes from there.
        List<Event> first = read(project, null, 4_000);
        List<Event> rest = read(project, first.get(first.size() - 1).id(), total - 4_000);
        CompletableFuture.allOf(burst).get(180, java.util.concurrent.TimeUnit.SECONDS);

        List<Long> seqs = new ArrayList<>();
        first.forEach(event -> seqs.add(Long.parseLong(event.id())));
        rest.forEach(event -> seqs.add(Long.parseLong(event.id())));
        assertThat(seqs).hasSize(total);
        for (int i = 0; i < total; i++) {
            assertThat(seqs.get(i)).as("event %d", i).isEqualTo(i + 1L);
        }
    }

    @Test
    void aStateEventComesBeforeTheEntryOfEachStateWriteWithItsVersionAlsoOnAResume() throws Exception {
        String project = newProject("events-state");
        append(project, "agent", "build", null);
        String firstChecksum = putState(project, validState("CP1-EV")).extract().path("checksum");
        CompletableFuture<List<Event>> subscriber = reading(project, null, 6);
        Thread.sleep(300);
        append(project, "agent", "review", null);
        String secondChecksum = putState(project, validState("CP2-EV")).extract().path("checksum");

        // entry 1, state v1 + entry 2 (history), entry 3, state v2 + entry 4 (live)
        List<Event> events = subscriber.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(events).extracting(Event::name).containsExactly("entry", "state", "entry", "entry", "state", "entry");
        assertThat(events).extracting(Event::id).containsExactly("1", null, "2", "3", null, "4");
        JsonNode first = events.get(1).data();
        assertThat(first.get("seq").asLong()).isEqualTo(2);
        assertThat(first.get("version").asLong()).isEqualTo(1);
        assertThat(first.get("checksum").asText()).isEqualTo(firstChecksum);
        JsonNode second = events.get(4).data();
        assertThat(second.get("seq").asLong()).isEqualTo(4);
        assertThat(second.get("version").asLong()).isEqualTo(2);
        assertThat(second.get("checksum").asText()).isEqualTo(secondChecksum);
        assertThat(events.get(5).data().get("state_checksum").asText()).isEqualTo(secondChecksum);

        // Resuming after entry 3 (not at the start): the version is counted from the database.
        List<Event> resumed = read(project, "3", 2);
        assertThat(resumed).extracting(Event::name).containsExactly("state", "entry");
        assertThat(resumed.get(0).data().get("version").asLong()).isEqualTo(2);
        given().queryParam("project", project).when().get("/v1/devstate/state").then()
                .body("version", equalTo(2));
    }

    @Test
    void locksAcquiredReleasedAndExpiredAreLiveEventsWithoutTheLockId() throws Exception {
        String project = newProject("events-locks");
        CompletableFuture<List<Event>> subscriber = reading(project, null, 4);
        Thread.sleep(300);
        String deploy = given().contentType("application/json").queryParam("project", project)
                .body("{\"scope\":\"deploy\",\"ttl_sec\":30,\"owner\":\"ci\"}")
                .when().post("/v1/devstate/locks").then().statusCode(201).extract().path("lock_id");
        given().queryParam("project", project).when().delete("/v1/devstate/locks/" + deploy).then().statusCode(204);
        given().contentType("application/json").queryParam("project", project)
                .body("{\"scope\":\"review\",\"ttl_sec\":1,\"owner\":\"agent-7\"}")
                .when().post("/v1/devstate/locks").then().statusCode(201);

        // The expired one is removed (and announced) by the cleanup (%test: every second).
        List<Event> events = subscriber.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(events).extracting(Event::name).containsOnly("lock");
        assertThat(events).extracting(Event::id).containsOnlyNulls();
        assertThat(events).extracting(event -> event.data().get("change").asText())
                .containsExactly("acquired", "released", "acquired", "expired");
        JsonNode acquired = events.get(0).data();
        assertThat(acquired.get("project").asText()).isEqualTo(project);
        assertThat(acquired.get("scope").asText()).isEqualTo("deploy");
        assertThat(acquired.get("owner").asText()).isEqualTo("ci");
        assertThat(acquired.get("fencing_token").asLong()).isEqualTo(1);
        assertThat(java.time.Instant.parse(acquired.get("expires_at").asText())).isAfter(java.time.Instant.now());
        assertThat(acquired.toString()).doesNotContain(deploy);
        assertThat(events.get(3).data().get("owner").asText()).isEqualTo("agent-7");
    }

    @Test
    void entriesWhoseAnnouncementsWereLostStillArriveByTheFeedsOwnHeadRead() throws Exception {
        String project = newProject("events-lost");
        append(project, "agent", "build", null);
        CompletableFuture<List<Event>> subscriber = reading(project, null, 3);
        Thread.sleep(300); // caught up: waiting for an announcement
        try (Connection admin = LocalPostgres.shared().superuserConnection(); Statement sql = admin.createStatement()) {
            // The listener is cut off and cannot come back (no new connection for the role) while
            // two entries are appended: their announcements reach nobody here.
            sql.execute("select pg_terminate_backend(pid) from pg_stat_activity where application_name like '"
                    + LISTENER + "%'");
            sql.execute("alter role " + LocalPostgres.USER + " connection limit 0");
            try {
                append(project, "agent", "review", null);
                append(project, "agent", "deploy", null);
                List<Event> events = subscriber.get(15, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(events).extracting(Event::id).containsExactly("1", "2", "3");
                assertThat(listeners(sql)).as("the listener was still away").isZero();
            } finally {
                sql.execute("alter role " + LocalPostgres.USER + " connection limit -1");
            }
            for (int i = 0; i < 100 && listeners(sql) == 0; i++) {
                Thread.sleep(100); // back before the next test, which counts on announcements again
            }
        }
    }

    @Test
    void aForgedAnnouncementWithEntriesIsNotDelivered() throws Exception {
        String project = newProject("events-forged");
        append(project, "agent", "build", null);
        CompletableFuture<List<Event>> subscriber = reading(project, null, 2);
        Thread.sleep(300);
        try (Connection admin = LocalPostgres.shared().superuserConnection(); Statement sql = admin.createStatement()) {
            // Anyone who may connect can NOTIFY: entries without the chain key's MAC are not believed.
            String forged = project + " 2\n" + KEY_ID + " " + "0".repeat(64) + "\n[[2,\"2026-12-07T12:00:00.000001Z\","
                    + "\"mallory\",\"forged\",\"" + "f".repeat(64) + "\",null]]";
            sql.execute("select pg_notify('devstate_chain', '" + forged.replace("'", "''") + "')");
        }
        Thread.sleep(300);
        append(project, "agent", "real", null);
        List<Event> events = subscriber.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(events).extracting(event -> event.data().get("action").asText()).containsExactly("build", "real");
    }

    /** The test profile's chain key (any kid: a forged MAC fails either way). */
    private static final String KEY_ID = "k1";

    private static final String LISTENER = "devstate-listener ";

    private static int listeners(Statement sql) throws java.sql.SQLException {
        try (ResultSet rows = sql.executeQuery(
                "select count(*) from pg_stat_activity where application_name like '" + LISTENER + "%'")) {
            rows.next();
            return rows.getInt(1);
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

    /** The feed of every project, keeping only the events of {@code projects} (other tests' locks may expire meanwhile). */
    private static CompletableFuture<List<Event>> readingEveryProject(int count, String... projects) {
        List<String> ours = List.of(projects);
        return CompletableFuture.supplyAsync(() -> {
            try {
                return EventStream.read("http://127.0.0.1:" + RestAssured.port, "*", null, count,
                        event -> event.data().has("project") && ours.contains(event.data().get("project").asText()),
                        event -> { });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void theFeedOfEveryProjectHasEachProjectsNewChangesInOrderWithoutIds() throws Exception {
        String alpha = newProject("events-all-a");
        String beta = newProject("events-all-b");
        append(alpha, "agent", "build", null); // before the feed opens: not replayed
        CompletableFuture<List<Event>> subscriber = readingEveryProject(6, alpha, beta);
        Thread.sleep(300);
        append(alpha, "agent", "review", null);
        String checksum = putState(beta, validState("CP1-ALL")).extract().path("checksum");
        append(alpha, "agent", "deploy", null);
        String lock = given().contentType("application/json").queryParam("project", beta)
                .body("{\"scope\":\"deploy\",\"ttl_sec\":30,\"owner\":\"ci\"}")
                .when().post("/v1/devstate/locks").then().statusCode(201).extract().path("lock_id");
        append(beta, "agent", "note", null);

        List<Event> events = subscriber.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(events).extracting(Event::id).containsOnlyNulls();
        assertThat(events.stream().filter(event -> event.data().get("project").asText().equals(alpha)))
                .extracting(event -> event.name() + " " + event.data().get("seq").asLong())
                .containsExactly("entry 2", "entry 3");
        assertThat(events.stream().filter(event -> event.data().get("project").asText().equals(beta)))
                .extracting(Event::name).containsExactly("state", "entry", "lock", "entry");
        Event state = events.stream().filter(event -> event.name().equals("state")).findFirst().orElseThrow();
        assertThat(state.data().get("version").asLong()).isEqualTo(1);
        assertThat(state.data().get("checksum").asText()).isEqualTo(checksum);
        assertThat(events.toString()).doesNotContain(lock);
    }

    @Test
    void theFeedOfEveryProjectReadsEveryHeadAgainAfterItsListenerWasAway() throws Exception {
        String project = newProject("events-all-lost");
        append(project, "agent", "build", null);
        CompletableFuture<List<Event>> subscriber = readingEveryProject(2, project);
        Thread.sleep(300);
        try (Connection admin = LocalPostgres.shared().superuserConnection(); Statement sql = admin.createStatement()) {
            sql.execute("select pg_terminate_backend(pid) from pg_stat_activity where application_name like '"
                    + LISTENER + "%'");
            sql.execute("alter role " + LocalPostgres.USER + " connection limit 0");
            try {
                append(project, "agent", "review", null); // announced to nobody here
                append(project, "agent", "deploy", null);
                Thread.sleep(1_500);
                assertThat(listeners(sql)).as("the listener was still away").isZero();
            } finally {
                sql.execute("alter role " + LocalPostgres.USER + " connection limit -1");
            }
            // Back, the feed reads every head and finds the two entries it was not told of.
            List<Event> events = subscriber.get(15, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(events).extracting(event -> event.data().get("seq").asLong()).containsExactly(2L, 3L);
            for (int i = 0; i < 100 && listeners(sql) == 0; i++) {
                Thread.sleep(100);
            }
        }
    }

    @Test
    void theFeedOfEveryProjectIsLiveOnly() {
        given().queryParam("project", "*").queryParam("after", "3").when().get("/v1/devstate/events").then()
                .statusCode(400).body("field", equalTo("after"));
        given().queryParam("project", "*").header("Last-Event-ID", "3").when().get("/v1/devstate/events").then()
                .statusCode(400).body("field", equalTo("Last-Event-ID"));
        given().queryParam("project", "**").when().get("/v1/devstate/events").then()
                .statusCode(400).body("field", equalTo("project"));
    }

    @Test
    void malformedPositionsAreBadRequests() {
        given().queryParam("after", "x").when().get("/v1/devstate/events").then().statusCode(400)
                .body("field", equalTo("after"));
        given().header("Last-Event-ID", "-1").when().get("/v1/devstate/events").then().statusCode(400)
                .body("field", equalTo("Last-Event-ID"));
    }
}
