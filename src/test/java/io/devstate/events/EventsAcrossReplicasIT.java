package io.devstate.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.devstate.testsupport.EventStream;
import io.devstate.testsupport.Fixtures;
import io.devstate.testsupport.PostgresResource;
import io.devstate.testsupport.ServiceProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two packaged service processes on one database: entries appended on one reach a subscriber of
 * the other through PostgreSQL's NOTIFY, every one exactly once, in order, and fast — faster than
 * the 2 s after which a waiting subscriber would look in the database by itself, which is what
 * shows the announcement (not that fallback) delivered them. Prints the delivery latencies.
 */
@QuarkusIntegrationTest
@WithTestResource(PostgresResource.class)
@WithTestResource(EventsAcrossReplicasIT.Unlimited.class)
class EventsAcrossReplicasIT {

    /** Hundreds of appends in seconds: the writes' rate limit (120 a minute) is not what is tested here. */
    public static class Unlimited implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("devstate.rate-limit.enabled", "false");
        }

        @Override
        public void stop() {
            // nothing to stop
        }
    }

    private static final int ENTRIES = 200;
    private static ServiceProcess second;

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

    @Test
    void entriesAppendedOnOneReplicaReachASubscriberOfTheOtherOnceInOrder() throws Exception {
        String project = Fixtures.newProject("events-replicas");
        given().contentType("application/json").queryParam("project", project)
                .body("{\"actor\":\"agent\",\"action\":\"start\"}").when().post("/v1/devstate/history")
                .then().statusCode(201);
        Map<Long, Long> received = new ConcurrentHashMap<>();
        CompletableFuture<List<EventStream.Event>> subscriber = CompletableFuture.supplyAsync(() -> {
            try {
                return EventStream.read("http://127.0.0.1:" + second.port(), project, "1", ENTRIES,
                        event -> received.put(Long.parseLong(event.id()), event.receivedNanos()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500); // subscribed on the second process before the first writes

        Map<Long, Long> acknowledged = new ConcurrentHashMap<>();
        for (int i = 0; i < ENTRIES; i++) {
            long seq = given().baseUri("http://127.0.0.1").port(RestAssured.port).contentType("application/json")
                    .queryParam("project", project).body("{\"actor\":\"agent\",\"action\":\"note\"}")
                    .when().post("/v1/devstate/history").then().statusCode(201).extract().<Integer>path("seq");
            acknowledged.put(seq, System.nanoTime());
            Thread.sleep(10); // about 100 appends/s: each one is its own commit and announcement
        }
        List<EventStream.Event> events = subscriber.get(60, TimeUnit.SECONDS);

        assertThat(events).extracting(EventStream.Event::id)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(2, ENTRIES + 1)
                        .mapToObj(Long::toString).toList());
        List<Double> latencies = new ArrayList<>();
        acknowledged.forEach((seq, acked) -> latencies.add(Math.max(0, received.get(seq) - acked) / 1e6));
        latencies.sort(Double::compare);
        double p95 = latencies.get((int) Math.ceil(latencies.size() * 0.95) - 1);
        double max = latencies.get(latencies.size() - 1);
        System.out.printf("EventsAcrossReplicasIT: %d entries, delivery to the other replica after the append's "
                + "answer: p50 %.1f ms, p95 %.1f ms, max %.1f ms%n", ENTRIES, latencies.get(latencies.size() / 2), p95, max);
        assertThat(p95).as("p95 delivery latency in ms (a notification lost would cost up to 2,000)").isLessThan(1000);
    }

    @Test
    void stateAndLockEventsOfOneReplicaReachASubscriberOfTheOther() throws Exception {
        String project = Fixtures.newProject("events-kinds");
        CompletableFuture<List<EventStream.Event>> subscriber = CompletableFuture.supplyAsync(() -> {
            try {
                return EventStream.read("http://127.0.0.1:" + second.port(), project, null, 4, event -> { });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500);
        String lockId = given().contentType("application/json").queryParam("project", project)
                .body("{\"scope\":\"state\",\"ttl_sec\":30,\"owner\":\"agent-3\"}")
                .when().post("/v1/devstate/locks").then().statusCode(201).extract().path("lock_id");
        String checksum = given().contentType("application/json").queryParam("project", project)
                .header("DevState-Lock", lockId).body(Fixtures.validState("CP1-LC"))
                .when().put("/v1/devstate/state").then().statusCode(200).extract().path("checksum");
        given().queryParam("project", project).when().delete("/v1/devstate/locks/" + lockId).then().statusCode(204);

        List<EventStream.Event> events = subscriber.get(30, TimeUnit.SECONDS);
        assertThat(events).extracting(EventStream.Event::name).containsExactly("lock", "state", "entry", "lock");
        assertThat(events.get(0).data().get("change").asText()).isEqualTo("acquired");
        assertThat(events.get(0).data().get("owner").asText()).isEqualTo("agent-3");
        assertThat(events.get(1).data().get("version").asLong()).isEqualTo(1);
        assertThat(events.get(1).data().get("checksum").asText()).isEqualTo(checksum);
        assertThat(events.get(2).id()).isEqualTo("1");
        assertThat(events.get(3).data().get("change").asText()).isEqualTo("released");
    }

    @Test
    void theFeedOfEveryProjectOnOneReplicaHasTheWritesOfTheOther() throws Exception {
        String alpha = Fixtures.newProject("events-all-a");
        String beta = Fixtures.newProject("events-all-b");
        List<String> ours = List.of(alpha, beta);
        CompletableFuture<List<EventStream.Event>> subscriber = CompletableFuture.supplyAsync(() -> {
            try {
                return EventStream.read("http://127.0.0.1:" + second.port(), "*", null, 5,
                        event -> event.data().has("project") && ours.contains(event.data().get("project").asText()),
                        event -> { });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500);
        Fixtures.append(alpha, "agent", "build", null);
        Fixtures.append(beta, "agent", "build", null);
        String checksum = Fixtures.putState(alpha, Fixtures.validState("CP1-ALL")).extract().path("checksum");
        Fixtures.append(beta, "agent", "review", null);

        List<EventStream.Event> events = subscriber.get(30, TimeUnit.SECONDS);
        assertThat(events).extracting(EventStream.Event::id).containsOnlyNulls();
        assertThat(events).extracting(event -> event.name() + " " + event.data().get("project").asText() + " "
                + event.data().get("seq").asLong())
                .containsExactlyInAnyOrder("entry " + alpha + " 1", "entry " + beta + " 1", "state " + alpha + " 2",
                        "entry " + alpha + " 2", "entry " + beta + " 2");
        int state = events.stream().map(EventStream.Event::name).toList().indexOf("state");
        assertThat(events.get(state).data().get("checksum").asText()).isEqualTo(checksum);
        EventStream.Event itsEntry = events.get(state + 1); // the state event comes right before its entry
        assertThat(itsEntry.name() + " " + itsEntry.data().get("seq").asLong()).isEqualTo("entry 2");
        assertThat(itsEntry.data().get("project").asText()).isEqualTo(alpha);
    }
}
