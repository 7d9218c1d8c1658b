package io.devstate.testsupport;

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
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A subscriber of GET /v1/devstate/events as a browser's EventSource reads it: a real HTTP stream,
 * parsed line by line (id, event, data; comments skipped).
 */
public final class EventStream {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One event: its id, name, data, and when it was read (System.nanoTime). */
    public record Event(String id, String name, JsonNode data, long receivedNanos) {
    }

    private EventStream() {
    }

    /**
     * Reads {@code count} events of {@code project} from {@code base}, after {@code lastEventId}
     * (null: from the start), handing each to {@code seen} as it arrives; then closes the stream.
     */
    public static List<Event> read(String base, String project, String lastEventId, int count, Consumer<Event> seen)
            throws IOException, InterruptedException {
        return read(base, project, lastEventId, count, event -> true, seen);
    }

    /**
     * As {@link #read(String, String, String, int, Consumer)}, keeping only the events {@code kept}
     * accepts ({@code project} may be {@code *}, whose feed carries every project's events).
     */
    public static List<Event> read(String base, String project, String lastEventId, int count, Predicate<Event> kept,
            Consumer<Event> seen) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/v1/devstate/events?project=" + project))
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200
                || !response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream")) {
            throw new IllegalStateException("GET /events: " + response.statusCode() + " "
                    + response.headers().firstValue("content-type").orElse("(no content type)"));
        }
        List<Event> events = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String name = null;
            StringBuilder data = new StringBuilder();
            for (String line; events.size() < count && (line = lines.readLine()) != null;) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        Event event = new Event(id, name, JSON.readTree(data.toString()), System.nanoTime());
                        if (kept.test(event)) {
                            events.add(event);
                            seen.accept(event);
                        }
                    }
                    id = null;
                    name = null;
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
        }
        return events;
    }
}
