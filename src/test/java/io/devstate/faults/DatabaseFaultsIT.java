package io.devstate.faults;

import static io.devstate.faults.ReplicaFaultsIT.millisSince;
import static io.devstate.faults.ReplicaFaultsIT.occurrences;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.devstate.testsupport.Fixtures;
import io.devstate.testsupport.LocalPostgres;
import io.devstate.testsupport.ServiceProcess;

/**
 * The database fails under the service: frozen (SIGSTOP of the whole server), killed (kill -9 of
 * the postmaster), restarted, and the service itself killed mid-load. Each test has a database of
 * its own. What must hold: answers within the deadline instead of hangs, 503 instead of 500,
 * one log line per outage instead of one per request, recovery by itself, and every acknowledged
 * write in a chain that verifies.
 */
class DatabaseFaultsIT {

    static final long REQUEST_TIMEOUT_MILLIS = 2_000;
    static final Map<String, String> SETTINGS = Map.of(
            "devstate.database.request-timeout", REQUEST_TIMEOUT_MILLIS + "ms",
            "devstate.database.acquire-timeout", "1s",
            "devstate.database.health-timeout", "1s",
            "devstate.rate-limit.enabled", "false",
            "devstate.hmac.secret", "database-faults-secret");

    private LocalPostgres db;

    @BeforeEach
    void ownDatabase() {
        db = LocalPostgres.dedicated();
    }

    @AfterEach
    void removeDatabase() {
        if (db != null) {
            try {
                db.signalServer("CONT"); // never leave a frozen server behind
            } catch (RuntimeException notRunning) {
                // already stopped
            }
            db.destroy();
        }
    }

    @Test
    void aStalledDatabaseIsAnswered503WithinTheTimeoutAndAnIdempotentRetryWritesOnce() throws Exception {
        try (ServiceProcess service = ServiceProcess.start(db, SETTINGS)) {
            String project = Fixtures.newProject("stalled");
            String history = "/v1/devstate/history?project=" + project;
            String body = "{\"actor\":\"ci\",\"action\":\"deploy\",\"metadata\":{\"run\":42}}";
            assertThat(Http.post(service, history, "{\"actor\":\"ci\",\"action\":\"build\"}").status()).isEqualTo(201);

            Http.Answer append;
            Http.Answer search;
            Http.Answer ready;
            db.signalServer("STOP");
            try {
                append = Http.post(service, history, body, "Idempotency-Key", "deploy-42");
                search = Http.get(service, "/v1/devstate/history/search?project=" + project);
                ready = Http.get(service, "/q/health/ready");
            } finally {
                db.signalServer("CONT");
            }

            for (Http.Answer answer : List.of(append, search)) {
                assertThat(answer.status()).as(answer.body()).isEqualTo(503);
                assertThat(answer.millis()).isLessThan(REQUEST_TIMEOUT_MILLIS + 1_000);
                assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
                assertThat(answer.header("Retry-After")).isNotNull();
            }
            System.out.printf("DatabaseFaultsIT stall: append 503 after %d ms, search 503 after %d ms, readiness DOWN after %d ms%n",
                    append.millis(), search.millis(), ready.millis());
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.millis()).as("readiness DOWN within the health timeout").isLessThan(2_500);

            long resumed = System.nanoTime();
            awaitReady(service);
            System.out.printf("DatabaseFaultsIT stall: ready again %d ms after the server resumed%n", millisSince(resumed));
            Http.Answer retry = Http.post(service, history, body, "Idempotency-Key", "deploy-42");
            assertThat(retry.status()).isEqualTo(201);
            assertThat(Http.get(service, "/v1/devstate/history/search?project=" + project + "&action=deploy")
                    .body()).containsOnlyOnce("\"run\":42");
            assertVerifies(service, project, 2);

            String log = service.log();
            assertThat(occurrences(log, "database unavailable")).as(log).isEqualTo(1);
            assertThat(occurrences(log, "database available again")).as(log).isEqualTo(1);
            assertThat(log).doesNotContain("ERROR").doesNotContain("\tat ");
        }
    }

    @Test
    void aKilledAndARestartedPostmasterUnderLoadGiveOnly503sAndTheServiceRecoversByItself() throws Exception {
        try (ServiceProcess a = ServiceProcess.start(db, SETTINGS); ServiceProcess b = ServiceProcess.start(db, SETTINGS)) {
            String project = Fixtures.newProject("postmaster");
            List<AppendLoad.Sent> sent;
            try (AppendLoad load = new AppendLoad(project, 4, a, b)) {
                Thread.sleep(2_000);
                LocalPostgres.signal(db.postmasterPid(), "KILL");
                Thread.sleep(1_500);
                db.startAfterCrash();
                Thread.sleep(2_500);
                db.restart();
                Thread.sleep(2_500);
                sent = load.stop();
            }

            Map<Integer, Long> statuses = sent.stream()
                    .collect(Collectors.groupingBy(s -> s.answer().status(), Collectors.counting()));
            System.out.printf("DatabaseFaultsIT postmaster: answers by status %s, slowest %d ms%n", statuses,
                    sent.stream().mapToLong(s -> s.answer().millis()).max().orElse(0));
            assertThat(statuses.keySet()).as("answers by status: %s", statuses).containsOnly(201, 503);
            assertThat(statuses.get(503)).as("the outages were seen").isPositive();
            assertThat(statuses.get(201)).isGreaterThan(20);
            assertAcknowledgedAreStored(project, sent);

            for (ServiceProcess replica : List.of(a, b)) {
                awaitReady(replica);
                assertThat(Http.post(replica, "/v1/devstate/history?project=" + project,
                        "{\"actor\":\"after\",\"action\":\"note\"}").status()).isEqualTo(201);
                String log = replica.log();
                assertThat(log).doesNotContain("Result is already complete").doesNotContain("ERROR")
                        .doesNotContain("\tat ");
                assertThat(occurrences(log, "database unavailable")).as(log).isBetween(1, 4);
            }
            assertVerifies(a, project, stored(project).size());
            assertVerifies(b, project, stored(project).size());
        }
    }

    @Test
    void aServiceKilledMidLoadLosesNoAcknowledgedWrite() throws Exception {
        String project = Fixtures.newProject("killed-service");
        List<AppendLoad.Sent> sent;
        ServiceProcess victim = ServiceProcess.start(db, SETTINGS);
        try (AppendLoad load = new AppendLoad(project, 8, victim)) {
            Thread.sleep(2_000);
            victim.kill();
            sent = load.stop();
        } finally {
            victim.close();
        }
        assertThat(sent.stream().filter(s -> s.answer().status() == 201).count()).isGreaterThan(20);
        assertThat(sent.stream().map(s -> s.answer().status())).as("only answers and refused connections")
                .allSatisfy(status -> assertThat(status).isIn(0, 201));
        assertAcknowledgedAreStored(project, sent);
        try (ServiceProcess next = ServiceProcess.start(db, SETTINGS)) {
            assertVerifies(next, project, stored(project).size());
        }
    }

    /** Every 201 names an entry that is in the database with exactly that seq and hmac. */
    private void assertAcknowledgedAreStored(String project, List<AppendLoad.Sent> sent) throws Exception {
        Map<Integer, Stored> rows = stored(project);
        for (AppendLoad.Sent s : sent) {
            if (s.answer().status() == 201) {
                assertThat(rows).as("acknowledged append n=%d", s.n()).containsKey(s.n());
                assertThat(rows.get(s.n())).isEqualTo(new Stored(s.answer().number("seq"), s.answer().text("hmac")));
            }
        }
    }

    private record Stored(long seq, String hmac) {
    }

    /** The project's stored entries by the {@code n} in their metadata (entries without one: -seq). */
    private Map<Integer, Stored> stored(String project) throws Exception {
        Map<Integer, Stored> rows = new HashMap<>();
        try (Connection c = db.connection();
                PreparedStatement q = c.prepareStatement("select coalesce((metadata->>'n')::int, -seq::int), seq, hmac"
                        + " from history_entries where project = ?")) {
            q.setString(1, project);
            try (ResultSet found = q.executeQuery()) {
                while (found.next()) {
                    rows.put(found.getInt(1), new Stored(found.getLong(2), found.getString(3)));
                }
            }
        }
        return rows;
    }

    private static void assertVerifies(ServiceProcess service, String project, int entries) {
        Http.Answer verify = Http.get(service, "/v1/devstate/verify?project=" + project);
        assertThat(verify.status()).isEqualTo(200);
        assertThat(verify.body()).contains("\"ok\":true").contains("\"verified\":" + entries + ",");
    }

    private static void awaitReady(ServiceProcess service) throws InterruptedException {
        long start = System.nanoTime();
        while (Http.get(service, "/q/health/ready").status() != 200) {
            assertThat(millisSince(start)).as("%s not ready again", service.baseUri()).isLessThan(30_000);
            Thread.sleep(200);
        }
    }
}
