package io.devstate.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.restassured.RestAssured;

/**
 * A session's {@code GET /mcp} event stream, where the server sends what it initiates: the URIs
 * of the {@code notifications/resources/updated} that arrive, in order (pings and log messages
 * skipped), read on a thread of its own as an SDK reads them.
 */
final class McpNotifications implements AutoCloseable {

    static final String UPDATED = "notifications/resources/updated";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** What the reader thread puts when the stream ends. */
    private static final String ENDED = "";

    private final BlockingQueue<String> updated = new LinkedBlockingQueue<>();
    private final InputStream body;

    private McpNotifications(InputStream body) {
        this.body = body;
        Thread reader = new Thread(this::read, "mcp-notifications");
        reader.setDaemon(true);
        reader.start();
    }

    static McpNotifications open(McpSession session) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + "/mcp"))
                .header("Accept", "text/event-stream")
                .header("Mcp-Session-Id", session.id());
        if (session.token() != null) {
            request.header("Authorization", "Bearer " + session.token());
        }
        HttpResponse<InputStream> response = HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /mcp answered " + response.statusCode());
        }
        return new McpNotifications(response.body());
    }

    /** The URI of the next resources/updated notification, or null when none comes within {@code wait}. */
    String next(Duration wait) throws InterruptedException {
        String uri = updated.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (ENDED.equals(uri)) {
            throw new IllegalStateException("the server closed the GET /mcp stream");
        }
        return uri;
    }

    /**
     * Discards what arrives until nothing has for {@code quiet}: a resource becomes subscribable
     * while the notification that listed it is still being handled, which may then reach the
     * new subscriber too.
     */
    void settle(Duration quiet) throws InterruptedException {
        while (next(quiet) != null) {
            // discarded
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null;) {
                if (line.startsWith("data:")) {
                    received(line.substring(5).strip());
                }
            }
        } catch (IOException closed) {
            // the test closed the stream, or the server did: both end the reading
        } finally {
            updated.add(ENDED);
        }
    }

    private void received(String data) {
        try {
            JsonNode message = JSON.readTree(data);
            if (UPDATED.equals(message.path("method").asText())) {
                updated.add(message.path("params").path("uri").asText());
            }
        } catch (JsonProcessingException unreadable) {
            updated.add("(not JSON-RPC: " + data + ")");
        }
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
