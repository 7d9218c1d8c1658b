package io.devstate.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.devstate.state.StateChanges;
import io.devstate.testsupport.Fixtures;
import io.devstate.testsupport.LocalPostgres;
import io.devstate.testsupport.ServiceProcess;

/**
 * Two replicas on one database of their own, as the Deployment runs them: how stale a replica's
 * cached state can be when its notification channel fails (lost and not reconnecting, or frozen
 * without any error), and read-your-writes across replicas with {@code DevState-Min-Version}.
 */
class ReplicaFaultsIT {

    static final long BOUND_MILLIS = 1000;
    /** Heartbeat period (bound / 4), scheduling and a read's own time on 2 busy cores. */
    static final long SLACK_MILLIS = 700;
    static final Map<String, String> SETTINGS = Map.of(
            "devstate.state.cache-staleness-bound", BOUND_MILLIS + "ms",
            "devstate.rate-limit.enabled", "false",
            "devstate.hmac.secret", "replica-faults-secret");

    private static LocalPostgres db;
    private static ServiceProcess a;
    private static ServiceProcess b;

    @BeforeAll
    static void startReplicas() throws Exception {
        db = LocalPostgres.dedicated();
        a = ServiceProcess.start(db, SETTINGS);
        b = ServiceProcess.start(db, SETTINGS);
    }

    @AfterAll
    static void stopReplicas() {
        for (ServiceProcess replica : new ServiceProcess[] { a, b }) {
            if (replica != null) {
                replica.close();
            }
        }
        if (db != null) {
            db.destroy();
        }
    }

    @Test
    void aListenConnectionLostAndUnableToReconnectStopsTheCacheAtOnce() throws Exception {
        String project = Fixtures.newProject("lost-listener");
        String path = "/v1/devstate/state?project=" + project;
        cacheVersionOneOnA(path);

        try (Connection admin = db.superuserConnection(); Statement sql = admin.createStatement()) {
            // The role's connection limit leaves no room for a new connection: A cannot reconnect.
            int connections = count(sql, "select count(*) from pg_stat_activity where usename = 'devstate'");
            sql.execute("alter role devstate connection limit " + (connections - 1));
            try {
                sql.execute("select pg_terminate_backend(pid) from pg_stat_activity where application_name = '"
                        + listenerName(a) + "'");
                assertThat(Http.put(b, path, Fixtures.validState("CP2-LC")).number("version")).isEqualTo(2);

                // Reads for twice the bound while A cannot reconnect: after the bound, never version 1.
                List<long[]> reads = readFor(a, path, 2 * BOUND_MILLIS + SLACK_MILLIS);

                List<String> stale = reads.stream().filter(read -> read[1] != 2 && read[0] > BOUND_MILLIS + SLACK_MILLIS)
                        .map(read -> "v" + read[1] + " after " + read[0] + " ms").toList();
                assertThat(stale).as("stale reads on A past the bound").isEmpty();
                assertThat(reads.get(reads.size() - 1)[1]).isEqualTo(2);
                assertThat(Http.metric(a, "devstate_state_cache_live")).isEqualTo(0.0);
            } finally {
                sql.execute("alter role devstate connection limit -1");
            }
        }
        awaitCacheInUse(a);
        assertThat(occurrences(a.log(), "state cache bypassed")).isGreaterThanOrEqualTo(1);
        assertThat(a.log()).contains("state cache in use again");
    }

    @Test
    void aFrozenListenConnectionStopsTheCacheWithinTheBound() throws Exception {
        String project = Fixtures.newProject("frozen-listener");
        String path = "/v1/devstate/state?project=" + project;
        cacheVersionOneOnA(path);

        long listener;
        try (Connection admin = db.superuserConnection(); Statement sql = admin.createStatement()) {
            listener = count(sql, "select pid from pg_stat_activity where application_name = '" + listenerName(a) + "'");
        }
        // No error anywhere: the connection stays open, it just delivers nothing.
        LocalPostgres.signal(listener, "STOP");
        try {
            assertThat(Http.put(b, path, Fixtures.validState("CP2-LC")).number("version")).isEqualTo(2);
            long written = System.nanoTime();
            long staleFor = -1;
            List<Long> versions = new ArrayList<>();
            while (millisSince(written) < BOUND_MILLIS + 2_000) {
                long version = Http.get(a, path).number("version");
                versions.add(version);
                if (version == 2 && staleFor < 0) {
                    staleFor = millisSince(written);
                }
                assertThat(version == 2 || staleFor < 0).as("stale again after fresh: %s", versions).isTrue();
                Thread.sleep(20);
            }
            assertThat(staleFor).as("A served version 1 past the bound: %s", versions).isBetween(0L,
                    BOUND_MILLIS + SLACK_MILLIS);
        } finally {
            LocalPostgres.signal(listener, "CONT");
        }
        awaitCacheInUse(a);
    }

    @Test
    void readersPresentingTheirOwnVersionNeverSeeAnOlderStateAndOthersCatchUpWithinTheBound() throws Exception {
        String project = Fixtures.newProject("read-your-writes");
        String path = "/v1/devstate/state?project=" + project;
        awaitCacheInUse(a);
        awaitCacheInUse(b);
        int rounds = 150;
        int belowMinimum = 0;
        int staleWithout = 0;
        long longestStale = 0;
        // Appends through both replicas meanwhile, as in production: notifications then take longer.
        AppendLoad background = new AppendLoad(Fixtures.newProject("background"), 4, a, b);
        try {
            for (int round = 0; round < rounds; round++) {
                ServiceProcess writer = round % 2 == 0 ? a : b;
                ServiceProcess reader = writer == a ? b : a;
                Http.Answer written = Http.put(writer, path, Fixtures.validState("CP" + (round + 1) + "-LC"));
                assertThat(written.status()).isEqualTo(200);
                long version = written.number("version");
                long writtenAt = System.nanoTime();

                // Half the rounds read with the header first, half without: each right after the write.
                if (round % 4 < 2) {
                    belowMinimum += ownWriteMissing(reader, path, version);
                }
                // Without the header a reader may see the previous state, but not for longer than the bound.
                while (Http.get(reader, path).number("version") < version) {
                    staleWithout++;
                    longestStale = Math.max(longestStale, millisSince(writtenAt));
                    assertThat(millisSince(writtenAt)).isLessThan(BOUND_MILLIS + SLACK_MILLIS);
                    Thread.sleep(2);
                }
                if (round % 4 >= 2) {
                    belowMinimum += ownWriteMissing(reader, path, version);
                }
            }
        } finally {
            background.close();
        }
        assertThat(belowMinimum).as("reads below their DevState-Min-Version").isZero();
        System.out.printf("ReplicaFaultsIT: %d rounds, %d stale reads without the header (longest %d ms)%n", rounds,
                staleWithout, longestStale);
    }

    @Test
    void whileNotificationsAreDelayedOnlyReadersPresentingTheirVersionSeeTheirWrite() throws Exception {
        String project = Fixtures.newProject("delayed-notifications");
        String path = "/v1/devstate/state?project=" + project;
        assertThat(Http.put(a, path, Fixtures.validState("CP1-LC")).status()).isEqualTo(200);
        awaitCacheInUse(a);
        awaitCacheInUse(b);
        List<Long> listeners = new ArrayList<>();
        try (Connection admin = db.superuserConnection(); Statement sql = admin.createStatement()) {
            for (ServiceProcess replica : List.of(a, b)) {
                listeners.add((long) count(sql, "select pid from pg_stat_activity where application_name = '"
                        + listenerName(replica) + "'"));
            }
        }
        Http.get(a, path);
        Http.get(b, path);
        int rounds = 0;
        int stale = 0;
        int belowMinimum = 0;
        // Notifications are held back (both listener backends frozen) for less than the bound, as
        // on a busy database: caches stay in use and miss the other replica's writes meanwhile.
        listeners.forEach(pid -> LocalPostgres.signal(pid, "STOP"));
        long frozen = System.nanoTime();
        try {
            while (millisSince(frozen) < BOUND_MILLIS / 2) {
                // One writer, one reader: a replica's own write would evict its cache.
                ServiceProcess writer = a;
                ServiceProcess reader = b;
                long version = Http.put(writer, path, Fixtures.validState("CP" + (rounds + 2) + "-LC")).number("version");
                if (Http.get(reader, path).number("version") < version) {
                    stale++;
                }
                belowMinimum += ownWriteMissing(reader, path, version);
                rounds++;
            }
        } finally {
            listeners.forEach(pid -> LocalPostgres.signal(pid, "CONT"));
        }
        System.out.printf("ReplicaFaultsIT delayed notifications: %d rounds, %d stale without the header, %d with it%n",
                rounds, stale, belowMinimum);
        assertThat(stale).as("reads without the header saw the previous state (the scenario happened)").isPositive();
        assertThat(belowMinimum).as("reads below their DevState-Min-Version").isZero();
    }

    /** Version 1 written through A and read there, so A's cache holds it. */
    private static void cacheVersionOneOnA(String path) throws InterruptedException {
        assertThat(Http.put(a, path, Fixtures.validState("CP1-LC")).status()).isEqualTo(200);
        awaitCacheInUse(a);
        assertThat(Http.get(a, path).number("version")).isEqualTo(1);
    }

    private static int ownWriteMissing(ServiceProcess reader, String path, long version) {
        Http.Answer own = Http.get(reader, path, "DevState-Min-Version", Long.toString(version));
        assertThat(own.status()).isEqualTo(200);
        return own.number("version") < version ? 1 : 0;
    }

    /** {ms since the start, version} of every read. */
    private static List<long[]> readFor(ServiceProcess replica, String path, long millis) throws InterruptedException {
        List<long[]> reads = new ArrayList<>();
        long start = System.nanoTime();
        while (millisSince(start) < millis) {
            long version = Http.get(replica, path).number("version");
            reads.add(new long[] { millisSince(start), version });
            Thread.sleep(50);
        }
        return reads;
    }

    static void awaitCacheInUse(ServiceProcess replica) throws InterruptedException {
        long start = System.nanoTime();
        while (Http.metric(replica, "devstate_state_cache_live") != 1.0) {
            assertThat(millisSince(start)).as("the cache of %s never came into use", replica.baseUri()).isLessThan(15_000);
            Thread.sleep(100);
        }
    }

    private static String listenerName(ServiceProcess replica) {
        return StateChanges.listenerName(replica.port());
    }

    private static int count(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            if (!rows.next()) {
                throw new AssertionError("no row: " + query);
            }
            return rows.getInt(1);
        }
    }

    static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
