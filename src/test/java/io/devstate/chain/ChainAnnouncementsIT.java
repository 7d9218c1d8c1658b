package io.devstate.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.devstate.testsupport.EventStream;
import io.devstate.testsupport.Fixtures;
import io.devstate.testsupport.LocalPostgres;
import io.devstate.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The packaged service (JVM jar or native executable: its JSON of the announced entries must work
 * in both) announces a commit's entries with their MAC, and its change feed hands announced
 * entries on without reading them back: an entry announced under the service's key but never
 * written reaches the subscriber, which only the announcement can have told it.
 */
@QuarkusIntegrationTest
@WithTestResource(PostgresResource.class)
@WithTestResource(ChainAnnouncementsIT.Key.class)
class ChainAnnouncementsIT {

    private static final String KID = "k1";
    private static final String SECRET = "announcements-it-secret-4b1e07c9";

    public static class Key implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("devstate.hmac.keys", KID + ":" + SECRET);
        }

        @Override
        public void stop() {
            // nothing to stop
        }
    }

    @Test
    void aCommitAnnouncesItsEntriesAndTheFeedHandsOnWhatIsAnnounced() throws Exception {
        String project = Fixtures.newProject("announced");
        try (Connection listener = LocalPostgres.shared().superuserConnection(); Statement sql = listener.createStatement()) {
            sql.execute("listen " + ChainWriter.CHANGES_CHANNEL);
            Fixtures.append(project, "alice", "build", null);
            String payload = awaitPayload(listener.unwrap(PGConnection.class), project);
            String[] lines = payload.split("\n");
            assertThat(lines).hasSize(3);
            assertThat(lines[0]).isEqualTo(project + " 1");
            assertThat(lines[1]).startsWith(KID + " ");
            assertThat(lines[2]).contains("\"alice\"", "\"build\"");

            CompletableFuture<List<EventStream.Event>> subscriber = CompletableFuture.supplyAsync(() -> {
                try {
                    return EventStream.read("http://127.0.0.1:" + RestAssured.port, project, "1", 1, event -> { });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(500);
            ChainAnnouncements ours = new ChainAnnouncements(new Keyring(KID, SECRET));
            ChainEntry onlyAnnounced = new ChainEntry(project, 2, "2026-12-07T12:00:00.000001Z", "bob", "only-announced",
                    null, null, null, null, KID, "0".repeat(64), "e".repeat(64));
            String announcement = ours.payload(project, new ChainHead(2, onlyAnnounced.hmac()), KID, List.of(onlyAnnounced));
            try (var notify = listener.prepareStatement("select pg_notify(?, ?)")) {
                notify.setString(1, ChainWriter.CHANGES_CHANNEL);
                notify.setString(2, announcement);
                notify.execute();
            }
            List<EventStream.Event> events = subscriber.get(10, TimeUnit.SECONDS);
            assertThat(events.get(0).id()).isEqualTo("2");
            assertThat(events.get(0).data().get("action").asText()).isEqualTo("only-announced");
        }
    }

    private static String awaitPayload(PGConnection listener, String project) throws Exception {
        for (int i = 0; i < 50; i++) {
            PGNotification[] arrived = listener.getNotifications(200);
            if (arrived != null) {
                for (PGNotification notification : arrived) {
                    if (notification.getParameter().startsWith(project + " ")) {
                        return notification.getParameter();
                    }
                }
            }
        }
        throw new AssertionError("no announcement for " + project + " within 10 s");
    }
}
