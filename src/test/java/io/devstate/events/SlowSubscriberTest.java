package io.devstate.events;

import static io.devstate.testsupport.Fixtures.newProject;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.devstate.testsupport.EventStream;
import io.devstate.testsupport.PostgresResource;
import io.devstate.testsupport.SmallSendBuffer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/**
 * A subscriber that stops reading is disconnected, not buffered for: with a small allowance
 * (DEVSTATE_EVENTS_MAX_BUFFERED) and socket buffers of a few kilobytes on both sides, the service
 * writes only what the socket takes, notices the subscriber falling behind and ends its feed with
 * a {@code disconnected} event; when the client reads again it gets a fraction of the entries, in
 * order, then that reason and the end of the stream.
 */
@QuarkusTest
@TestProfile(SlowSubscriberTest.SmallAllowance.class)
@WithTestResource(PostgresResource.class)
class SlowSubscriberTest {

    static final int ALLOWANCE = 100;
    static final int APPENDS = 1000;

    public static class SmallAllowance implements QuarkusTestProfile {
        @Override
        public java.util.Map<String, String> getConfigOverrides() {
            return java.util.Map.of("devstate.events.max-buffered", String.valueOf(ALLOWANCE),
                    SmallSendBuffer.PROPERTY, "8192", "devstate.events.heartbeat", "300ms");
        }
    }

    @Test
    void aSubscriberThatStopsReadingIsDisconnectedWithAReasonNotBuffered() throws Exception {
        String project = newProject("stalled");
        String stream = stalledStream(project, project);
        List<Long> ids = Pattern.compile("(?m)^id:(\\d+)$").matcher(stream).results()
                .map(match -> Long.parseLong(match.group(1))).toList();
        assertThat(ids).as("entries the stalled subscriber got before it was dropped")
                .isNotEmpty().hasSizeLessThan(APPENDS - ALLOWANCE);
        for (int i = 0; i < ids.size(); i++) {
            assertThat(ids.get(i)).isEqualTo(i + 1L);
        }
        long lastId = ids.get(ids.size() - 1);
        assertThat(disconnectReason(stream)).contains("resume with Last-Event-ID");
        // Nothing was lost: resuming after the last id it got, the rest comes from the database.
        List<EventStream.Event> rest = EventStream.read("http://127.0.0.1:" + RestAssured.port, project,
                String.valueOf(lastId), APPENDS - (int) lastId, event -> { });
        assertThat(rest.get(0).id()).isEqualTo(String.valueOf(lastId + 1));
        assertThat(rest.get(rest.size() - 1).id()).isEqualTo(String.valueOf(APPENDS));
    }

    @Test
    void aSubscriberOfEveryProjectThatStopsReadingIsDisconnectedToo() throws Exception {
        String project = newProject("stalled-all");
        String stream = stalledStream("*", project);
        List<Long> seqs = Pattern.compile("(?m)^data:\\{\"project\":\"" + project + "\",\"seq\":(\\d+),").matcher(stream)
                .results().map(match -> Long.parseLong(match.group(1))).toList();
        assertThat(seqs).as("entries the stalled subscriber got before it was dropped")
                .isNotEmpty().hasSizeLessThan(APPENDS - ALLOWANCE);
        for (int i = 0; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).isEqualTo(i + 1L);
        }
        assertThat(stream).doesNotContainPattern("(?m)^id:");
        assertThat(disconnectReason(stream)).contains("every project").doesNotContain("Last-Event-ID");
    }

    @Test
    void aQuietFeedSendsHeartbeatComments() throws Exception {
        String project = newProject("quiet");
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(5000);
            InputStream in = openFeed(socket, project);
            StringBuilder seen = new StringBuilder();
            int heartbeats = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (heartbeats < 3 && System.nanoTime() < deadline) { // every 300 ms in this profile
                String line = readLine(in).strip();
                seen.append(line).append('\n');
                heartbeats += line.matches(": ?heartbeat") ? 1 : 0;
            }
            assertThat(heartbeats).as("heartbeat comments within 5 s, in %s", seen).isEqualTo(3);
        }
    }

    /**
     * The feed of {@code feedProject} read by a subscriber that reads nothing while {@link #APPENDS}
     * entries are appended to {@code project}, four writers at a time, then reads to its end.
     */
    private static String stalledStream(String feedProject, String project) throws Exception {
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            InputStream in = openFeed(socket, feedProject);

            List<CompletableFuture<Void>> writers = IntStream.range(0, 4)
                    .mapToObj(w -> CompletableFuture.runAsync(() -> {
                        for (int i = 0; i < APPENDS / 4; i++) {
                            given().contentType(ContentType.JSON).queryParam("project", project)
                                    .body("{\"actor\":\"writer-" + w + "\",\"action\":\"stall-" + i + "\"}")
                                    .when().post("/v1/devstate/history").then().statusCode(201);
                        }
                    }))
                    .toList();
            CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);

            // Heartbeats keep a feed that was not ended alive: bounded by a deadline, not by a read timeout.
            CompletableFuture<byte[]> body = CompletableFuture.supplyAsync(() -> {
                try {
                    return readToEnd(in);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            return new String(body.get(60, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        }
    }

    /** Connects {@code socket} and asks for the feed of {@code project}: the stream's body, after a 200 head. */
    private static InputStream openFeed(Socket socket, String project) throws IOException {
        socket.connect(new InetSocketAddress("127.0.0.1", RestAssured.port), 5000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /v1/devstate/events?project=" + project + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Accept: text/event-stream\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        assertThat(readHead(in)).startsWith("HTTP/1.1 200").containsIgnoringCase("text/event-stream");
        return in;
    }

    /** The data of the stream's {@code disconnected} event, which must say {@code too-slow}. */
    private static String disconnectReason(String stream) {
        Matcher reason = Pattern.compile("event:disconnected\\s*\\ndata:(.*)\\n").matcher(stream);
        assertThat(reason.find()).as("the disconnected event in %s", tail(stream)).isTrue();
        assertThat(reason.group(1)).contains("\"reason\":\"too-slow\"").contains("DEVSTATE_EVENTS_MAX_BUFFERED");
        return reason.group(1);
    }

    private static String tail(String stream) {
        return stream.substring(Math.max(0, stream.length() - 600));
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed in the response head: " + head);
            }
            head.write(b);
            matched = (b == '\r' || b == '\n') && "\r\n\r\n".charAt(matched) == b ? matched + 1 : 0;
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** The body of a chunked response up to its last chunk (the service ends the stream). */
    private static byte[] readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int size = Integer.parseInt(readLine(in).strip(), 16);
            if (size == 0) {
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) != '\n';) {
            if (b < 0) {
                throw new IOException("the stream ended without its last chunk, after: " + line);
            }
            line.append((char) b);
        }
        return line.toString();
    }
}
