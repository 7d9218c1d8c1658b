package io.devstate.files;

import static io.devstate.testsupport.Fixtures.newProject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.devstate.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * One large import at a time per replica: while one is being received, a second large one (under
 * any spelling of the path) is a 503 with Retry-After before its body is read; a small import
 * still goes through; when the first ends, the next large one is admitted.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class LargeImportsTest {

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)content-length: *(\\d+)");
    private static final int LARGE = 2 << 20; // over DEVSTATE_MAX_BODY_BYTES (1 MiB), under the import limit

    @Test
    void aSecondLargeImportWaitsItsTurn() throws Exception {
        String project = newProject("large-import");
        try (Socket first = startImport(project, "/v1/devstate/import", LARGE)) {
            first.getOutputStream().write("{\"files\":".getBytes(StandardCharsets.US_ASCII));
            first.getOutputStream().flush();
            Thread.sleep(300); // the first holds the slot from its headers on

            for (String path : new String[] { "/v1/devstate/import", "/v1/devstate/import/", "//v1/devstate/./import" }) {
                try (Socket second = startImport(project, path, LARGE)) {
                    String answer = read(second.getInputStream());
                    assertThat(answer).as(path).startsWith("HTTP/1.1 503").contains("Retry-After: 5")
                            .contains("urn:devstate:problem:import-in-progress");
                }
            }
            String small = "{\"files\":{}}";
            try (Socket third = startImport(project, "/v1/devstate/import", small.length())) {
                third.getOutputStream().write(small.getBytes(StandardCharsets.US_ASCII));
                assertThat(read(third.getInputStream())).as("a small import is not held back")
                        .doesNotStartWith("HTTP/1.1 503");
            }
        }
        Thread.sleep(300); // the first connection is gone: its slot is free
        try (Socket next = startImport(project, "/v1/devstate/import", LARGE)) {
            next.setSoTimeout(1000);
            // Admitted: the service waits for its body instead of answering.
            assertThatThrownBy(() -> next.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
        }
    }

    private static Socket startImport(String project, String path, int length) throws IOException {
        Socket socket = new Socket("127.0.0.1", RestAssured.port);
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + path + "?project=" + project + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** One response: headers and the body its Content-Length announces. */
    private static String read(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            text.append((char) c);
            int end = text.indexOf("\r\n\r\n");
            if (end >= 0) {
                Matcher length = CONTENT_LENGTH.matcher(text);
                int body = length.find() ? Integer.parseInt(length.group(1)) : 0;
                if (text.length() >= end + 4 + body) {
                    break;
                }
            }
        }
        return text.toString();
    }
}
