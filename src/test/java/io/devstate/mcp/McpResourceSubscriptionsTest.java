package io.devstate.mcp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.devstate.security.TokensProfile;
import io.devstate.testsupport.Fixtures;
import io.devstate.testsupport.PostgresResource;
import io.quarkiverse.mcp.server.JsonRpcErrorCodes;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * resources/subscribe over MCP, the changes made through the REST API: the subscriber is told of
 * the resource it subscribed to and of no other, on its GET /mcp stream, which server pings keep
 * open past the HTTP idle timeout. Reads are protected here, so every MCP call carries the viewer
 * token and the concrete resources are held to the role as the templates are.
 */
@QuarkusTest
@TestProfile(McpResourceSubscriptionsTest.ProtectedReadsQuietStreams.class)
@WithTestResource(PostgresResource.class)
class McpResourceSubscriptionsTest {

    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration ARRIVES = Duration.ofSeconds(10);
    private static final Duration NOTHING_MORE = Duration.ofMillis(500);

    /** Tokens, protected reads, a short HTTP idle timeout with pings well within it, no write budget. */
    public static class ProtectedReadsQuietStreams extends TokensProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("devstate.security.protect-reads", "true");
            overrides.put("quarkus.http.idle-timeout", IDLE_TIMEOUT.toSeconds() + "s");
            overrides.put("quarkus.mcp.server.auto-ping-interval", "500ms");
            // The bound test writes to more projects than a minute's budget allows.
            overrides.put("devstate.rate-limit.enabled", "false");
            return overrides;
        }
    }

    private final String project = Fixtures.newProject("subscribed");

    @Test
    void aStateSubscriberIsToldOfThatStateOnly() throws IOException, InterruptedException {
        String other = Fixtures.newProject("unsubscribed");
        writeState(project, "CP1-LC");
        McpSession session = McpSession.open(TokensProfile.VIEWER_TOKEN);
        try (McpNotifications notifications = McpNotifications.open(session)) {
            subscribe(session, ResourceSubscriptions.stateUri(project));
            notifications.settle(NOTHING_MORE);

            // Committed before the state write below, so their notifications, were any sent, would come first.
            append(project);
            writeState(other, "CP1-LC");
            writeState(project, "CP2-LC");

            assertThat(notifications.next(ARRIVES)).isEqualTo(ResourceSubscriptions.stateUri(project));
            assertThat(notifications.next(NOTHING_MORE)).as("the history of the state write is not subscribed").isNull();
        }
        JsonPath read = session.send("resources/read", uri(ResourceSubscriptions.stateUri(project)));
        assertThat(JsonPath.from(read.getString("result.contents[0].text")).getString("json.current_cp"))
                .as("the notification says: read it again").isEqualTo("CP2-LC");
    }

    @Test
    void aHistorySubscriberIsToldOfEachAppendUntilItUnsubscribes() throws IOException, InterruptedException {
        append(project);
        McpSession session = McpSession.open(TokensProfile.VIEWER_TOKEN);
        try (McpNotifications notifications = McpNotifications.open(session)) {
            subscribe(session, ResourceSubscriptions.historyUri(project));
            notifications.settle(NOTHING_MORE);
            append(project);
            assertThat(notifications.next(ARRIVES)).isEqualTo(ResourceSubscriptions.historyUri(project));

            assertThat(session.send("resources/unsubscribe", uri(ResourceSubscriptions.historyUri(project)))
                    .getMap("error")).isNull();
            subscribe(session, ResourceSubscriptions.stateUri(project));
            append(project);
            writeState(project, "CP1-LC");

            assertThat(notifications.next(ARRIVES)).as("neither history change after unsubscribing")
                    .isEqualTo(ResourceSubscriptions.stateUri(project));
        }
    }

    @Test
    void aQuietStreamOutlivesTheHttpIdleTimeout() throws IOException, InterruptedException {
        append(project);
        McpSession session = McpSession.open(TokensProfile.VIEWER_TOKEN);
        try (McpNotifications notifications = McpNotifications.open(session)) {
            subscribe(session, ResourceSubscriptions.historyUri(project));
            notifications.settle(NOTHING_MORE);

            Thread.sleep(IDLE_TIMEOUT.multipliedBy(3).toMillis());
            append(project);

            assertThat(notifications.next(ARRIVES)).isEqualTo(ResourceSubscriptions.historyUri(project));
        }
    }

    @Test
    void theListedResourcesAreOnlyForViewersAndReadAsTheTemplatesDo() {
        writeState(project, "CP3-LC");
        given().contentType(ContentType.JSON).header("Accept", "application/json, text/event-stream")
                .body("""
                        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
                        "capabilities":{},"clientInfo":{"name":"anonymous","version":"1"}}}""")
                .when().post("/mcp")
                .then().statusCode(401);
        McpSession viewer = McpSession.open(TokensProfile.VIEWER_TOKEN);
        subscribe(viewer, ResourceSubscriptions.stateUri(project));

        assertThat(viewer.initialized().getBoolean("result.capabilities.resources.subscribe")).isTrue();
        assertThat(viewer.initialized().getBoolean("result.capabilities.resources.listChanged")).isTrue();
        assertThat(listed(viewer)).contains(ResourceSubscriptions.stateUri(project), ResourceSubscriptions.historyUri(project));
        JsonPath read = viewer.send("resources/read", uri(ResourceSubscriptions.stateUri(project)));
        assertThat(JsonPath.from(read.getString("result.contents[0].text")).getString("json.current_cp")).isEqualTo("CP3-LC");
    }

    @Test
    void pastTheBoundTheLeastRecentlyActiveProjectIsDelistedAndComesBackWhenRead()
            throws IOException, InterruptedException {
        append(project);
        McpSession session = McpSession.open(TokensProfile.VIEWER_TOKEN);
        try (McpNotifications notifications = McpNotifications.open(session)) {
            subscribe(session, ResourceSubscriptions.historyUri(project));
            notifications.settle(NOTHING_MORE);
            for (int i = 0; i < ResourceSubscriptions.MAX_LISTED_PROJECTS; i++) {
                append(Fixtures.newProject("busy"));
            }
            awaitDelisted(session, ResourceSubscriptions.stateUri(project));

            session.send("resources/read", uri(ResourceSubscriptions.historyUri(project)));
            assertThat(session.send("resources/subscribe", uri(ResourceSubscriptions.stateUri(project))).getMap("error"))
                    .as("a read lists it again").isNull();
            append(project);

            assertThat(notifications.next(ARRIVES)).as("the subscription made before it was delisted")
                    .isEqualTo(ResourceSubscriptions.historyUri(project));
        }
    }

    /** Subscribes once the project's resources are listed: they are, shortly after its first write commits. */
    private static void subscribe(McpSession session, String resource) {
        long deadline = System.nanoTime() + ARRIVES.toNanos();
        JsonPath answer = session.send("resources/subscribe", uri(resource));
        while (answer.getMap("error") != null && System.nanoTime() < deadline) {
            assertThat(answer.getInt("error.code")).isEqualTo(JsonRpcErrorCodes.RESOURCE_NOT_FOUND);
            pause();
            answer = session.send("resources/subscribe", uri(resource));
        }
        assertThat(answer.getMap("error")).as("subscribe %s", resource).isNull();
    }

    private static void awaitDelisted(McpSession session, String resource) {
        long deadline = System.nanoTime() + ARRIVES.toNanos();
        while (session.send("resources/subscribe", uri(resource)).getMap("error") == null) {
            assertThat(System.nanoTime()).as("%s still listed", resource).isLessThan(deadline);
            pause();
        }
    }

    private static List<String> listed(McpSession session) {
        List<String> uris = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = session.send("resources/list", cursor == null ? "{}" : "{\"cursor\":\"" + cursor + "\"}");
            uris.addAll(page.getList("result.resources.uri", String.class));
            cursor = page.getString("result.nextCursor");
        } while (cursor != null);
        return uris;
    }

    private static String uri(String resource) {
        return "{\"uri\":\"" + resource + "\"}";
    }

    private static void append(String project) {
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + TokensProfile.WRITER_TOKEN)
                .queryParam("project", project).body("{\"actor\":\"ci\",\"action\":\"build\"}")
                .when().post("/v1/devstate/history")
                .then().statusCode(201);
    }

    private static void writeState(String project, String checkpoint) {
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + TokensProfile.WRITER_TOKEN)
                .queryParam("project", project).body(Fixtures.validState(checkpoint))
                .when().put("/v1/devstate/state")
                .then().statusCode(200);
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
