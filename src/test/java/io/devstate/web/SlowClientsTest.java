package io.devstate.web;

import static io.devstate.testsupport.Fixtures.newProject;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.devstate.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Clients that hold a connection without finishing: one that sends nothing is dropped after the
 * idle timeout; one that drips its body a byte at a time (which keeps the idle timer from firing)
 * gets a 408 problem document at the body timeout, the connection is closed and nothing is written.
 */
@QuarkusTest
@TestProfile(SlowClientsTest.ShortTimeouts.class)
@WithTestResource(PostgresResource.class)
class SlowClientsTest {

    public static class ShortTimeouts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.idle-timeout", "2s", "devstate.http.body-timeout", "1500ms");
        }
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAfterTheIdleTimeout() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            long start = System.nanoTime();
            assertThat(readAll(socket.getInputStream())).isEmpty();
            assertThat((System.nanoTime() - start) / 1_000_000).as("closed after the idle timeout (2 s)")
                    .isBetween(1_500L, 8_000L);
        }
    }

    @Test
    void aBodyDrippedByteByByteIsCutOffWith408AndNothingIsWritten() throws IOException, InterruptedException {
        String project = newProject("slow-body");
        String body = "{\"actor\":\"slow\",\"action\":\"note\",\"metadata\":{\"pad\":\"" + "x".repeat(40) + "\"}}";
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/devstate/history?project=" + project + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            // One byte every 300 ms: never idle for 2 s, done only after ~25 s.
            long start = System.nanoTime();
            try {
                for (int i = 0; i < body.length() && socket.getInputStream().available() == 0; i++) {
                    out.write(body.charAt(i));
                    out.flush();
                    Thread.sleep(300);
                }
            } catch (SocketException closed) {
                // the server closed the connection while we were still sending: read what it said
            }
            String answer = readAll(socket.getInputStream());
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

            assertThat(answer).startsWith("HTTP/1.1 408").contains("application/problem+json")
                    .contains("urn:devstate:problem:request-timeout");
            assertThat(elapsedMillis).as("cut off at the body timeout (1.5 s)").isBetween(1_000L, 6_000L);
        }
        given().queryParam("project", project).when().get("/v1/devstate/history/1").then().statusCode(404);
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) >= 0;) {
                bytes.write(buffer, 0, n);
            }
        } catch (SocketException reset) {
            // a reset after the answer counts as closed
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
